"""IsoFLOP sweeps of the scaling lab: the grid of chapter 11, Sec. 2, running many models, and experiment budgets.

Compute is counted in sample x parameter units: a run of a size-``N`` model on ``D`` samples costs ``C = N·D``
(an SGD step on ``B`` samples costs ``∝ B·N`` multiply-adds; the factor 6 of ``6ND`` does not change exponents).

The default sweep (chapter 11, Sec. 2) has five budgets ``C = 4**9 ... 4**13`` and, for each, ten sizes
``N = round(N_c 10**u)`` for ``u`` equally spaced in ``[-1, 1]`` around ``N_c = 0.6 C**(1/(1+a))``, with
``D = C // N``: 50 models.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar, positive_array, positive_scalar
from .config import DEFAULT, LabConfig, check_size
from .train import Method, as_generator, train_model

__all__ = [
    "LAB_BUDGETS",
    "EXPERIMENT_BUDGET",
    "MAX_RUN_COMPUTE",
    "TARGET_BUDGET",
    "LabRuns",
    "Plan",
    "isoflop_sizes",
    "default_plan",
    "make_plan",
    "plan_compute",
    "run_sweep",
    "run_experiments",
    "Experiments",
]

Float64Array = NDArray[np.float64]

#: The five isoFLOP budgets of the lab, 4**9 ... 4**13 = 262,144 ... 67,108,864 sample x parameter (chapter 11, Sec. 2).
LAB_BUDGETS: tuple[int, ...] = tuple(4**k for k in range(9, 14))

#: Rules of the prediction challenge (chapter 11, exercise 11.6): total compute of all experiment runs ...
EXPERIMENT_BUDGET: float = 2e8
#: ... no single run above this budget ...
MAX_RUN_COMPUTE: float = 1e7
#: ... and predict the compute-optimal model at this budget, 100x the largest allowed run.
TARGET_BUDGET: float = 1e9


def isoflop_sizes(C: float, *, config: LabConfig = DEFAULT, n: int = 10, half_width: float = 1.0,
                  centre: float = 0.6) -> NDArray[np.int64]:
    """Model sizes of one isoFLOP profile (chapter 11, Sec. 2).

    ``N = round(centre · C**(1/(1+a)) · 10**u)`` for ``n`` values of ``u`` equally spaced in
    ``[-half_width, +half_width]`` (decades); duplicates removed, ``N >= 2``, and ``D = C // N >= B`` kept.

    Parameters
    ----------
    C
        Compute budget (sample x parameter).
    config
        Lab settings (``a`` places the centre; ``B`` limits the largest size).
    n
        Number of sizes before de-duplication.
    half_width
        Half-width of the grid in decades (1.0: the lab's x100 range; 0.5: x10).
    centre
        Prefactor of the grid centre ``centre · C**(1/(1+a))``.
    """
    c = positive_scalar(C, "C (compute budget)")
    k = int(finite_scalar(n, "n"))
    if k < 3:
        raise ValueError(f"n must be >= 3 (a parabola needs 3 sizes); got {n}.")
    w = positive_scalar(half_width, "half_width (decades)")
    nc = positive_scalar(centre, "centre") * c ** (1.0 / (1.0 + config.a))
    sizes = np.unique(np.round(nc * 10.0 ** np.linspace(-w, w, k)).astype(np.int64))
    sizes = sizes[(sizes >= 2) & (c // np.maximum(sizes, 1) >= config.batch) & (sizes <= config.V)]
    if sizes.size < 3:
        raise ValueError(f"budget C = {c:.3g} leaves fewer than 3 usable sizes (need D = C // N >= B = "
                         f"{config.batch}); use a larger budget.")
    return sizes


@dataclass(frozen=True, eq=False)  # holds arrays
class Plan:
    """Runs to train: nominal budget ``C`` and size ``N`` of each (``D = C // N``)."""

    C: Float64Array
    N: NDArray[np.int64]

    @property
    def D(self) -> NDArray[np.int64]:
        """Training samples of each run, ``C // N``."""
        return (np.floor(self.C).astype(np.int64) // self.N).astype(np.int64)

    @property
    def compute(self) -> NDArray[np.int64]:
        """Compute actually used by each run, ``N · D`` (<= its nominal budget)."""
        return self.N * self.D

    def __len__(self) -> int:
        return int(self.N.size)


def make_plan(C: ArrayLike, N: ArrayLike, *, config: LabConfig = DEFAULT) -> Plan:
    """A plan from one budget per run and one size per run (``D = C // N``).

    Raises
    ------
    ValueError
        For mismatched lengths, non-integer or out-of-range sizes, or a run with ``D < B``.
    """
    c = positive_array(C, "C (budgets)")
    n_float = positive_array(N, "N (sizes)")
    if c.size != n_float.size:
        raise ValueError(f"C and N need one entry per run; got {c.size} budgets and {n_float.size} sizes. "
                         "Use np.repeat / np.concatenate to list every run.")
    n = np.array([check_size(x, config) for x in n_float], dtype=np.int64)
    d = np.floor(c).astype(np.int64) // n
    bad = np.flatnonzero(d < config.batch)
    if bad.size:
        j = int(bad[0])
        raise ValueError(f"run {j} (C = {c[j]:.3g}, N = {n[j]}) gets D = C // N = {d[j]} samples, less than one "
                         f"batch of {config.batch}; use a smaller N or a larger C.")
    return Plan(C=c, N=n)


def default_plan(budgets: Sequence[float] = LAB_BUDGETS, *, config: LabConfig = DEFAULT, n: int = 10,
                 half_width: float = 1.0, centre: float = 0.6) -> Plan:
    """The isoFLOP sweep of chapter 11, Sec. 2: :func:`isoflop_sizes` for every budget (50 models by default)."""
    bud = positive_array(budgets, "budgets")
    sizes = [isoflop_sizes(b, config=config, n=n, half_width=half_width, centre=centre) for b in bud]
    return make_plan(np.repeat(bud, [s.size for s in sizes]), np.concatenate(sizes), config=config)


def plan_compute(plan: Plan) -> float:
    """Total compute ``sum N·D`` of a plan (sample x parameter)."""
    return float(np.sum(plan.compute, dtype=float))


@dataclass(frozen=True, eq=False)  # holds arrays
class LabRuns:
    """Results of a sweep: one entry per trained model.

    Attributes
    ----------
    C
        Nominal budget of each run (the isoFLOP profile it belongs to).
    N, D, steps
        Size, samples and SGD steps of each run.
    loss
        Exact final population loss of each run.
    seed
        Seed of the generator shared by the runs (consumed in order).
    config
        Lab settings.
    seconds
        Wall-clock training time (varies from run to run: do not print it in a notebook).
    """

    C: Float64Array
    N: NDArray[np.int64]
    D: NDArray[np.int64]
    steps: NDArray[np.int64]
    loss: Float64Array
    seed: int
    config: LabConfig = DEFAULT
    seconds: float = field(default=0.0, compare=False)

    def __len__(self) -> int:
        return int(self.N.size)

    @property
    def compute(self) -> NDArray[np.int64]:
        """Compute used by each run, ``N · D``."""
        return self.N * self.D

    @property
    def budgets(self) -> Float64Array:
        """The distinct nominal budgets, increasing."""
        return np.unique(self.C)

    def profile(self, C: float) -> LabRuns:
        """The runs of one isoFLOP profile (nominal budget ``C``)."""
        sel = np.isclose(self.C, C, rtol=1e-9)
        if not sel.any():
            raise ValueError(f"no runs at budget {C:.6g}; budgets are {', '.join(f'{b:.6g}' for b in self.budgets)}.")
        return LabRuns(C=self.C[sel], N=self.N[sel], D=self.D[sel], steps=self.steps[sel], loss=self.loss[sel],
                       seed=self.seed, config=self.config)

    def table(self) -> str:
        """A fixed-width text table of the runs (rounded, identical on every machine)."""
        lines = [f"{'budget C':>10} {'N':>6} {'D':>9} {'steps':>6} {'loss':>9}"]
        for c, n, d, t, loss in zip(self.C, self.N, self.D, self.steps, self.loss, strict=True):
            lines.append(f"{c:10.3g} {n:6d} {d:9d} {t:6d} {loss:9.5f}")
        return "\n".join(lines)


def _as_plan(plan: Plan | Iterable[tuple[float, int]], config: LabConfig) -> Plan:
    if isinstance(plan, Plan):
        return plan
    try:
        pairs = np.asarray(list(plan), dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("plan must be a Plan (see make_plan) or a list of (C, N) pairs.") from exc
    if pairs.ndim != 2 or pairs.shape[1] != 2 or pairs.shape[0] == 0:
        raise ValueError(f"plan must be a non-empty list of (C, N) pairs; got shape {pairs.shape}.")
    return make_plan(pairs[:, 0], pairs[:, 1], config=config)


def run_sweep(plan: Plan | Iterable[tuple[float, int]] | None = None, *, seed: int = 0,
              config: LabConfig = DEFAULT, method: Method = "implicit", progress: bool = True) -> LabRuns:
    """Train every run of ``plan`` with one seeded generator, consumed in order (chapter 11, Sec. 1).

    Parameters
    ----------
    plan
        A :class:`Plan` (:func:`default_plan`, :func:`make_plan`) or a list of ``(C, N)`` pairs;
        ``None`` means the default 50-model sweep.
    seed
        Seed of the generator shared by all runs (same seed and plan: same numbers on every machine).
    config
        Lab settings.
    method
        ``"implicit"`` (default) or ``"explicit"`` batches; see :mod:`scaling_helpers.lab.train`.
    progress
        Show a tqdm progress bar (its output varies: mark such a notebook cell ``# NBVAL_IGNORE_OUTPUT``).
    """
    p = default_plan(config=config) if plan is None else _as_plan(plan, config)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed!r:.60}.")
    gen = as_generator(int(seed))
    from tqdm.auto import tqdm

    losses, steps = np.empty(len(p)), np.empty(len(p), dtype=np.int64)
    t0 = time.perf_counter()
    for j in tqdm(range(len(p)), desc="training", unit="model", disable=not progress):
        m = train_model(int(p.N[j]), int(p.D[j]), rng=gen, config=config, method=method)
        losses[j], steps[j] = m.loss, m.steps
    return LabRuns(C=p.C.copy(), N=p.N.copy(), D=p.D.copy(), steps=steps, loss=losses, seed=int(seed),
                   config=config, seconds=time.perf_counter() - t0)


class Experiments:
    """Your experiment budget for the prediction challenge (chapter 11, exercise 11.6), CS336-style.

    Every call of :meth:`run` trains the runs of a plan with one seeded generator shared by all calls, after
    checking the rules: no run above ``max_run`` (its nominal budget ``C``) and a total ``sum N·D`` over all calls
    within ``budget``. The rules are checked here, not by the grader: the point is to learn to spend a budget well.

    Parameters
    ----------
    seed
        Seed of the generator shared by all runs.
    budget
        Total compute allowed for all runs (default :data:`EXPERIMENT_BUDGET` = 2e8).
    max_run
        Largest nominal budget of a single run (default :data:`MAX_RUN_COMPUTE` = 1e7).
    config
        Lab settings.
    """

    def __init__(self, seed: int = 0, *, budget: float = EXPERIMENT_BUDGET, max_run: float = MAX_RUN_COMPUTE,
                 config: LabConfig = DEFAULT) -> None:
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer; got {seed!r:.60}.")
        self.seed = int(seed)
        self.budget = positive_scalar(budget, "budget")
        self.max_run = positive_scalar(max_run, "max_run")
        self.config = config
        self.spent = 0.0
        self._gen = as_generator(self.seed)
        self._done: list[LabRuns] = []

    @property
    def remaining(self) -> float:
        """Compute still available."""
        return self.budget - self.spent

    def check(self, plan: Plan | Iterable[tuple[float, int]]) -> Plan:
        """Validate a plan against the rules without running it; returns it as a :class:`Plan`."""
        p = _as_plan(plan, self.config)
        big = np.flatnonzero(p.C > self.max_run * (1 + 1e-12))
        if big.size:
            raise ValueError(f"{big.size} run(s) have a budget above the per-run limit {self.max_run:.3g} (largest: "
                             f"{p.C.max():.3g}); use budgets <= {self.max_run:.3g}.")
        cost = plan_compute(p)
        if cost > self.remaining * (1 + 1e-12):
            raise ValueError(f"the plan needs {cost:.3g} sample x parameter but only {self.remaining:.3g} of the "
                             f"experiment budget {self.budget:.3g} is left; drop runs or use smaller budgets "
                             "(each run costs N·D ≈ its budget C).")
        return p

    def run(self, plan: Plan | Iterable[tuple[float, int]], *, progress: bool = False) -> LabRuns:
        """Train the runs of ``plan`` if the rules allow it, and charge their compute to the budget."""
        p = self.check(plan)
        losses, steps = np.empty(len(p)), np.empty(len(p), dtype=np.int64)
        from tqdm.auto import tqdm

        for j in tqdm(range(len(p)), desc="experiments", unit="model", disable=not progress):
            m = train_model(int(p.N[j]), int(p.D[j]), rng=self._gen, config=self.config)
            losses[j], steps[j] = m.loss, m.steps
        self.spent += plan_compute(p)
        out = LabRuns(C=p.C.copy(), N=p.N.copy(), D=p.D.copy(), steps=steps, loss=losses, seed=self.seed,
                      config=self.config)
        self._done.append(out)
        return out

    @property
    def all_runs(self) -> LabRuns:
        """Every run made so far, in order."""
        if not self._done:
            raise ValueError("no experiments have been run yet.")
        cat = {k: np.concatenate([getattr(r, k) for r in self._done]) for k in ("C", "N", "D", "steps", "loss")}
        return LabRuns(seed=self.seed, config=self.config, **cat)

    def __repr__(self) -> str:
        return f"Experiments(seed={self.seed}, spent {self.spent:.3g} of {self.budget:.3g})"


def run_experiments(plan: Plan | Iterable[tuple[float, int]], *, seed: int = 0, budget: float = EXPERIMENT_BUDGET,
                    max_run: float = MAX_RUN_COMPUTE, config: LabConfig = DEFAULT,
                    progress: bool = False) -> LabRuns:
    """Run one plan under the challenge's rules: ``Experiments(seed, budget=..., max_run=...).run(plan)``.

    Raises
    ------
    ValueError
        If the plan breaks a rule; the message says by how much.
    """
    return Experiments(seed, budget=budget, max_run=max_run, config=config).run(plan, progress=progress)
