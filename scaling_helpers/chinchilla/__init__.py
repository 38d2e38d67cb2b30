"""Chapter 3, Chinchilla: the parametric law L(N, D) and its published constants, the three approaches of
Hoffmann et al. (2022) (envelope, IsoFLOP minima, Approach-3 fit with bootstrap), alternative functional forms,
and the Chinchilla runs (:mod:`.data`, set up with ``python -m scaling_helpers.fetch_data``).

Modules: :mod:`.laws` (ParametricLaw and constant sets), :mod:`.fit`, :mod:`.reference`, :mod:`.bootstrap`,
:mod:`.diagnostics`, :mod:`.objective`, :mod:`.result` (Approach 3), :mod:`.isoflop` (Approach 2),
:mod:`.envelope` (Approach 1), :mod:`.forms`, :mod:`.heldout`, :mod:`.bnsl` (other forms), :mod:`.published`;
figures in :mod:`.figures`, the IsoFLOP widget in :mod:`.widgets`.
"""

from .bnsl import BNSLFit, bnsl, fit_bnsl
from .bootstrap import BootstrapResult, bootstrap_parametric
from .data import (
    DATA_FILENAME,
    DATA_SHA256,
    DATA_URL,
    ENV_VAR,
    N_OUTLIERS,
    ChecksumError,
    ChinchillaPoints,
    DataNotFoundError,
    cache_dir,
    find_chinchilla_csv,
    load_chinchilla_points,
    sha256_of,
)
from .diagnostics import OptimisationTrace, huber_log_likelihood, trace_from
from .envelope import EnvelopeFit, TrainingCurves, fit_envelope, simulate_training_curves
from .fit import fit_parametric
from .forms import D_REF, FORMS, N_REF, Form, FormFit, fit_form, huber_sum
from .heldout import HeldOutComparison, HeldOutRow, heldout_comparison
from .isoflop import (
    HOFFMANN_BUDGETS,
    IsoFLOPFit,
    IsoFLOPMinimum,
    assign_budgets,
    fit_isoflop_minima,
    group_by_budget,
    isoflop_minimum,
    simulate_isoflop_runs,
)
from .laws import BESIROGLU_2024, CONSTANT_SETS, HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, ParametricLaw
from .objective import HOFFMANN_GRID_AXES, MIN_POINTS, PARAM_NAMES, hoffmann_grid, huber_lse_objective
from .published import (
    CHINCHILLA_BUDGET_FLOPS,
    EPOCH_GRID_FIT,
    EPOCH_TABLE1,
    FIGURE1_MODELS,
    LLAMA3_FLAGSHIP,
    LLAMA3_TOKENS_LAW,
    TABLE2_EXPONENTS,
    TABLE3_APPROACH1,
    TABLE_A3_APPROACH2,
    TABLE_A3_APPROACH3,
    TABLE_A3_TYPO,
    ExponentRow,
    ProjectionRow,
    PublishedModel,
    TokensLaw,
)
from .reference import fit_from, fit_parametric_reference
from .result import ParametricFit

__all__ = [
    "ParametricLaw",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "BESIROGLU_2024",
    "CONSTANT_SETS",
    "DATA_FILENAME",
    "DATA_SHA256",
    "DATA_URL",
    "ENV_VAR",
    "N_OUTLIERS",
    "ChinchillaPoints",
    "ChecksumError",
    "DataNotFoundError",
    "cache_dir",
    "find_chinchilla_csv",
    "load_chinchilla_points",
    "sha256_of",
    "PARAM_NAMES",
    "HOFFMANN_GRID_AXES",
    "MIN_POINTS",
    "hoffmann_grid",
    "huber_lse_objective",
    "ParametricFit",
    "fit_parametric",
    "fit_from",
    "fit_parametric_reference",
    "BootstrapResult",
    "bootstrap_parametric",
    "OptimisationTrace",
    "trace_from",
    "huber_log_likelihood",
    "HOFFMANN_BUDGETS",
    "IsoFLOPMinimum",
    "IsoFLOPFit",
    "isoflop_minimum",
    "fit_isoflop_minima",
    "group_by_budget",
    "assign_budgets",
    "simulate_isoflop_runs",
    "TrainingCurves",
    "EnvelopeFit",
    "simulate_training_curves",
    "fit_envelope",
    "Form",
    "FORMS",
    "FormFit",
    "fit_form",
    "huber_sum",
    "N_REF",
    "D_REF",
    "HeldOutRow",
    "HeldOutComparison",
    "heldout_comparison",
    "bnsl",
    "BNSLFit",
    "fit_bnsl",
    "ExponentRow",
    "ProjectionRow",
    "TABLE2_EXPONENTS",
    "TABLE3_APPROACH1",
    "TABLE_A3_APPROACH2",
    "TABLE_A3_APPROACH3",
    "PublishedModel",
    "FIGURE1_MODELS",
    "TokensLaw",
    "LLAMA3_TOKENS_LAW",
    "LLAMA3_FLAGSHIP",
    "TABLE_A3_TYPO",
    "CHINCHILLA_BUDGET_FLOPS",
    "EPOCH_GRID_FIT",
    "EPOCH_TABLE1",
]
