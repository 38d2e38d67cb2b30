"""Chapter 3 exercises: Chinchilla (Hoffmann et al. 2022) and the Epoch replication (Besiroglu et al. 2024)."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "03_chinchilla"

_BUDGET_MSG = ("You used C = 6 · 70e9 · 1.4e12 = 5.88e23 (6ND of Chinchilla's final size and tokens). The paper states "
               "the budget as 5.76e23 FLOPs (Table 3, the Gopher budget): use that.")
_NO_SIX_MSG = ("The closed form is N_opt = G (C/6)^a: divide the budget by 6 before raising it to the power a. "
               "(Rounded constants with C instead of C/6 happen to give 72.3B, Epoch's answer: a coincidence.)")
_SWAP_AB_MSG = "N_opt grows as (C/6)^a with a = β/(α+β); you used b = α/(α+β), the exponent of D_opt."
_D_NOT_N_MSG = "That is D_opt (tokens), not N_opt (parameters)."

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="3.1", name="compute_optimal", kind="function", title="The compute-optimal frontier in closed form",
        points=2, rtol=1e-4,
        inputs=(
            (5.76e23, 1.69, 406.4, 410.7, 0.34, 0.28),
            (5.76e23, 1.8172, 482.01, 2085.43, 0.3478, 0.3658),
            (1e21, 1.69337, 406.401, 410.723, 0.33917, 0.28491),
            (6e18, 2.0, 100.0, 200.0, 0.5, 0.5),
            (3.8e25, 1.8172, 482.01, 2085.43, 0.3478, 0.3658),
        ),
        hint="G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β); N_opt = G (C/6)^a and D_opt = (C/6)^b / G "
             "(Hoffmann et al. 2022, Eq. 4). Check: 6 N_opt D_opt must equal C.",
        extra={"names": ["N_opt", "D_opt"]},
        mistakes=(
            Mistake(7.2301e10, _NO_SIX_MSG, rtol=0.003),
            Mistake(5.3927e12, _SWAP_AB_MSG, rtol=0.003),
            Mistake(2.9823e12, "You returned (D_opt, N_opt): the tuple must be (N_opt, D_opt).", rtol=0.003),
        ),
    ),
    Exercise(
        id="3.2", name="g_fix", kind="numbers", title="Spot the error: chinchilla_optimal with G = 0.6",
        rtol=0.01, length=2,
        hint="With N = G C^0.5 and D = C/(6N), the ratio is D/N = C/(6 G² C) = 1/(6 G²), whatever C is.",
        extra={"names": ["ratio_returned", "G_fixed"]},
        mistakes=(
            Mistake(20.0, "20 is what the function <i>claims</i>; run (or work out) what the function actually returns "
                          "at 1e24 FLOPs."),
            Mistake(1 / 0.463, "That is N/D, parameters per token: the ratio asked for is D/N."),
            Mistake(0.6, "0.6 is the G in the snippet, which is exactly the bug."),
            Mistake(1 / 20**0.5, "1/√20 forgets the 6 in D = C/(6N)."),
            Mistake(1 / 120, "1/120 is G², not G."),
        ),
    ),
    Exercise(
        id="3.3", name="scaled_up", kind="numbers", title="Spot the error: scaling Chinchilla to 10x compute",
        rtol=0.01, length=2,
        hint="Only the product N·D grows 10x: each grows by 10 to its own exponent. Take Approach 2's "
             "exponents for N_opt and D_opt from Hoffmann et al. (2022), Table 2, and check which is which.",
        extra={"names": ["N_10x", "D_10x"]},
        mistakes=(
            Mistake(70e9 * 10**0.51, "That is 70e9 · 10^0.51: the exponent of D applied to N (the common swap).",
                    rtol=0.005),
            Mistake(1.4e12 * 10**0.49, "That is 1.4e12 · 10^0.49: the exponent of N applied to D (the common "
                                       "swap).", rtol=0.005),
            Mistake(70e9 * 10**0.5, "10^0.5 is Approach 1's a = 0.50; this item uses Approach 2's exponents.",
                    rtol=0.005),
            Mistake(700e9, "Only the product N·D grows 10x; each factor grows by 10 to its own exponent."),
            Mistake(14e12, "Only the product N·D grows 10x; each factor grows by 10 to its own exponent."),
        ),
    ),
    Exercise(
        id="3.4", name="n_opt_three", kind="numbers", title="Rounded vs unrounded vs Epoch: N_opt at 5.76e23 FLOPs",
        rtol=0.004, length=3,
        hint="Use N_opt = G (C/6)^a with C = 5.76e23 and each constant set (your compute_optimal, or "
             "scaling_helpers.chinchilla.laws: HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, BESIROGLU_2024).",
        extra={"names": ["rounded", "unrounded", "Epoch"]},
        mistakes=(
            Mistake(3.2491e10, _BUDGET_MSG, rtol=0.003),
            Mistake(4.0743e10, _BUDGET_MSG, rtol=0.003),
            Mistake(7.3016e10, _BUDGET_MSG, rtol=0.003),
            Mistake(7.2301e10, _NO_SIX_MSG, rtol=0.003),
            Mistake(9.1455e10, _NO_SIX_MSG, rtol=0.003),
            Mistake(1.8102e11, _NO_SIX_MSG, rtol=0.003),
            Mistake(5.3927e12, _SWAP_AB_MSG),
            Mistake(4.0200e12, _SWAP_AB_MSG),
            Mistake(1.9016e10, _SWAP_AB_MSG),
            Mistake(2.9823e12, _D_NOT_N_MSG),
            Mistake(2.3785e12, _D_NOT_N_MSG),
            Mistake(1.3287e12, _D_NOT_N_MSG),
        ),
    ),
    Exercise(
        id="3.5", name="E_alpha_beta", kind="numbers", title="Replicate Approach 3 on the 240 extracted runs",
        points=2, rtol=0.006, length=3,
        hint="Load the runs with load_chinchilla_points() (it drops the five outliers) and fit with "
             "fit_parametric(pts.N, pts.D, pts.loss): summed Huber, delta = 1e-3, Hoffmann's 4500 starts.",
        extra={"names": ["E", "alpha", "beta"]},
        mistakes=(
            Mistake(1.891, "You kept the five outlier runs (losses 3.4-5.0 at ~1e19 FLOPs, under 0.5 tokens per "
                           "parameter): drop them, as load_chinchilla_points() does by default.", rtol=0.004),
            Mistake(0.453, "You kept the five outlier runs: drop them, as load_chinchilla_points() does by default.",
                    rtol=0.01),
            Mistake(1.799, "That is the optimum of the <i>averaged</i> Huber objective (reduction='mean'): sum the "
                           "terms.", rtol=0.003),
            Mistake(0.3785, "That is the optimum of the <i>averaged</i> Huber objective: sum the terms.", rtol=0.005),
            Mistake(0.3246, "That is the optimum of the <i>averaged</i> Huber objective: sum the terms.", rtol=0.005),
            Mistake(1.693, "The optimiser stopped next to Hoffmann's constants: an averaged objective (or a single "
                           "start) stalls. Sum the Huber terms and use the grid of starts.", rtol=0.004),
            Mistake(0.2850, "The optimiser stopped next to Hoffmann's constants: sum the Huber terms and use the grid "
                            "of starts.", rtol=0.004),
        ),
    ),
    Exercise(
        id="3.6", name="a_isoflop", kind="number", title="Approach 2 on the real runs",
        rtol=0.03,
        hint="fit_isoflop_minima(pts.C, pts.N, pts.loss, budgets=HOFFMANN_BUDGETS) groups the runs into the nine "
             "isoFLOP profiles, fits a parabola in ln N to each and a power law through the minima; report fit.a.",
        mistakes=(
            Mistake(0.4864, "That is b, the exponent of D_opt (a + b = 1). N_opt ∝ C^a.", rtol=0.005),
            Mistake(0.4915, "That is b, the exponent of D_opt (a + b = 1). N_opt ∝ C^a.", rtol=0.005),
        ),
    ),
    Exercise(
        id="3.7", name="rule_source", kind="choice", title="Where does '20 tokens per parameter' come from?",
        choices=(
            Choice("A", "From Approach 1, the envelope of training curves: Table 3 pairs each size with ≈ "
                        "20 tokens per parameter."),
            Choice("B", "From Hoffmann et al.'s parametric fit (Approach 3, Eq. 10), whose printed "
                        "constants give 20 tokens per parameter.",
                   "Those constants imply about 59 (unrounded) to 93 (rounded) tokens per parameter at "
                   "5.76e23 FLOPs, and more at larger budgets."),
            Choice("C", "From Kaplan et al. (2020), whose allocation N_opt ∝ C^0.73 settles at about 20 "
                        "tokens per parameter at large budgets.",
                   "Kaplan's N_opt ∝ C^0.73 puts most compute into parameters: far fewer tokens per "
                   "parameter, falling as compute grows."),
            Choice("D", "From the symmetry of the law: any fit with α = β gives 20 tokens per parameter, "
                        "whatever its other constants.",
                   "α = β makes the ratio constant, but its value is (B/A)^(1/α), which depends on A and "
                   "B."),
        ),
        hint="Compute tokens_per_param(5.76e23) for each constant set and compare with Table 3.",
    ),
    Exercise(
        id="3.8", name="training_fit_answer", kind="choice", title="What does a better training fit prove?",
        choices=(
            Choice("A", "That the loss really curves in log N and log D: the log-quadratic terms are "
                        "needed to describe the runs.",
                   "Not by itself: a form with more parameters that contains the old one can only fit the "
                   "same runs at least as well."),
            Choice("B", "That the Chinchilla fit had not converged: a better optimiser would reach the "
                        "lower objective without curvature.",
                   "The Chinchilla fit is the best of 4500 starts; the curvature form simply has two more "
                   "knobs."),
            Choice("C", "That the Huber loss favours forms with more parameters, so the comparison should "
                        "be redone with least squares.",
                   "Any loss does: adding parameters never raises the minimum of the training objective."),
            Choice("D", "Nothing by itself: the form contains Chinchilla's (γ = 0), so it cannot fit "
                        "worse; only held-out error can tell."),
        ),
        hint="Set γ_N = γ_D = 0 in the curvature form: what do you get?",
    ),
)
