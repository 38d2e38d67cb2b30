"""Chapter 11 exercises: the scaling lab (capstone)."""

from __future__ import annotations

import math

from .model import Choice, Criterion, Exercise, Mistake, NamedData, Written

STEM = "11_scaling_lab"

#: Values a common mistake produces on the seed-1 sweep of exercises 11.2 (recomputed by tests/test_lab_specs.py).
SEED1_LOG_L_SLOPE = 0.4957
SEED1_APPROACH3_SLOPE = 0.3449
#: Expected loss of the true optimum at the challenge's target budget (exercise 11.6; checked by the same tests).
TARGET_LOSS = 0.005036

#: Seed-3 lab sweep: 4 budgets 4^9..4^12, 8 sizes each (run_sweep(default_plan(budgets, n=8), seed=3)),
#: losses to 6 significant digits.
_SEED3_N = (
    9, 17, 33, 63, 123, 237, 457, 882, 15, 30, 57, 111, 213, 412, 796, 1536, 27, 52, 100, 192, 372, 717, 1385,
    2674, 47, 90, 174, 335, 647, 1249, 2412, 4656
)
_SEED3_L = (
    0.0163812, 0.0100796, 0.010564, 0.0148743, 0.0258759, 0.0395587, 0.0703567, 0.125967, 0.0104625, 0.00721457,
    0.00746491, 0.00941287, 0.0140602, 0.0219256, 0.0363578, 0.0595809, 0.00731336, 0.0059886, 0.00608157,
    0.0070352, 0.00877323, 0.0118829, 0.0206467, 0.0296763, 0.00602091, 0.00543649, 0.00546533, 0.00586329,
    0.00667679, 0.00825533, 0.0113018, 0.0165044
)
_SEED3_C = tuple(float(c) for c in (262144, 1048576, 4194304, 16777216) for _ in range(8))

#: Seed-4 lab sweep: 4 budgets 4^10..4^13, 7 sizes each (run_sweep(default_plan(budgets, n=7), seed=4)),
#: losses to 6 significant digits.
_SEED4_N = (
    15, 33, 71, 154, 331, 713, 1536, 27, 58, 124, 267, 576, 1241, 2674, 47, 100, 216, 466, 1003, 2161, 4656, 81,
    175, 376, 811, 1747, 3763, 8107
)
_SEED4_L = (
    0.0104738, 0.007082, 0.00803605, 0.0110553, 0.0183669, 0.0350097, 0.0623031, 0.00731341, 0.00592051,
    0.00626037, 0.00775692, 0.0107775, 0.0180382, 0.0305091, 0.0060219, 0.00540042, 0.00557656, 0.00625131,
    0.00762438, 0.0104418, 0.0163789, 0.00545507, 0.00517716, 0.00524826, 0.00551811, 0.00611961, 0.00744662,
    0.0101955
)
_SEED4_C = tuple(float(c) for c in (1048576, 4194304, 16777216, 67108864) for _ in range(7))


def _columns(name: str, *columns: tuple[float, ...]) -> tuple[NamedData, ...]:
    return tuple(NamedData(f"<{k} of {name}>", c) for k, c in zip(("C", "N", "L"), columns, strict=True))


def _chinchilla_sweep() -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    """Exact losses of Epoch AI's refit of Chinchilla (Besiroglu et al. 2024, arXiv:2404.10102, Table 1) on three
    isoFLOP profiles, 9 sizes each around sqrt(C/120) (about 20 tokens per parameter), C = 6ND."""
    E, A, B, alpha, beta = 1.8172, 482.01, 2085.43, 0.3478, 0.3658
    runs = [(c, 10 ** (0.5 * math.log10(c / 120) + 0.15 * k)) for c in (1e19, 1e20, 1e21) for k in range(-4, 5)]
    return (tuple(c for c, _ in runs), tuple(n for _, n in runs),
            tuple(E + A / n**alpha + B / (c / (6 * n)) ** beta for c, n in runs))


_CHIN_C, _CHIN_N, _CHIN_L = _chinchilla_sweep()

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="11.1", name="lab_exponents", kind="function", title="The lab's compute-optimal exponents",
        points=2, rtol=1e-6, atol=1e-12,
        inputs=((1.5, 2.5), (1.25, 2.25), (2.0, 2.5), (1.0, 1.5)),
        extra={"names": ["xi_N", "xi_D", "loss exponent"]},
        hint="Minimise A·N^-p + B·D^-q with D = C/N, where p = kappa - 1 and q = (kappa - 1)/a: set the "
             "derivative in N to zero and read off how N* grows with C. Then D* = C/N*, and substitute back "
             "for the loss.",
        method_hint="With D = C/N, d/dN [A·N^-p + B·(C/N)^-q] = 0 gives N*^(p+q) ∝ C^q, so xi_N = q/(p+q), "
                    "xi_D = 1 − xi_N, and both terms scale as C^(−p·xi_N).",
        level="core", minutes=15,
    ),
    Exercise(
        id="11.2", name="approach2_fit", kind="function", title="From scratch: an Approach-2 estimator",
        points=4, rtol=1e-3, timeout=2.0,
        inputs=((*_columns("seed-3 runs", _SEED3_C, _SEED3_N, _SEED3_L), 1e9),
                (*_columns("seed-4 runs", _SEED4_C, _SEED4_N, _SEED4_L), 1e9),
                (*_columns("seed-4 runs", _SEED4_C, _SEED4_N, _SEED4_L), 1e11),
                (*_columns("Epoch's Chinchilla law", _CHIN_C, _CHIN_N, _CHIN_L), 1e24)),
        extra={"names": ["xi", "N* at C_target"]},
        hint="Approach 2 has two stages: find the loss-minimising size on each isoFLOP profile, then fit a "
             "power law through those minima and extrapolate it.",
        method_hint="Group the runs by their budget C. For each group fit a parabola to L (not log L) as a "
                    "function of log N (np.polyfit, degree 2) and take its vertex, log N* = −b/(2a). Then fit "
                    "log N* = log k + xi·log C by least squares and return (xi, k·C_target^xi).",
        level="core", minutes=25,
    ),
    Exercise(
        id="11.3", name="a3_params", kind="numbers", title="Approach 3 on the same runs, all budgets and the largest",
        points=2, rtol=0.01, length=4, extra={"names": ["alpha", "beta", "xi_3", "xi_3 (3 largest budgets)"]},
        hint="Fit E + A/N^alpha + B/D^beta the way the lecture does (summed Huber loss, the lab's 8 starts), once "
             "on all 50 runs and once on the runs of the three largest budgets; the allocation exponent is "
             "beta/(alpha + beta).",
        method_hint="Select the runs with runs.C >= runs.budgets[-3] and rebuild a LabRuns from the selected "
                    "arrays (C, N, D, steps, loss, seed). Averaging the Huber terms instead of summing them "
                    "stops L-BFGS early (chapter 3).",
        mistakes=(
            Mistake(0.4148, "That is Approach 2's exponent on these runs; this item is Approach 3's "
                            "beta/(alpha + beta).", rtol=0.003),
            Mistake(0.4, "0.400 is the theory's 1/(1+a); the item asks what the fit returns.", rtol=0.001),
        ),
        level="core", minutes=12,
    ),
    Exercise(
        id="11.4", name="bias_answer", kind="choice", title="Why Approach 3 is biased here",
        choices=(
            Choice("A", "Eight initialisations are too few: with Hoffmann's 4,500 starts the optimiser "
                        "would find an unbiased optimum.",
                   "No: the 4,500-start grid reaches the same optimum. The bias is there at the best fit."),
            Choice("B", "The true loss is not a sum of an N-term and a D-term: near the optimum the limits "
                        "interact, so the form is wrong."),
            Choice("C", "SGD noise in the runs pulls the fitted exponents down, and averaging more seeds "
                        "per run would remove the bias.",
                   "The bias is the same on the noise-free loss (0.360 against 0.400), so noise is not the "
                   "cause."),
            Choice("D", "The Huber threshold δ = 1e-3 treats the largest runs as outliers and ignores "
                        "them, which tilts the exponents.",
                   "Huber does not ignore points; and the fit is the same with least squares on exact "
                   "data."),
        ),
        hint="Look at the noise-free result (no training noise at all) and at the two limits of the loss.",
        method_hint="Eliminate the options one by one: which would change if there were no noise, or with "
                    "4,500 starts, or with least squares instead of Huber?",
        level="core", minutes=5,
    ),
    Exercise(
        id="11.5", name="n_growth", kind="number", title="Spot the error: 100x compute, 10x model?",
        rtol=0.03,
        hint="In the lab N* ∝ C^(1/(1+a)) with a = 1.5. How much is 100 raised to that power?",
        method_hint="Your lab_exponents of 9.1 gives xi_N for a = 1.5, kappa = 2.5; the growth factor is "
                    "100^xi_N.",
        level="core", minutes=3,
        mistakes=(
            Mistake(10.0, "That is the common rule N ∝ C^0.5 (Chinchilla's fit). The lab's theory gives "
                          "N* ∝ C^(1/(1+a)) with a = 1.5."),
            Mistake(100**0.6, "15.8 = 100^0.6 is the growth of the data D*, not of the model size."),
            Mistake(100.0, "Only N·D grows 100x; N* grows by 100 to the power 1/(1+a)."),
        ),
    ),
    Exercise(
        id="11.6", name="prediction", kind="numbers", title="Predict the optimum at 100x compute",
        points=3, rtol=0.3, length=2, extra={"names": ["N_star", "excess loss L* - E"]},
        hint="Centre narrow isoFLOP grids (about ±0.5 decade) on each budget's optimum (a coarse first pass "
             "finds it), fit parabolas to L, extrapolate log N* linearly in log C, and extrapolate the excess "
             "loss L_min - E (E = 0.005 is known) as a power law of C. Grids centred far from the optimum, "
             "parabolas on log L and Approach 3's allocation all miss by more than 30% here.",
        method_hint="Spend about a third of the budget on a coarse pass (two budgets, wide grids), the rest on "
                    "four budgets up to the 1e7 limit with six sizes each within ±0.4 decade of the located "
                    "optimum; then your own Approach-2 estimator of 9.2.",
        level="core", minutes=30,
        mistakes=(
            Mistake(TARGET_LOSS, "That looks like the loss L* itself. The item asks for the reducible part "
                                 "L* - E, with E = sigma^2/2 = 0.005.", rtol=0.03),
        ),
    ),
    Exercise(
        id="11.7", name="theory_answer", kind="choice", title="What is a 'theory' of scaling laws?",
        choices=(
            Choice("A", "A first-principles derivation of GPT-style exponents, such as Chinchilla's α = "
                        "0.34 and β = 0.28, from the architecture.",
                   "No theory predicts a language model's constants from first principles; they are "
                   "measured."),
            Choice("B", "A proof that the compute-optimal model size grows as C^0.5 for every model "
                        "family, whatever the data.",
                   "The lab has N_opt ∝ C^0.4, and its theory says the exponent depends on the data's "
                   "spectrum."),
            Choice("C", "Solvable models (e.g. regression on data with a power-law spectrum) in which "
                        "power laws and exponent relations follow."),
            Choice("D", "Broken neural scaling laws: a flexible formula with smooth bends that fits and "
                        "extrapolates any scaling curve.",
                   "BNSL is a fitting form, not an explanation of why power laws appear."),
        ),
        hint="Think of what the lab's own derivation gave us, and what it needed as input.",
        method_hint="In Section 5 the exponents followed from two measured properties of the data (a, kappa); "
                    "which option is a derivation of that kind?",
        level="core", minutes=4,
    ),
    Exercise(
        id="11.8", name="large_answer", kind="choice",
        title="Predict, then check: Approach 3 on the largest budgets only",
        choices=(
            Choice("A", "It moves most of the way to 0.400, since the largest budgets are the least noisy "
                        "runs of the sweep.",
                   "The largest budgets are the least noisy, but the refit moves by less than 0.01: noise is "
                   "not what biases Approach 3 here."),
            Choice("B", "It barely moves: it stays well below 0.400, within about 0.01 of the value on "
                        "all runs."),
            Choice("C", "It overshoots above 0.400, since fewer runs constrain the capacity exponent alpha "
                        "less tightly.",
                   "Fewer runs widen the uncertainty but do not flip the sign of the bias; the refit stays "
                   "below 0.400."),
            Choice("D", "It cannot be computed: a parametric fit needs at least five budgets to pin down "
                        "its five constants.",
                   "Five constants need at least five runs, not five budgets: the 30 runs of three budgets "
                   "are plenty."),
        ),
        hint="Ask what could cause Approach 3's bias in the lab, and whether that cause is weaker at large "
             "budgets.",
        method_hint="Commit first; 9.3 then computes xi_3 on all runs and on the three largest budgets.",
        level="core", minutes=5,
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="11.w1", title="Which exponent would you report from the 50 runs?",
        rubric=(
            Criterion("Quotes the estimates: Approach 2 (9.2) and Approach 3 (9.3) on all budgets and on the "
                      "largest, and the theory's 0.400.", 1),
            Criterion("Chooses one (or a range) and justifies it with what the lab shows: Approach 3's "
                      "additive form is wrong near the optimum, so dropping small budgets does not remove its "
                      "bias; Approach 2 assumes only a smooth valley.", 2),
            Criterion("States the uncertainty honestly (seed-to-seed spread of about ±0.02, a different seed "
                      "or grid moves the answer) and what it means for a 100× extrapolation of N*.", 1),
        ),
        min_words=70, max_words=200, level="core", minutes=12,
    ),
    Written(
        id="11.w2", title="Defend your prediction-challenge design",
        rubric=(
            Criterion("Describes the plan of 9.6: how the budget was split between locating the optimum and "
                      "measuring it, which budgets and how wide the grids were.", 1),
            Criterion("Justifies each choice with a bias or a variance seen in the lab: centred narrow grids "
                      "(parabola bias), the largest budgets allowed (shorter extrapolation), fitting L not log L.", 2),
            Criterion("Names the main remaining risk of the 100× extrapolation and one change that would "
                      "reduce it with the same budget.", 1),
        ),
        min_words=70, max_words=200, level="stretch", minutes=12,
    ),
)
