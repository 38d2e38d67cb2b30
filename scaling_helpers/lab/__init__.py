"""The scaling lab of chapter 11: power-law linear regression trained by one-pass SGD (chapter 11).

Modules
-------
:mod:`~scaling_helpers.lab.config`
    The data model (spectrum ``i**-a``, signal ``i**-kappa``, noise ``sigma``) and :class:`LabConfig`.
:mod:`~scaling_helpers.lab.train`
    One model trained by minibatch SGD with a linearly decaying learning rate.
:mod:`~scaling_helpers.lab.loss`
    Exact, Monte-Carlo, expected (over training) and theoretical losses.
:mod:`~scaling_helpers.lab.sweep`
    IsoFLOP grids, sweeps of many models, and the experiment budget of the prediction challenge.
:mod:`~scaling_helpers.lab.theory`
    Exponents of the continuum theory and the true compute-optimal models.
:mod:`~scaling_helpers.lab.analysis`
    Chinchilla's Approaches 2 and 3 with the chapter-3 tools, and their biases.
:mod:`~scaling_helpers.lab.quanta`
    The Zipf "quanta" memoriser (warm-up: power laws without gradient descent).
:mod:`~scaling_helpers.lab.figures`, :mod:`~scaling_helpers.lab.widgets`
    The chapter's figures and its theory explorer.
"""

from .analysis import (
    LAB_STARTS,
    approach2,
    approach3,
    approach3_optimum,
    bootstrap_approach2,
    fine_argmin_slope,
    noise_free_runs,
    parabola_bias,
)
from .config import DEFAULT, LabConfig
from .loss import continuum_loss, expected_loss, initial_loss, monte_carlo_loss, population_loss, theory_loss
from .quanta import (
    memoriser_asymptotic,
    memoriser_expected_loss,
    quanta_curves,
    sample_quanta,
    zipf_exponent_histogram,
    zipf_exponent_mle,
    zipf_frequencies,
)
from .sweep import (
    EXPERIMENT_BUDGET,
    LAB_BUDGETS,
    MAX_RUN_COMPUTE,
    TARGET_BUDGET,
    Experiments,
    LabRuns,
    Plan,
    default_plan,
    isoflop_sizes,
    make_plan,
    plan_compute,
    run_experiments,
    run_sweep,
)
from .theory import (
    LabOptimum,
    TheoryExponents,
    continuum_optimum,
    optimum_slope,
    theory_exponents,
    theory_optimum,
    true_optima,
    true_optimum,
)
from .train import TrainedModel, train_model

__all__ = [
    "DEFAULT", "EXPERIMENT_BUDGET", "Experiments", "LAB_BUDGETS", "LAB_STARTS", "MAX_RUN_COMPUTE", "TARGET_BUDGET", "LabConfig",
    "LabOptimum", "LabRuns", "Plan", "TheoryExponents", "TrainedModel", "approach2", "approach3",
    "approach3_optimum", "bootstrap_approach2", "continuum_loss", "continuum_optimum", "default_plan",
    "expected_loss", "fine_argmin_slope", "initial_loss", "isoflop_sizes", "make_plan", "memoriser_asymptotic",
    "memoriser_expected_loss", "monte_carlo_loss", "noise_free_runs", "optimum_slope", "parabola_bias",
    "plan_compute", "population_loss", "quanta_curves", "run_experiments", "run_sweep", "theory_exponents",
    "theory_loss", "theory_optimum", "train_model", "true_optima", "true_optimum", "zipf_frequencies",
    "sample_quanta", "zipf_exponent_histogram", "zipf_exponent_mle",
]
