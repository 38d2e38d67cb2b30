"""Chapter 5 exercises: over-training economics."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "05_overtraining"

#: Exercise 5.2's lifetime demand: 1e10 requests a year for 3 years, 1,024 generated tokens each.
_DEMAND_D_INF = 1e10 * 3 * 1024
_CHIN70 = 6 * 70e9 * 1.4e12

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="5.1", name="lifetime_flops", kind="function", title="Lifetime compute of a model",
        points=2, rtol=1e-6,
        inputs=((70e9, 1.4e12, 0.0), (70e9, 1.4e12, 1e13), (8e9, 15e12, _DEMAND_D_INF), (1e6, 2e7, 5e9),
                (405e9, 15.6e12, 1e15)),
        hint="Training costs about 6 FLOPs per parameter per training token (forward + backward); inference "
             "about 2 per parameter per processed token (forward only). Add the two.",
    ),
    Exercise(
        id="5.2", name="corrected_costs", kind="numbers", title="Spot the error: a total_cost comparison",
        points=2, rtol=0.03, length=3, unit="tokens / FLOPs",
        extra={"names": ["tokens_8b", "flops_70b", "flops_8b"]},
        hint="First make the two models equally good: solve L(8e9, D) = L(70e9, 1.4e12) for D with "
             "HOFFMANN_2022.tokens_for_loss. Then add 6·N·D for training and 2·N·D_inf for the stated "
             "D_inf = 1e10 requests/year × 3 years × 1,024 tokens.",
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
        id="5.3", name="llama3_70b_factor", kind="number", title="Spot the error: how over-trained is Llama 3 70B?",
        rtol=0.05,
        hint="Tokens per parameter is D/N; Chinchilla's rule of thumb is 20 tokens per parameter. Divide one by "
             "the other.",
        mistakes=(
            Mistake(15e12 / 70e9, "214 is tokens per parameter; the question asks how many times Chinchilla's "
                                  "20 tokens per parameter that is."),
            Mistake(200.0, "200x is the claim under test, and it is wrong: compare tokens per parameter with Chinchilla's 20.",
                    rtol=0.02),
            Mistake(20 * 70e9 / 15e12, "Upside down: the factor is (D/N) / 20, which is larger than 1."),
        ),
    ),
    Exercise(
        id="5.4", name="n_star", kind="number", title="Inference-aware model size (Epoch constants, 5T tokens)",
        rtol=0.02, unit="parameters",
        hint="Target = chinchilla_point(BESIROGLU_2024, 13e9).loss. Minimise 6·N·D_tr(N) + 2·N·5e12 over N, "
             "with D_tr(N) = BESIROGLU_2024.tokens_for_loss(N, target), by a bounded scalar minimiser in log N "
             "or a fine grid above the smallest size that can reach the target.",
        mistakes=(
            Mistake(13e9, "13B is the Chinchilla-optimal size, which ignores inference; with 5T tokens of demand "
                          "a smaller model trained longer is cheaper."),
            Mistake(6.30e9, "6.3B is the answer with Hoffmann's rounded constants; this exercise uses Epoch's "
                            "(BESIROGLU_2024), for the target and for D_tr(N)."),
            Mistake(1.167e12, "That is the optimal number of training tokens, not of parameters."),
        ),
    ),
    Exercise(
        id="5.5", name="break_even", kind="number", title="Break-even demand: 7B versus the Chinchilla-optimal 13B",
        rtol=0.02, unit="tokens",
        hint="Both models reach the target (the Chinchilla-optimal 13B's loss, Epoch constants): "
             "D_7 = tokens_for_loss(7e9, target), D_13 = tokens_for_loss(13e9, target). Set "
             "6·N_7·D_7 + 2·N_7·X = 6·N_13·D_13 + 2·N_13·X and solve for X.",
        mistakes=(
            Mistake(3.277e11 / 3, "Off by a factor of 3: the training side has 6 FLOPs per token and the "
                                  "inference side 2, so X = 3·(N_7·D_7 − N_13·D_13)/(N_13 − N_7)."),
            Mistake(3.277e11 / 9, "Off by a factor of 9: the ratio of training to inference FLOPs per token "
                                  "is 6/2 = 3, multiplying the training difference."),
            Mistake(1.0166e12, "That is the break-even with Hoffmann's rounded constants; use BESIROGLU_2024 "
                               "for the target and for both token counts."),
            Mistake(0.0, "Zero would mean the 7B model is cheaper even to train. It must reach the 13B "
                         "model's loss, which takes D_7 = tokens_for_loss(7e9, target) ≈ 0.58T tokens."),
            Mistake(-1.2e12, "Negative: you gave the 7B model its own Chinchilla-optimal 140B tokens, so it is "
                             "a worse model. It must reach the 13B model's loss: D_7 = tokens_for_loss(7e9, "
                             "target).", rtol=0.05),
        ),
    ),
    Exercise(
        id="5.6", name="gadre_n_d", kind="numbers", title="Size and tokens from compute and token multiplier",
        rtol=1e-3, length=2, extra={"names": ["N", "D"]},
        hint="C = 6·N·D and M = D/N, so D = M·N and C = 6·M·N²: N = sqrt(C/(6M)), D = M·N.",
        mistakes=(
            Mistake(7.303e11, "That is D = sqrt(C·M/6). Did you swap N and D? The multiplier is M = D/N "
                              "(tokens per parameter), not N/D."),
            Mistake(2.282e9, "That is N = sqrt(C/(6M)). Did you swap N and D? The multiplier is M = D/N."),
            Mistake(4.382e12, "D = sqrt(6·C·M) is a common slip: then 6·N·D = 6C, six times the budget."),
        ),
    ),
    Exercise(
        id="5.7", name="constants_answer", kind="choice",
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
        hint="Compute chinchilla_point(law, 13e9).tokens_per_param for HOFFMANN_2022 and BESIROGLU_2024 and "
             "compare the constants that produce them.",
    ),
)
