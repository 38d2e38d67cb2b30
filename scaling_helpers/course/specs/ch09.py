"""Chapter 9 exercises: data — repetition, the data stock, filtering, mixtures and generated data."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "09_data"

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="9.1", name="four_epochs_guess", kind="choice", title="Predict, then check: four epochs of the same data",
        choices=(
            Choice("A", "About 2U: each repeated token is worth half a fresh one.",
                   "Half value comes much later: a repeat is still worth about 90% of a fresh token after 4 epochs."),
            Choice("B", "A little under 4U."),
            Choice("C", "About 16U: repetition multiplies the data sixteen-fold.",
                   "1 + R_D* = 16.4 is the ceiling for infinitely many epochs, not the value after four."),
            Choice("D", "About 1U: a repeated token teaches nothing new.",
                   "Muennighoff et al. find the first few repeats almost as useful as fresh data."),
        ),
        hint="The worth of a repeat decays like exp(-R/R_D*) with R_D* about 15: how far has it decayed after "
             "three repetitions?",
        method_hint="Compare R = 3 with R_D* = 15.4: exp(-3/15.4) is close to 1, so D' is close to D = 4U.",
        level="core", minutes=3,
    ),
    Exercise(
        id="9.2", name="effective_tokens", kind="function", title="Effective data from the paper's definition",
        points=2, rtol=1e-6,
        inputs=((25e9, 242e9), (1e9, 1e9), (1e9, 4e9), (1e9, 1e12), (10e9, 4e9), (3e14, 1.2e15), (7e10, 2.45e11)),
        hint="Only the unique tokens actually used count as U_D; the number of repetitions is epochs minus one.",
        method_hint="U_D = min(unique, total); R_D = total/U_D - 1; D' = U_D + U_D·R_D*·(1 - exp(-R_D/R_D*)) with "
                    "R_D* = 15.387756.",
        level="core", minutes=10,
    ),
    Exercise(
        id="9.3", name="constrained_loss", kind="function", title="The whole data-constrained law, from scratch",
        points=2, rtol=1e-4,
        inputs=((6.34e9, 242e9, 25e9), (8.67e9, 178e9, 25e9), (1e9, 20e9, 100e9), (10e9, 100e9, 10e9),
                (2e8, 4e9, 1e9)),
        hint="Parameters are 'repeated' too: a model larger than the unique data can feed compute-optimally has "
             "excess parameters, which decay like repeated tokens but with their own constant R_N*.",
        method_hint="G = (alpha·A/(beta·B))^(1/(alpha+beta)); N_opt(U) = G·(G·U)^(beta/alpha); U_N = min(N, N_opt(U)); "
                    "R_N = N/U_N - 1; N' = U_N + U_N·R_N*·(1 - exp(-R_N/R_N*)); then E + A/N'^alpha + B/D'^beta.",
        level="stretch", minutes=15,
    ),
    Exercise(
        id="9.4", name="epochs_at_worth", kind="function", title="Derive: when is a repeat worth a fraction f?",
        points=1, rtol=1e-6, inputs=((0.5,), (0.9,), (0.25,), (0.05,), (1.0,)),
        hint="The worth of the next repeated token is the derivative of D' with respect to D; set it equal to f.",
        method_hint="dD'/dD = exp(-R/R_D*); solve exp(-R/R_D*) = f for R, then add the first (unrepeated) epoch.",
        level="core", minutes=8,
    ),
    Exercise(
        id="9.8", name="stock_tokens_needed", kind="number", title="Stretching the stock of text",
        rtol=0.005, unit="tokens",
        hint="Invert the effective-data formula: which number of repetitions makes D'/U equal to the target "
             "multiple of the stock?",
        method_hint="Solve 1 + R*(1 - exp(-R/R*)) = 1e15/3e14 for R (a logarithm does it), then total tokens = "
                    "U·(1 + R).",
        mistakes=(
            Mistake(1e15, "That counts every repeated token as fresh; repeats are worth less, so you need more "
                          "than 1e15 trained tokens.", rtol=0.002),
            Mistake(7.5913e14, "You treated the solved R as the number of epochs; epochs = R + 1, so total = U(1 + R).",
                    rtol=0.002),
        ),
        level="core", minutes=8,
    ),
    Exercise(
        id="9.9", name="fitted_r_star", kind="number", title="Fit R_D* from measured losses",
        rtol=0.01,
        hint="At fixed N (small enough to have no excess parameters) only D' changes with the epochs: turn each "
             "loss back into an effective data size, then fit the one decay constant.",
        method_hint="D' = (B/(L - E - A/N^alpha))^(1/beta) with Muennighoff's A, B, E, alpha = beta; fit R* in "
                    "D'/U = 1 + R*(1 - exp(-(epochs-1)/R*)) by least squares (scipy.optimize.curve_fit).",
        mistakes=(
            Mistake(8.852, "You used the epochs as R; R counts repetitions, epochs minus one (the first pass is "
                           "not a repeat).", rtol=0.004),
        ),
        level="stretch", minutes=12,
    ),
    Exercise(
        id="9.10", name="filtered_error", kind="function", title="Goyal et al.'s filtering law, from scratch",
        points=2, rtol=1e-6,
        inputs=((5e6, 1e7, -0.1, 2.0), (1e7, 1e7, -0.1, 2.0), (3.5e7, 1e7, -0.12, 1.0), (1e9, 1.28e7, -0.14, 1.0),
                (2e8, 3.84e7, -0.12, 2.0)),
        hint="Within a pass the error follows dy/dn = b_k·y/n, a power law; the exponent b_k halves every tau "
             "passes. Chain the passes.",
        method_hint="y = (n_0/1e5)^b + 0.1 on the first pass (n_0 = min(n, S)); then for each later pass k = 1, 2, "
                    "... multiply by (min((k+1)S, n)/(kS))^(b·2^(-k/tau)).",
        level="core", minutes=12,
    ),
    Exercise(
        id="9.11", name="half_life_guess", kind="choice", title="Predict, then check: a longer half-life",
        choices=(
            Choice("A", "It moves to a larger budget."),
            Choice("B", "It moves to a smaller budget.",
                   "A longer half-life keeps the strict pool useful for more passes, so it stays ahead longer."),
            Choice("C", "It stays put: pool sizes alone set it.",
                   "The crossover is where the strict pool's decayed utility falls behind; the half-life sets how "
                   "fast that happens."),
            Choice("D", "It vanishes: the permissive pool never wins.",
                   "Not here: with tau = 2 the strict pool's utility still decays to zero, and the permissive "
                   "pool, with its lower floor, overtakes it later."),
        ),
        hint="The half-life sets how fast the strict pool's repeats lose utility.",
        method_hint="Evaluate your filtered_error for both pools on a grid of budgets with tau = 1 and tau = 2 "
                    "for the strict pool and find where the curves cross.",
        level="core", minutes=6,
    ),
    Exercise(
        id="9.12", name="best_code_share", kind="number", title="Fit a data-mixing law and choose the mixture",
        rtol=0.05,
        hint="Fit one exponential law per validation domain to the seven runs, then minimise the weighted sum over "
             "the share of code.",
        method_hint="Fit L_i(r2) = c_i + k_i·exp(t_i·r2) by least squares (two training domains: one exponent is "
                    "enough), then minimise 0.7·L_web + 0.3·L_code over r2 in [0, 1] on a fine grid.",
        mistakes=(
            Mistake(0.7546, "That is the best share for equal weights; this run's goal weights web 0.7 and code 0.3.",
                    rtol=0.03),
            Mistake(1.0, "All code minimises the code loss alone; the goal is the weighted sum of both losses.",
                    rtol=0.01),
        ),
        level="core", minutes=10,
    ),
    Exercise(
        id="9.13", name="collapse_generations", kind="number", title="Replace or accumulate: when is it ten times worse?",
        rtol=0.001, unit="generations",
        hint="Under replacement the expected error is n times one fit's; under accumulation it is a partial sum "
             "that converges. Compare them generation by generation.",
        method_hint="Loop n = 1, 2, ...: the ratio is n / sum_{i<=n} 1/i^2; return the first n where it is >= 10.",
        mistakes=(
            Mistake(17, "17 compares with the limit pi^2/6 of the accumulate error, not with its value at the same "
                        "generation.", rtol=0.001),
            Mistake(44, "That uses sum 1/i (a harmonic sum); the accumulate error's terms are 1/i^2.", rtol=0.001),
            Mistake(15, "One generation short: at n = 15 the ratio is still below 10.", rtol=0.001),
        ),
        level="core", minutes=6,
    ),
    Exercise(
        id="9.14", name="repetition_cost", kind="numbers", title="Real runs: measured and predicted cost of repeating",
        points=2, rtol=0.002, length=4,
        extra={"names": ["measured rise at 4 epochs", "predicted rise at 4 epochs", "measured rise at 7.1 epochs",
                         "predicted rise at 7.1 epochs"]},
        hint="Compare each repeated run with the one-epoch run of the same size and tokens: the law is judged on the "
             "rise of the loss, not on its absolute level.",
        method_hint="Measured rise = L(U) - L(U = 178B) from the table; predicted rise = the law's loss at (N, D, U) "
                    "minus its loss at (N, D, D), with your constrained_loss from 8.3.",
        level="core", minutes=8,
    ),
    Exercise(
        id="9.15", name="repetition_judgement", kind="choice", title="Judge the rule '4 epochs are almost fresh'",
        choices=(
            Choice("A", "Refuted: the 4-epoch run's loss is far above the 1-epoch run's.",
                   "The rise at 4 epochs is about 0.014 nats, 0.6% of the loss."),
            Choice("B", "Supported: +0.6% at 4 epochs, and the law predicts the rise."),
            Choice("C", "Supported, and the law's absolute losses match the runs too.",
                   "The law's absolute losses are about 6% below these runs; only the rises agree."),
            Choice("D", "Untestable: the runs differ in compute.",
                   "All six runs share N = 8.67B and D = 178B tokens, hence the same compute C = 6ND."),
        ),
        hint="Put the rise at 4 epochs next to the loss itself, and compare both the rises and the levels with the law.",
        method_hint="Relative rise = (L(44B) - L(178B)) / L(178B); the law's level: its loss at one epoch against "
                    "the measured 2.3367.",
        level="core", minutes=5,
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="9.w1", title="Critique: 'we will just train 10 epochs on our 1T tokens'",
        rubric=(
            Criterion("quantifies what 10 epochs buy with Muennighoff's law: about 7.8T effective tokens from 10T "
                      "trained (R = 9 repetitions), and the last repeats worth about 56% of fresh data", 2),
            Criterion("uses the law's asymmetry (R_N* < R_D*) or its optimum to say how the budget should be split "
                      "instead (more epochs and a smaller model than Chinchilla's rule, or more unique data)", 2),
            Criterion("names a concrete way to raise the unique data (looser filtering, other domains such as code, "
                      "other languages) with its cost", 1),
            Criterion("states a limit of the law: fitted up to 9B parameters and 900B tokens, and it models "
                      "diminishing returns, not the over-fitting seen after many epochs", 1),
        ),
        min_words=80, max_words=250, level="core", minutes=10,
    ),
    Written(
        id="9.w2", title="A filtering decision for two budgets",
        rubric=(
            Criterion("chooses the strict filter for the small budget and the permissive one for the large budget, "
                      "with the predicted errors from the law", 2),
            Criterion("explains the choice through repetition: passes over each pool and the decayed utility", 2),
            Criterion("states what must be measured before trusting it: b and tau fitted on one's own pools at "
                      "small scale (the law was fitted on CLIP models and DataComp pools)", 1),
        ),
        min_words=70, max_words=220, level="stretch", minutes=10,
    ),
)
