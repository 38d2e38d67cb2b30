"""Chapter 3 exercises: Chinchilla (Hoffmann et al. 2022) and the Epoch replication (Besiroglu et al. 2024)."""

from __future__ import annotations

import numpy as np

from .model import Choice, Criterion, Exercise, Mistake, NamedData, Written

STEM = "03_chinchilla"

_BUDGET_MSG = ("You used C = 6 · 70e9 · 1.4e12 = 5.88e23 (6ND of Chinchilla's final size and tokens). The paper states "
               "the budget as 5.76e23 FLOPs (Table 3, the Gopher budget): use that.")
_NO_SIX_MSG = ("The closed form is N_opt = G (C/6)^a: divide the budget by 6 before raising it to the power a. "
               "(Rounded constants with C instead of C/6 happen to give 72.3B, Epoch's answer: a coincidence.)")
_SWAP_AB_MSG = "N_opt grows as (C/6)^a with a = β/(α+β); you used b = α/(α+β), the exponent of D_opt."
_D_NOT_N_MSG = "That is D_opt (tokens), not N_opt (parameters)."



def _profiles() -> tuple[tuple[NamedData, NamedData], ...]:
    """Unseen isoFLOP profiles for 3.9: L(N, C/(6N)) under three constant sets with 0.5% noise.

    Constants: Hoffmann et al. 2022 (arXiv:2203.15556) Eq. 10 as printed, Besiroglu et al. 2024
    (arXiv:2404.10102) Table 1, and a made-up set.
    """
    rng = np.random.default_rng(303)
    out = []
    for i, (C, E, A, B, al, be, lo, hi, n) in enumerate((
            (1e20, 1.69, 406.4, 410.7, 0.34, 0.28, 8.0, 10.0, 9),
            (3e21, 1.8172, 482.01, 2085.43, 0.3478, 0.3658, 9.0, 10.5, 12),
            (1e18, 2.0, 100.0, 200.0, 0.3, 0.3, 6.5, 8.5, 7))):
        N = np.logspace(lo, hi, n)
        L = E + A / N**al + B / (C / (6 * N)) ** be
        L = L * np.exp(rng.normal(0.0, 0.005, n))
        out.append((NamedData(f"N_profile{i + 1}", N), NamedData(f"L_profile{i + 1}", L)))
    return tuple(out)


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="3.1", name="compute_optimal", kind="function", title="The compute-optimal frontier in closed form",
        points=2, rtol=1e-4, level="core", minutes=20,
        inputs=(
            (5.76e23, 1.69, 406.4, 410.7, 0.34, 0.28),
            (5.76e23, 1.8172, 482.01, 2085.43, 0.3478, 0.3658),
            (1e21, 1.69337, 406.401, 410.723, 0.33917, 0.28491),
            (6e18, 2.0, 100.0, 200.0, 0.5, 0.5),
            (3.8e25, 1.8172, 482.01, 2085.43, 0.3478, 0.3658),
        ),
        hint="On the line D = C/(6N) the loss is E + A N^-α + B (6N/C)^β: set its derivative in N to zero. E "
             "drops out. Check your answer: 6 N_opt D_opt must equal C.",
        method_hint="-αA N^-α + βB (6N/C)^β = 0 (after multiplying by N) gives N^(α+β) = (αA/(βB)) (C/6)^β, so "
                    "N_opt = G (C/6)^a with G = (αA/(βB))^(1/(α+β)), a = β/(α+β); then D_opt = C/(6 N_opt).",
        extra={"names": ["N_opt", "D_opt"]},
        mistakes=(
            Mistake(7.2301e10, _NO_SIX_MSG, rtol=0.003),
            Mistake(5.3927e12, _SWAP_AB_MSG, rtol=0.003),
            Mistake(2.9823e12, "You returned (D_opt, N_opt): the tuple must be (N_opt, D_opt).", rtol=0.003),
        ),
    ),
    Exercise(
        id="3.2", name="g_fix", kind="numbers", title="Spot the error: chinchilla_optimal with G = 0.6",
        rtol=0.01, length=2, level="core", minutes=5,
        method_hint="ratio = 1/(6 · 0.6²); for 20 tokens per parameter solve 1/(6 G²) = 20 for G.",
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
        rtol=0.01, length=2, level="core", minutes=4,
        method_hint="N_10x = 70e9 · 10^0.49 and D_10x = 1.4e12 · 10^0.51.",
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
        level="core", minutes=5,
        hint="The three constant sets differ in the fifth significant digit or beyond, and the allocation is "
             "sensitive to the exponents: evaluate the same closed form with each set at C = 5.76e23.",
        method_hint="Call your compute_optimal from 3.1 with each set's E, A, B, alpha, beta and keep N_opt.",
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
        level="core", minutes=5,
        hint="Hoffmann's recipe: Huber loss (δ = 1e-3) on log-loss residuals, summed over runs, minimised from a "
             "grid of starts; without the five outlier runs.",
        method_hint="The chapter's Approach-3 fitting function implements exactly this recipe (the lecture's "
                    "Section 7 calls it); in 3.10 you write it yourself.",
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
        rtol=0.03, level="core", minutes=12,
        hint="Group the runs into the nine isoFLOP profiles, find each profile's minimum with a parabola in ln N, "
             "and fit a power law through the minima against the budgets.",
        method_hint="Nearest budget in log10 C within 0.05 decades; np.polyfit(ln N, L, 2) per profile, vertex at "
                    "ln N = -c1/(2 c2); then the slope of ln N_opt against ln C.",
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
        level="core", minutes=4,
        hint="Compute D_opt/N_opt at 5.76e23 FLOPs for each constant set and compare with Table 3.",
        method_hint="Use your compute_optimal (3.1) with the three constant sets of 3.4 and divide D by N.",
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
        level="core", minutes=4,
        hint="Set γ_N = γ_D = 0 in the curvature form: what do you get?",
        method_hint="Nested models: the larger family contains the smaller one, so its best training objective "
                    "is at most the smaller one's.",
    ),
    Exercise(
        id="3.9", name="isoflop_vertex", kind="function", title="From scratch: the minimum of one isoFLOP profile",
        points=2, rtol=1e-4, level="core", minutes=12, unit="parameters", inputs=_profiles(),
        hint="Near its minimum an isoFLOP profile is close to a parabola in ln N: fit one to the loss and return "
             "the N at its vertex.",
        method_hint="Least squares of L on (1, ln N, ln N²), e.g. np.polyfit(np.log(N), L, 2) giving "
                    "(c2, c1, c0); the vertex is at ln N = -c1 / (2 c2): return exp of that.",
    ),
    Exercise(
        id="3.10", name="E_alpha_beta_large", kind="numbers", title="From scratch: Approach 3 on the large runs",
        points=3, rtol=0.01, length=3, level="core", minutes=25,
        extra={"names": ["E", "alpha", "beta"]},
        hint="Write the objective yourself: the Huber loss (δ = 1e-3) of the log-loss residuals "
             "LSE(a - α ln N, b - β ln D, e) - ln L, summed over the runs, and minimise it with scipy.",
        method_hint="scipy.special.logsumexp for the LSE; scipy.optimize.minimize(method='L-BFGS-B') with tight "
                    "options (ftol 1e-15, gtol 1e-10): the objective is flat near its optimum. Start from "
                    "Hoffmann's constants (a = ln 406.4, b = ln 410.7, e = ln 1.69, 0.34, 0.28) and a few other "
                    "points; keep the best; report (exp(e), α, β).",
    ),
    Exercise(
        id="3.11", name="halves_prediction", kind="choice", title="Predict: fit the small runs alone",
        level="core", minutes=4,
        choices=(
            Choice("A", "About the same a: the law is one law, so each half of the runs recovers it.",
                   "Each half constrains the N-D trade-off only over its own range, and the two ranges do not "
                   "agree: the split is where the fit is weakest."),
            Choice("B", "The fit on the small runs will not converge: they are too few for five constants.",
                   "136 runs for five constants is plenty; the optimiser converges. The question is what it "
                   "converges to."),
            Choice("C", "Only E moves: the exponents are set by the shape of each profile, not by the range.",
                   "E does move a little, but the split β/(α+β) moves far more: it is what the range decides."),
            Choice("D", "A very different a: the two ranges pull the N-D split apart by more than 0.1."),
        ),
        hint="Which constant of the law is hardest to pin down from a narrow range of budgets, and what does "
             "a = β/(α+β) depend on?",
        method_hint="Think of the isoFLOP minima: over a few budgets their slope is noisy; the parametric fit "
                    "has the same information.",
    ),
    Exercise(
        id="3.12", name="a_two_ranges", kind="numbers", title="Check: the allocation exponent from each range",
        points=2, length=2, rtol=0.02, level="core", minutes=8,
        extra={"names": ["a (C ≥ 1e20)", "a (C < 1e20)"]},
        hint="Fit the runs below 1e20 FLOPs with your 3.10 code, and compute a = β/(α+β) for both fits.",
        method_hint="Reuse the function you wrote for 3.10 on pts.C < 1e20; a = beta / (alpha + beta) for each.",
        mistakes=(
            Mistake(0.624, "That is b = α/(α+β) for the large runs (the exponent of D_opt); a = β/(α+β).",
                    rtol=0.01),
        ),
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="3.w1", title="Critique: '20 tokens per parameter is a law of nature'",
        rubric=(
            Criterion("says where the number comes from (Approach 1 of Hoffmann et al. 2022, Table 3) and that "
                      "Approach 3's printed constants imply far more tokens per parameter", 1),
            Criterion("explains that the ratio depends on the data, tokenizer and architecture through A, B, α, "
                      "β, and is constant across budgets only if a = b = 1/2", 2),
            Criterion("notes that compute-optimal is not deployment-optimal: with inference costs, models are "
                      "trained on many more tokens per parameter (chapter 6)", 1),
            Criterion("uses evidence from this chapter's data (e.g. the spread of a between fits on different "
                      "ranges of runs, 3.12)", 1),
        ),
        min_words=100, max_words=250, level="core", minutes=15,
    ),
    Written(
        id="3.w2", title="Which runs would you fit? A judgement",
        rubric=(
            Criterion("chooses which runs to include for an extrapolation to 1e24 FLOPs and justifies it from "
                      "the data (outliers, the range of budgets, 3.12's two exponents)", 2),
            Criterion("states how the exponent moves with the choice and why the large-budget runs pull it "
                      "(the extrapolation target is far above both ranges)", 2),
            Criterion("proposes how to report the uncertainty (bootstrap over runs, or the spread between "
                      "reasonable run selections) rather than one number", 1),
        ),
        min_words=80, max_words=250, level="core", minutes=12,
    ),
)
