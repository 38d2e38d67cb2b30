"""Chapter 6 exercises: over-training economics."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "06_overtraining"

#: Exercise 6.2's lifetime demand: 1e10 requests a year for 3 years, 1,024 generated tokens each.
_DEMAND_D_INF = 1e10 * 3 * 1024
_CHIN70 = 6 * 70e9 * 1.4e12

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="6.1", name="lifetime_flops", kind="function", title="Lifetime compute of a model",
        points=2, rtol=1e-6,
        inputs=((70e9, 1.4e12, 0.0), (70e9, 1.4e12, 1e13), (8e9, 15e12, _DEMAND_D_INF), (1e6, 2e7, 5e9),
                (405e9, 15.6e12, 1e15)),
        hint="Training costs about 6 FLOPs per parameter per training token (forward + backward); inference "
             "about 2 per parameter per processed token (forward only). Add the two.",
        method_hint="Return 6·N·D + 2·N·D_inf; with D_inf = 0 it is the training compute alone.",
        level="core", minutes=4,
    ),
    Exercise(
        id="6.2", name="corrected_costs", kind="numbers", title="Spot the error: a total_cost comparison",
        points=2, rtol=0.03, length=3, unit="tokens / FLOPs",
        extra={"names": ["tokens_8b", "flops_70b", "flops_8b"]},
        hint="A lifetime-cost comparison is only fair between models of equal quality: first find how long "
             "the 8B model must train to reach the 70B model's loss, then count training and inference FLOPs.",
        method_hint="Invert Chinchilla's law for D: D = (B / (L_target − E − A·N^−α))^(1/β) with N = 8e9 and "
                    "L_target = L(70e9, 1.4e12) = E + A/70e9^α + B/1.4e12^β. Then "
                    "6·N·D + 2·N·D_inf with D_inf = 1e10 requests/year × 3 years × 1,024 tokens.",
        level="core", minutes=12,
        mistakes=(
            Mistake(15e12, "15T tokens is what the snippet uses: under Hoffmann's law the 8B model then reaches "
                           "L = 1.949, worse than the 70B model's 1.937. Compare models of equal quality."),
            Mistake(6 * 8e9 * 15e12 + 2 * 8e9 * _DEMAND_D_INF,
                    "That is the snippet's 8B model at 15T tokens: it is not as good as the 70B model, so the "
                    "comparison is unfair. Train it on the tokens that match the 70B model's loss."),
            Mistake((_CHIN70 + 2 * 70e9 * _DEMAND_D_INF) * 3e-19,
                    "That is dollars at the snippet's 3e-19 $/FLOP: give FLOPs."),
            Mistake((6 * 8e9 * 15e12 + 2 * 8e9 * _DEMAND_D_INF) * 3e-19,
                    "That is dollars at the snippet's 3e-19 $/FLOP: give FLOPs."),
            Mistake(_CHIN70 + 2 * 70e9 * 1e10 * 1024,
                    "That is one year of requests; the model is served for 3 years."),
            Mistake(_CHIN70 + 6 * 70e9 * _DEMAND_D_INF,
                    "Inference is a forward pass only: 2 FLOPs per parameter per token, not 6."),
        ),
    ),
    Exercise(
        id="6.3", name="llama3_70b_factor", kind="number", title="Spot the error: how over-trained is Llama 3 70B?",
        rtol=0.05,
        hint="Tokens per parameter is D/N; Chinchilla's rule of thumb is 20 tokens per parameter. Divide one by "
             "the other.",
        method_hint="(15e12 / 70e9) / 20: an over-training factor is a ratio of two tokens-per-parameter numbers.",
        level="core", minutes=3,
        mistakes=(
            Mistake(15e12 / 70e9, "214 is tokens per parameter; the question asks how many times Chinchilla's "
                                  "20 tokens per parameter that is."),
            Mistake(200.0, "200x is the claim under test, and it is wrong: compare tokens per parameter with Chinchilla's 20.",
                    rtol=0.02),
            Mistake(20 * 70e9 / 15e12, "Upside down: the factor is (D/N) / 20, which is larger than 1."),
        ),
    ),
    Exercise(
        id="6.4", name="n_star", kind="number", title="Inference-aware model size (Epoch constants, 5T tokens)",
        rtol=0.02, unit="parameters",
        hint="Every candidate model must reach the same loss, so the training tokens are a function of the size: "
             "the lifetime cost is a function of N alone. Minimise it.",
        method_hint="D_tr(N) = (B / (target − E − A·N^−α))^(1/β) exists only above N_min = (A/(target − E))^(1/α); "
                    "minimise 6·N·D_tr(N) + 2·N·5e12 over log N on (log N_min, log 13e9) with a bounded scalar "
                    "minimiser (or a grid fine enough for 2%).",
        level="core", minutes=10,
        mistakes=(
            Mistake(13e9, "13B is the Chinchilla-optimal size, which ignores inference; with 5T tokens of demand "
                          "a smaller model trained longer is cheaper."),
            Mistake(6.30e9, "6.3B is the answer with Hoffmann's rounded constants; this exercise uses Epoch's "
                            "(BESIROGLU_2024), for the target and for D_tr(N)."),
            Mistake(1.167e12, "That is the optimal number of training tokens, not of parameters."),
        ),
    ),
    Exercise(
        id="6.5", name="demands_7b", kind="numbers",
        title="Derive: break-even demand and the demand at which 7B is optimal",
        points=3, rtol=0.02, length=2, unit="tokens", extra={"names": ["break_even", "optimal_at"]},
        hint="Both models reach the target (the Chinchilla-optimal 13B's loss, Epoch constants). For the first "
             "entry equate two lifetime costs and solve for the demand. For the second, write the condition "
             "d/dN [6·N·D_tr(N) + 2·N·X] = 0 and read it as an equation for X at N = 7e9.",
        method_hint="Break-even: 6·N_7·D_7 + 2·N_7·X = 6·N_13·D_13 + 2·N_13·X. Optimality: differentiate the "
                    "constraint E + a + b = target with a = A·N^−α, b = B·D^−β to get dD/dN = −(α·a)/(β·b)·D/N; "
                    "then 6·D + 6·N·dD/dN + 2·X = 0 gives X = 3·D·(α·a/(β·b) − 1).",
        mistakes=(
            Mistake(3.277e11 / 3, "Off by a factor of 3: the training side has 6 FLOPs per token and the "
                                  "inference side 2, so X = 3·(N_7·D_7 − N_13·D_13)/(N_13 − N_7)."),
            Mistake(3.277e11 / 9, "Off by a factor of 9: the ratio of training to inference FLOPs per token "
                                  "is 6/2 = 3, multiplying the training difference."),
            Mistake(1.0166e12, "That is the break-even with Hoffmann's rounded constants; use BESIROGLU_2024 "
                               "for the target and for both token counts."),
            Mistake(-1.2e12, "Negative: you gave the 7B model its own Chinchilla-optimal 140B tokens, so it is "
                             "a worse model. It must reach the 13B model's loss.", rtol=0.05),
            Mistake(3.804e11, "The factor 3 is missing: 6·D·(1 − α·a/(β·b)) + 2·X = 0 gives "
                              "X = 3·D·(α·a/(β·b) − 1)."),
            Mistake(-6.877e11, "Negative: the ratio is upside down. The optimality condition has α·a/(β·b), "
                               "parameter term over data term, which exceeds 1 for a model smaller than "
                               "Chinchilla-optimal."),
            Mistake(1.268e11, "Off by a factor of 9: 6·D·(...) + 2·X = 0 gives X = 3·D·(...), not D·(...)/3."),
        ),
        level="core", minutes=18,
    ),
    Exercise(
        id="6.6", name="gadre_derived", kind="numbers",
        title="Derive: the token multiplier's loss form, its optimum and its penalty",
        points=3, rtol=1e-3, length=4, extra={"names": ["N", "D", "M_star", "penalty_320"]},
        hint="C = 6·N·D and M = D/N fix N and D. Substituting them into E + a'/N^η' + b'/D^η' (one exponent) "
             "gives L = E + (a·M^η + b·M^−η)·C^−η: the multiplier enters only through the bracket.",
        method_hint="N = sqrt(C/(6M)), D = M·N. The bracket f(M) = a·M^η + b·M^−η is smallest where "
                    "f'(M) = 0, i.e. M*^(2η) = b/a. At equal loss C^−η·f(M) is fixed, so the compute needed "
                    "scales as f(M)^(1/η): the penalty is (f(320)/f(M*))^(1/η).",
        mistakes=(
            Mistake(7.303e11, "That is D = sqrt(C·M/6). Did you swap N and D? The multiplier is M = D/N "
                              "(tokens per parameter), not N/D."),
            Mistake(2.282e9, "That is N = sqrt(C/(6M)). Did you swap N and D? The multiplier is M = D/N."),
            Mistake(4.382e12, "D = sqrt(6·C·M) is a common slip: then 6·N·D = 6C, six times the budget."),
            Mistake(55.04, "M*^(2η) = b/a, so the exponent is 1/(2η), not 1/η."),
            Mistake(0.1348, "Upside down: f'(M) = 0 gives M^(2η) = b/a, not a/b."),
            Mistake(1.1348, "That is the ratio of the brackets f(320)/f(M*), a ratio of losses' reducible "
                            "parts at equal compute. The compute for equal loss scales as f^(1/η)."),
            Mistake(2.363, "That is the penalty relative to M = 20; the question asks relative to the "
                           "compute-optimal M*."),
        ),
        level="core", minutes=15,
    ),
    Exercise(
        id="6.7", name="constants_answer", kind="choice",
        title="Why do the two constant sets disagree about the 13B model?",
        choices=(
            Choice("A", "They are different fits (α, β, A, B) to the same runs; Epoch's refit agrees with "
                        "Approaches 1 and 2."),
            Choice("B", "Epoch counts FLOPs differently (not C = 6ND), so at the same model size its "
                        "compute budgets are smaller.",
                   "Both use C = 6ND on the same 13B model; the budgets differ because the optimal D "
                   "differs, not the other way round."),
            Choice("C", "Epoch's N excludes the embedding parameters, so the same 13B model counts as "
                        "smaller in its fit.",
                   "No: Epoch refits the same total-parameter data; the difference is in the fitted "
                   "constants (β = 0.28 vs 0.37, B = 411 vs 2,085)."),
            Choice("D", "Hoffmann's constants already include inference demand, which moves the optimum to "
                        "more tokens.",
                   "The Chinchilla optimum minimises training compute only; inference enters only through "
                   "Sardana et al.'s objective."),
        ),
        hint="The compute-optimal tokens per parameter follow from the fitted constants alone; compare the "
             "two sets' α, β, A, B and where each comes from.",
        method_hint="At the compute optimum α·A/N^α = β·B/D^β; put in N = 13e9 and each set's constants and "
                    "compare D/N. Then ask which option explains a difference in the constants.",
        level="core", minutes=5,
    ),
    Exercise(
        id="6.8", name="lifetime_optimum", kind="function",
        title="From scratch: the inference-aware optimum for any constants, target and demand",
        points=4, rtol=1e-2, timeout=4.0,
        inputs=((1.8172, 482.01, 2085.43, 0.3478, 0.3658, 2.1027, 0.0),
                (1.69, 406.4, 410.7, 0.336, 0.283, 2.0453, 2e12),
                (1.69, 406.4, 410.7, 0.34, 0.28, 2.05, 1e13),
                (1.8172, 482.01, 2085.43, 0.3478, 0.3658, 2.0, 1e14),
                (1.8172, 482.01, 2085.43, 0.3478, 0.3658, 2.3, 3e11)),
        hint="Substitute the constraint L(N, D) = target into the lifetime cost so that it depends on N "
             "alone, then minimise over the sizes that can reach the target at all.",
        method_hint="D(N) = (B / (target − E − A·N^−α))^(1/β) for N > N_min = (A/(target − E))^(1/α). Minimise "
                    "log(6·N·D(N) + 2·N·d_inf) over x = log N with a bounded scalar minimiser (tight xatol), "
                    "from just above log N_min to far beyond the zero-demand optimum; or find the root of the "
                    "derivative with a bracketing root finder. Return (N, D(N)).",
        level="core", minutes=20,
    ),
    Exercise(
        id="6.9", name="predict_answer", kind="choice",
        title="Predict, then check: ten times the demand, how much smaller the optimum?",
        choices=(
            Choice("A", "About ten times smaller: the inference compute to be cut grows in proportion to N·D_inf.",
                   "The inference term is proportional to N, but the training term 6·N·D_tr(N) explodes as N "
                   "approaches N_min; the optimum cannot move tenfold."),
            Choice("B", "About √10 ≈ 3.2 times smaller, as in a square-root allocation rule.",
                   "A square root appears when N·D is fixed (a compute budget); here the loss is fixed, and the "
                   "floor N_min stops the optimum well before a factor of 3."),
            Choice("C", "Not at all: the target loss alone fixes the size of the model.",
                   "The target fixes the pairs (N, D_tr) that reach it, not which of them is cheapest; the "
                   "demand decides that."),
            Choice("D", "Less than twice as small: it cannot go below N_min, where training explodes."),
        ),
        hint="Think about what happens to the training term as N approaches the smallest size that can reach "
             "the target at all.",
        method_hint="Commit to a letter first, then check it with your lifetime_optimum of 5.8 at 1e13 and 1e14 "
                    "tokens (Epoch constants, the 13B target).",
        level="core", minutes=5,
    ),
    Exercise(
        id="6.10", name="released_stats", kind="numbers",
        title="Real data: how over-trained are the models released since 2024?",
        points=2, rtol=1e-3, length=2, extra={"names": ["median tokens/param", "log-log slope"]},
        hint="Select the dense models released in 2024 or later whose token counts are exact (not lower "
             "bounds or corpus sizes), then summarise their tokens per parameter and how it depends on size.",
        method_hint="Filter RELEASED_MODELS on released.year >= 2024, not approximate and total_params is None; "
                    "take the median of tokens/params, and the least-squares slope of log10(tokens/param) "
                    "against log10(params) (np.polyfit with degree 1).",
        mistakes=(
            Mistake(769.2, "That median includes the approximate entries (lower bounds and corpus sizes); "
                           "keep only the exact ones."),
            Mistake(705.9, "That median includes DeepSeek-V3, a mixture of experts counted by its active "
                           "parameters; keep the dense models."),
        ),
        level="core", minutes=12,
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="6.w1", title="Critique: 'Llama 3 8B was trained wastefully on 15T tokens'",
        rubric=(
            Criterion("States the numbers: ≈ 1,900 tokens per parameter, ≈ 94 times Chinchilla's 20, and "
                      "that 15T is a lower bound ('over 15T').", 1),
            Criterion("Explains that 'wasteful' is true only for training compute: Chinchilla's optimum "
                      "ignores inference, and with a large lifetime demand the cheapest model for a target "
                      "loss is smaller and trained longer (Sardana et al. 2024).", 2),
            Criterion("Backs this with a number from the exercises (e.g. the optimum of 5.4/5.8 or the "
                      "break-even of 5.5) and says what demand would make 15T worth it.", 1),
            Criterion("Names a real limit of the argument: the law is fitted far below 1,900 tokens/param "
                      "(extrapolation), the constants matter (Hoffmann vs Epoch), or data supply.", 1),
        ),
        min_words=80, max_words=220, level="core", minutes=12,
    ),
    Written(
        id="6.w2", title="Judgement: does inference economics explain the released models?",
        rubric=(
            Criterion("Uses the numbers of 5.10 (median tokens/param, the negative slope) to describe the "
                      "trend: recent models are far above 20 and the smallest are the most over-trained.", 1),
            Criterion("Compares with the direction the Sardana optimum predicts (more demand per model or a "
                      "smaller model: more tokens/param) and judges whether the data agree.", 2),
            Criterion("Names at least one other explanation or confound the table cannot rule out (one "
                      "corpus reused for every size of a family, the largest model sized by its own law, "
                      "approximate entries, few points).", 1),
        ),
        min_words=70, max_words=200, level="stretch", minutes=12,
    ),
)
