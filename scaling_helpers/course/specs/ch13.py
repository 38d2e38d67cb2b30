"""Term project: plan a training run for a budget and a product goal (numbers graded here, memos by rubric)."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "13_project"

#: Epoch AI's refit of Chinchilla (Besiroglu et al. 2024, arXiv:2404.10102, Table 1) used throughout the project.
_EPOCH = "E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658 (Besiroglu et al. 2024, Table 1)"

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="13.1", name="my_fit", kind="numbers", title="Fit the parametric law to the real runs: a and E",
        points=3, rtol=0.02, length=2, level="core", minutes=45, extra={"names": ["a", "E"]},
        hint="Approach 3: L(N, D) = E + A/N^α + B/D^β fitted to all runs at once. The exponent of N_opt(C) follows "
             "from α and β alone.",
        method_hint="Minimise the summed Huber loss (δ = 1e-3) between log L and log(exp(a − α log N) + "
                    "exp(b − β log D) + exp(e)) with scipy's L-BFGS-B from a grid of starting points; keep the best "
                    "optimum and check it is not on the edge of your grid. a = β/(α+β), E = exp(e).",
        mistakes=(
            Mistake(0.4861, "That is b = α/(α+β), the exponent of D_opt; a is β/(α+β).", rtol=0.01),
        ),
    ),
    Exercise(
        id="13.2", name="chinchilla_params_for_loss", kind="function",
        title="The compute-optimal model that reaches a target loss", points=2, rtol=1e-4, level="core",
        minutes=25, inputs=((2.3,), (2.1,), (2.0,), (1.95,), (1.9,)), unit="parameters",
        hint="Along the compute-optimal frontier N_opt and D_opt both grow as powers of C, so the optimal loss falls "
             "monotonically with C: find the budget whose optimal loss is the target, then its N_opt. "
             f"Constants: {_EPOCH}.",
        method_hint="Write L_opt(C) = E + A N_opt(C)^-α + B D_opt(C)^-β with N_opt = G (C/6)^a, D_opt = (C/6)^b / G, "
                    "and solve L_opt(C) = target by bisection or brentq in log C.",
    ),
    Exercise(
        id="13.3", name="prediction", kind="choice",
        title="Predict first: the lifetime-optimal model against the compute-optimal one", points=1,
        level="core", minutes=5,
        hint="Think about which term of the lifetime cost 6ND + 2N·D_inf grows with N and which does not.",
        method_hint="Inference cost is proportional to N alone; training cost to N·D. At a fixed loss, trading "
                    "parameters for tokens changes both: which way does a large D_inf push the optimum?",
        choices=(
            Choice("A", "Larger than the compute-optimal model, and trained on fewer tokens",
                   "A larger model costs more at every generated token; inference pushes the other way."),
            Choice("B", "The same model: inference demand changes the cost, not the optimum",
                   "The cost being minimised now includes 2N·D_inf, which depends on N, so the optimum moves."),
            Choice("C", "Smaller, and trained on more tokens than the compute-optimal model"),
            Choice("D", "Smaller, and trained on fewer tokens than the compute-optimal model",
                   "A smaller model trained on fewer tokens has a higher loss: it misses the target."),
        ),
    ),
    Exercise(
        id="13.4", name="lifetime_optimal_params", kind="function",
        title="The lifetime-optimal model size (training plus inference)", points=3, rtol=2e-3, level="core",
        minutes=35, unit="parameters",
        inputs=((2.1, 0.0), (2.1, 1e13), (2.0, 3e13), (2.3, 1e14), (1.95, 5e12)),
        hint="Fix the loss. Each model size N then needs its own number of tokens D(N) to reach it, and the lifetime "
             "cost is 6·N·D(N) + 2·N·D_inf. Minimise that over N. " + f"Constants: {_EPOCH}.",
        method_hint="D(N) solves E + A/N^α + B/D^β = target, so D = (B / (target − E − A/N^α))^(1/β); it exists only "
                    "above the N where A/N^α = target − E. Minimise log cost over log N on a bracket that starts "
                    "just above that N (scipy's minimize_scalar with bounds, tight xatol).",
    ),
    Exercise(
        id="13.5", name="scenario_plan", kind="numbers", title="The scenario's plan: size, tokens, days, dollars",
        points=2, rtol=0.01, length=4, level="core", minutes=20,
        extra={"names": ["N", "D", "training days", "training dollars"]},
        hint="Your lifetime-optimal size at the scenario's loss and demand, its tokens from the law, then time "
             "and money from training FLOPs, the cluster's peak and its utilisation.",
        method_hint="days = 6ND / (GPUs × peak × MFU) / 86,400; dollars = GPUs × 24 × days × price per GPU-hour.",
    ),
    Exercise(
        id="13.6", name="serving_memory_gb", kind="numbers", title="Serving the plan: weights in bf16 and int8",
        points=1, rtol=1e-3, length=2, level="core", minutes=5, unit="GB",
        extra={"names": ["bf16 weights", "int8 weights"]},
        hint="Weights only: bytes per parameter times parameters, in GB of 1e9 bytes (as GPU datasheets count).",
        method_hint="bf16 is 2 bytes per parameter, int8 is 1.",
    ),
    Exercise(
        id="13.7", name="hoffmann_size", kind="number", title="How much does the constant set matter?",
        points=1, rtol=2e-3, level="stretch", minutes=10, unit="parameters",
        hint="Same scenario, same method, other constants: Hoffmann et al. 2022's printed Eq. 10 "
             "(E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28).",
        method_hint="Run your lifetime optimum with the other constants; the target loss stays 2.0 nats per token.",
        mistakes=(
            Mistake(1.5724e10, "That is the size under Epoch's constants (13.5): use all five of Hoffmann's constants, "
                               "E included.", rtol=0.005),
        ),
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="13.w1", title="The plan, as a one-page memo to the team", min_words=150, max_words=450,
        level="core", minutes=45,
        rubric=(
            Criterion("States the recommendation with its numbers: N, D, tokens per parameter, FLOPs, days, dollars, "
                      "serving memory", 2),
            Criterion("Derives each number from a named law and constant set, with the fit's own exponent compared "
                      "with the published one", 2),
            Criterion("Names the assumption the plan is most sensitive to (demand, constants, MFU) and what happens "
                      "to N and cost if it is wrong by 2x", 2),
        ),
    ),
    Written(
        id="13.w2", title="Against the alternatives the course teaches", min_words=150, max_words=450,
        level="core", minutes=45,
        rubric=(
            Criterion("Compares with the Chinchilla-optimal model for the same loss, with the lifetime FLOPs of both", 2),
            Criterion("Weighs a Mixture-of-Experts design: what it saves (FLOPs per token) and costs (memory, "
                      "serving), with numbers or a sourced ratio", 2),
            Criterion("Weighs a smaller model with more test-time compute (repeated sampling or longer reasoning) "
                      "and says for which product goal it would win", 2),
        ),
    ),
    Written(
        id="13.w3", title="How far to trust the fit", min_words=80, max_words=300, level="stretch", minutes=30,
        rubric=(
            Criterion("Says which runs were used or excluded and why, and how that moved the exponent", 2),
            Criterion("Quantifies the uncertainty (a bootstrap interval or a comparison of constant sets) and "
                      "carries it through to the recommended N", 2),
        ),
    ),
)
