"""Chapter 10 exercises: from loss to capabilities (downstream laws, observational scaling, emergence)."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "10_capabilities"

_HELD_OUT = ("You fitted with the held-out large runs included: the point of the item is to forecast them from the "
             "small ones only.")

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="10.1", name="pp_target", kind="number", title="The perplexity needed for a target error",
        rtol=0.005,
        hint="Solve ε − k·exp(−γL) = 0.40 for the loss L, then turn the loss into a perplexity.",
        method_hint="L = −ln((ε − 0.40)/k)/γ with natural logarithms; the perplexity is e^L (the loss is in nats).",
        mistakes=(
            Mistake(2.2033, "That is the loss L in nats; the item asks for the perplexity e^L.", rtol=0.003),
            Mistake(159.70, "Perplexity is e^L for a loss in nats, not 10^L.", rtol=0.005),
            Mistake(20.264, "You solved for an error of 0.60 (one minus the target): the target is an error of "
                            "0.40.", rtol=0.005),
            Mistake(2.6036, "You inverted the exponential with log10: use the natural logarithm.", rtol=0.005),
        ),
        level="core", minutes=5,
    ),
    Exercise(
        id="10.2", name="benchmark_metrics", kind="function",
        title="Benchmark exact match and expected wrong tokens from token probabilities",
        points=2, rtol=1e-6,
        inputs=(
            (((0.9, 0.8), (0.95, 0.99, 0.9)),),
            (((0.6,), (0.8, 0.7, 0.6, 0.99)),),
            ((tuple([0.97] * 40), tuple([0.99] * 10), (0.5, 0.5, 0.5)),),
            (((0.99,) * 5,) * 3,),
            (((0.9, 0.9), (0.8, 0.8), (0.7, 0.7)),),
        ),
        hint="Within one answer every token must be right for an exact match, while wrong tokens add up; then "
             "average each quantity over the questions.",
        method_hint="Per answer: exact = product of its p_i, wrong = sum of (1 − p_i); return the means over "
                    "answers of both, as a tuple.",
        extra={"names": ["exact-match accuracy", "mean wrong tokens"]},
        level="core", minutes=8,
    ),
    Exercise(
        id="10.3", name="crossing", kind="function", title="Derive where exact match crosses a level",
        points=2, rtol=1e-6,
        inputs=((1, 0.5, 1e6, 0.35), (20, 0.5, 1e6, 0.35), (50, 0.5, 1e6, 0.35), (20, 0.9, 1e6, 0.35),
                (10, 0.5, 1e8, 0.5)),
        hint="Exact match on L independent tokens is p^L with p = e^(−ℓ). Set it equal to q and solve for ℓ; "
             "then solve (N/c)^(−α) = ℓ* for N.",
        method_hint="ℓ* = ln(1/q)/L (natural logarithm) and N* = c·ℓ*^(−1/α); return (ℓ*, N*).",
        extra={"names": ["loss_star", "n_star"]},
        level="core", minutes=12,
    ),
    Exercise(
        id="10.4", name="arc_easy_forecast", kind="numbers", title="Fit the sigmoid, forecast unseen runs",
        points=2, rtol=0.01, length=2,
        hint="Fit accuracy against loss on the runs below 5e8 parameters only, with floor 0.25 and ceiling 1 fixed; "
             "then evaluate the fitted curve at the two large runs' losses.",
        method_hint="Define sigmoid(L, m, s) = 0.25 + 0.75/(1 + exp(s·(L − m))) and call "
                    "curve_fit(sigmoid, losses, accuracies, p0=(3.0, 1.0)); evaluate at RUNS[...].c4_loss.",
        extra={"names": ["forecast for the 1.4B run", "forecast for the 6.9B run"]},
        mistakes=(
            Mistake(0.49064, "That curve starts at 0, not at the chance accuracy 0.25: fix the floor at 0.25 "
                             "(four options) and the ceiling at 1.", rtol=0.005),
            Mistake(0.49844, "That curve starts at 0, not at the chance accuracy 0.25: fix the floor at 0.25.",
                    rtol=0.005),
            Mistake(0.63908, _HELD_OUT, rtol=0.003),
            Mistake(0.66495, _HELD_OUT, rtol=0.003),
        ),
        level="core", minutes=15,
    ),
    Exercise(
        id="10.5", name="arc_c_prediction", kind="choice", title="Predict, then check: the sigmoid on ARC-Challenge",
        choices=(
            Choice("A", "About 0.37: the recipe that worked for ARC-Easy works here as well.",
                   "It did not: with every small run at chance the fit has nothing to anchor the rise to."),
            Choice("B", "About 0.25: the fit stays at chance for every loss, whatever the starting point.",
                   "That is what one starting point gives; another puts the rise just past the data and "
                   "forecasts about 0.78 with almost the same squared error."),
            Choice("C", "Nothing: curve_fit raises an error because the small runs are all near chance.",
                   "curve_fit returns an answer (it may warn that the covariance is undefined): the danger is "
                   "that it looks like a forecast."),
            Choice("D", "Not determined: fits within 1% in squared error forecast 0.25 or about 0.8."),
        ),
        hint="Look at the small runs' ARC-Challenge scores: what do they tell a sigmoid about where its rise starts?",
        method_hint="Fit from two starting points, e.g. p0 = (4, 1) and (3, 1), and compare both the squared errors "
                    "and the forecasts.",
        level="core", minutes=5,
    ),
    Exercise(
        id="10.6", name="pipeline_7b", kind="numbers", title="From a loss curve to a benchmark score",
        points=2, rtol=0.001, length=2,
        hint="Two steps: a loss curve in compute fitted on the small compute-optimal runs, evaluated at the 6.9B "
             "run's compute; then the error law of 12.1 applied to that loss.",
        method_hint="curve_fit(lambda c, E, A, a: E + A*(c/1e18)**(-a), compute, loss, p0=(1.5, 2.0, 0.1)) on the "
                    "runs with multiplier 20 and params < 5e9; then 0.857 − 2.2063·exp(−0.71456·L_pred).",
        extra={"names": ["predicted loss", "predicted error"]},
        mistakes=(
            Mistake(2.43068, "You included the 6.9B run in the fit: forecast it from the smaller runs only.",
                    rtol=0.0005),
            Mistake(2.16699, "A pure power law (no floor E) bends too little: the loss has an irreducible part, "
                             "so fit E + A·(C/1e18)^−α.", rtol=0.002),
        ),
        level="core", minutes=15,
    ),
    Exercise(
        id="10.7", name="pc_variance", kind="numbers", title="How many capabilities? PCA on the benchmark table",
        rtol=0.002, length=2,
        hint="Standardise each benchmark column (mean 0, standard deviation 1 with ddof=1), take the SVD, and turn "
             "singular values into fractions of variance.",
        method_hint="Z = (X − X.mean(0)) / X.std(0, ddof=1); S = np.linalg.svd(Z, compute_uv=False); "
                    "fractions = S² / sum(S²).",
        extra={"names": ["PC1 fraction", "PC2 fraction"]},
        mistakes=(
            Mistake(0.98813, "You did not centre the scores: without subtracting the means the first component "
                             "just points at the average score.", rtol=0.001),
            Mistake(0.89079, "You centred but did not standardise: benchmarks with a wide spread (Code, Math) "
                             "then weigh more. Divide each column by its standard deviation.", rtol=0.0015),
            Mistake(0.58293, "Fractions of variance use the squared singular values, S²/ΣS², not S/ΣS.",
                    rtol=0.002),
        ),
        level="core", minutes=10,
    ),
    Exercise(
        id="10.8", name="mmlu_70b", kind="numbers", title="Two ways to predict a held-out MMLU score",
        points=2, rtol=0.005, length=2,
        hint="First a line in log10 C over three models of one family; then a PCA without the MMLU column and "
             "without the held-out model, a line from PC1 to MMLU, and the held-out model projected onto PC1.",
        method_hint="np.polyfit(np.log10(C), mmlu, 1) over Llama 2 7B/13B/34B; for the second, standardise the 11×7 "
                    "matrix, take Vt[0] from the SVD (sign so its sum is positive), regress MMLU on Z @ Vt[0], and "
                    "project the 70B's standardised scores with the same means, deviations and vector.",
        extra={"names": ["from compute", "from PC1"]},
        mistakes=(
            Mistake(72.0537, "That line runs through all eleven other models; the item asks for a line within the "
                             "Llama 2 family.", rtol=0.001),
            Mistake(71.9107, "The held-out model was part of the PCA and the regression: leave it out of both.",
                    rtol=0.001),
            Mistake(73.3551, "You kept the MMLU column in the PCA, so the held-out score leaked into its own "
                             "prediction. Drop MMLU before the PCA.", rtol=0.001),
        ),
        level="stretch", minutes=15,
    ),
    Exercise(
        id="10.9", name="pca_judgement", kind="choice", title="Where does the observational picture fail?",
        choices=(
            Choice("A", "PC1 explains 88% of the variance, so every benchmark of every model is predicted within "
                        "2 points.",
                   "88% of the variance overall still leaves large misses: Falcon 7B's MMLU and reading "
                   "comprehension are off by about 9 and 21 points."),
            Choice("B", "Models with the same training compute have the same capability: MPT 7B and Llama 1 7B "
                        "(both 4.2e22 FLOPs) sit at the same PC1.",
                   "They do not (−3.2 and −2.6), and Falcon 7B, with more compute, is lowest: families differ in "
                   "compute efficiency (Ruan et al. 2024)."),
            Choice("C", "For weak models the PC1 line predicts below-chance scores (Falcon 7B's MMLU at 17.5% on "
                        "four options): a linear map ignores the floor."),
            Choice("D", "MMLU is linear in log compute across all twelve models, whatever the family.",
                   "Within a family it is roughly linear over a short range; across families, 7B models within a "
                   "factor of two in compute score from 26% (Falcon 7B) to 45% (Llama 2 7B)."),
        ),
        hint="Check each statement against numbers you can compute: the held-out predictions for Falcon 7B, and the "
             "PC1 of models with equal compute.",
        method_hint="Repeat 12.8's second method for Falcon 7B and MMLU, and print PC1 with 6ND for the three 7B "
                    "models of different families.",
        level="core", minutes=8,
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="10.w1", title="Critique: 'emergent at 1e23 FLOPs, so it cannot be forecast'",
        rubric=(
            Criterion("explains the metric effect: exact match on an L-token answer is p^L, so a smooth per-token "
                      "improvement gives a jump whose position moves with L (uses ℓ* = ln(1/q)/L)", 2),
            Criterion("names resolution: a benchmark of n questions reads accuracies below about 1/n as zero", 1),
            Criterion("says what can be forecast and how: a continuous quantity (answer loss, log-probability, "
                      "edit distance) fitted on small models and mapped to the metric", 1),
            Criterion("states an honest limit (all-at-chance runs cannot locate the rise; incorrect-choice "
                      "effects, Schaeffer et al. 2024) or why 'loss is useless' does not follow", 1),
        ),
        min_words=100, max_words=250, level="core", minutes=12,
    ),
    Written(
        id="10.w2", title="Explain: why the 17-task average was predictable and ARC-Challenge was not",
        rubric=(
            Criterion("averaging: many tasks at different stages add up to a smooth curve, while one task near "
                      "chance sits on the flat, uninformative part of its sigmoid; a fit needs points on the rise", 2),
            Criterion("the mechanism of Schaeffer et al. 2024: accuracy compares the correct choice with a few "
                      "specific incorrect ones, so it depends on how mass on the incorrect choices moves", 1),
            Criterion("a concrete recommendation (track the correct answer's log-probability or a task loss, "
                      "include runs that reach the rise, report a range)", 1),
        ),
        min_words=90, max_words=220, level="stretch", minutes=10,
    ),
)
