"""Chapter 8 exercises: data-constrained scaling and emergence."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "08_data_emergence"

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="8.1", name="four_epochs", kind="number", title="Four epochs of the same data",
        rtol=0.003, unit="multiples of U",
        hint="D' = U + U·R*·(1 - exp(-R/R*)) with R_D* = 15.387756 and R = the number of repetitions. How many "
             "times is the data repeated in 4 epochs?",
        mistakes=(
            Mistake(4.5224, "You used R = 4, the number of epochs. R counts repetitions: epochs minus one "
                            "(the first pass is not a repeat).", rtol=0.002),
            Mistake(4.0, "That treats repeated tokens as fresh ones. Each repetition is worth exp(-R/R*) of a "
                         "fresh token, so 4 epochs give a bit less than 4U.", rtol=0.002),
            Mistake(16.388, "That is the limit 1 + R* for infinitely many epochs, not 4.", rtol=0.002),
        ),
    ),
    Exercise(
        id="8.2", name="effective_tokens", kind="function", title="Effective data as a function",
        points=2, rtol=1e-6,
        inputs=((25e9, 242e9), (1e9, 1e9), (1e9, 4e9), (1e9, 1e12), (10e9, 4e9)),
        hint="U_D = min(unique, total) unique tokens are used; R = total/U_D - 1 repetitions; "
             "D' = U_D + U_D·R*·(1 - exp(-R/R*)). Training on fewer tokens than exist repeats nothing.",
    ),
    Exercise(
        id="8.3", name="readme_losses", kind="numbers", title="The data-constrained law's worked example",
        points=2, rtol=1e-4, length=2, extra={"names": ["loss of 6.34B on 242B", "loss of 8.67B on 178B"]},
        hint="Both models see 25B unique tokens. Use effective data D' (repetitions R_D = D/U - 1, R_D* = 15.39) "
             "and effective parameters N' (U_N = min(N, N_opt(25B)) with N_opt(D) = G·(G·D)^(beta/alpha), "
             "R_N = N/U_N - 1, R_N* = 5.31) in E + A/N'^alpha + B/D'^beta.",
    ),
    Exercise(
        id="8.4", name="half_value_epochs", kind="number", title="When is a repeat worth half a fresh token?",
        rtol=0.003, unit="epochs",
        hint="The next repeated token is worth exp(-R/R*) of a fresh one (the derivative of D' with respect to D). "
             "Solve exp(-R/R*) = 1/2 for R, then convert repetitions to epochs.",
        mistakes=(
            Mistake(10.666, "10.67 is the number of repetitions R, not of epochs.", rtol=0.002),
            Mistake(16.388, "1 + R* is the limit of D'/U, not the half-value point.", rtol=0.002),
            Mistake(15.388, "At R = R* a repeat is worth 1/e = 37% of a fresh token, not 50%.", rtol=0.002),
        ),
    ),
    Exercise(
        id="8.5", name="em_1e10", kind="number", title="Exact match of a 10B model",
        rtol=0.01,
        hint="CE = (N/1e6)^-0.35 nats per token; one token is right with p = exp(-CE); all L = 20 tokens with p^L.",
        mistakes=(
            Mistake(0.96097, "That is the per-token probability p. Exact match needs all 20 tokens right: p^20.",
                    rtol=0.002),
            Mistake(0.20379, "1 - L·CE linearises exp(-L·CE); with L·CE = 0.8 that is far off. Use p^L.",
                    rtol=0.005),
        ),
    ),
    Exercise(
        id="8.6", name="emergence_n", kind="function", title="Where does exact match cross 50%?",
        points=2, rtol=1e-4,
        inputs=((1,), (5,), (20,), (50,), (100,)),
        hint="Solve exp(-L·(N/1e6)^-0.35) = 1/2 for N: (N/1e6)^-0.35 = ln(2)/L.",
    ),
    Exercise(
        id="8.7", name="emergence_answer", kind="choice", title="Spot the error: abilities at 10B, 60B, 100B",
        choices=(
            Choice("A", "Such sizes belong to a task, a metric and a model family, not to an ability; many "
                        "jumps vanish under continuous metrics."),
            Choice("B", "Nothing: few-shot learning, chain of thought and instruction following switch on "
                        "at fixed sizes, as Wei et al. measured.",
                   "Wei et al. (2022) report emergence per task, metric and model family (and in training "
                   "FLOPs as well as parameters); the points differ between families and are not universal "
                   "constants."),
            Choice("C", "Emergent abilities do not exist: every capability improves linearly with the "
                        "number of parameters, with no thresholds.",
                   "Schaeffer et al. (2023) show many jumps are metric effects; they do not show that "
                   "every ability is linear in N (the per-token loss itself is a power law, not a line)."),
            Choice("D", "The sizes are right but should be quoted in training tokens, not parameters, "
                        "because data unlocks each ability.",
                   "Changing the unit does not make a metric-dependent threshold a universal one."),
        ),
        hint="Recompute this chapter's emergence point for L = 5 and L = 50 tokens: does the 'ability' have one size?",
    ),
    Exercise(
        id="8.8", name="stock_effective", kind="number", title="Stretching the stock of text",
        rtol=0.005, unit="tokens",
        hint="The stock is about U = 3e14 unique tokens (Villalobos et al.). Training on 1.2e15 tokens means 4 "
             "epochs; use Muennighoff's effective data D'.",
        mistakes=(
            Mistake(1.2e15, "That counts every repeated token as fresh. Repeats decay: D' = U + U R*(1 - e^(-R/R*)).",
                    rtol=0.002),
            Mistake(1.3567e15, "You used R = 4 (the epochs); R = epochs - 1 = 3.", rtol=0.002),
            Mistake(3e14, "That is the unique stock alone; the question asks for the effective data of 4 epochs.",
                    rtol=0.002),
        ),
    ),
)
