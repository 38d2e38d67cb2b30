"""Chapter 7 exercises: test-time compute (pass@k, coverage laws, voting vs verifiers)."""

from __future__ import annotations

import math

from .model import Choice, Exercise, Mistake

STEM = "07_test_time"

# Two-point exponentiated power law through Brown et al.'s (2024, arXiv:2407.21787, abstract) SWE-bench Lite
# points 15.9% at k = 1 and 56% at k = 250.
_A_SWE = math.log(0.159)
_B_SWE = math.log(math.log(0.56) / math.log(0.159)) / math.log(250)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="7.1", name="pass_at_k", kind="function", title="Implement the unbiased pass@k estimator",
        points=2, rtol=1e-6, atol=1e-9, timeout=3.0,
        inputs=((10, 3, 1), (10, 3, 5), (200, 0, 10), (10, 8, 3), (5, 5, 5), (200, 1, 100), (200, 20, 50),
                (1_000_000, 1000, 1000), (1_000_000_000, 2, 1000)),
        hint="pass@k = 1 - C(n-c, k)/C(n, k). Return 1.0 when n - c < k. Compute the ratio as the product "
             "prod over i = n-c+1..n of (1 - k/i) (or with exact integers, math.comb): float binomial "
             "coefficients such as scipy.special.comb overflow for n = 1,000,000.",
    ),
    Exercise(
        id="7.2", name="estimator_check", kind="numbers", title="The plug-in estimate is biased low",
        points=2, rtol=0.01, length=3,
        hint="Average over every outcome c = 0..20 of 20 samples, weighting by the binomial probability "
             "scipy.stats.binom.pmf(c, 20, 0.1). The truth is "
             "1 - (1 - p)^k.",
        mistakes=(
            Mistake(0.5681, "That is the mean of the <i>plug-in</i> 1 - (1 - c/n)^k; the unbiased "
                            "estimator averages to the truth."),
            Mistake(1 - 0.9**10, "That is the truth 1 - (1 - p)^10. The plug-in's mean is lower: average 1 - (1 - c/n)^10 "
                                 "over the binomial outcomes c, not 1 - (1 - E[c]/n)^10 (the function of the "
                                 "mean is not the mean of the function)."),
            Mistake(0.1, "0.1 is pass@1 (= p); the question is about k = 10."),
        ),
        extra={"names": ["true pass@10", "mean of the unbiased estimator", "mean of the plug-in estimator"]},
    ),
    Exercise(
        id="7.3", name="law_ab", kind="numbers", title="Fit the coverage law exp(a·k^b)",
        points=2, rtol=0.02, length=2,
        hint="log(-log c) = log(-a) + b·log k is a straight line: fit it (a "
             "power law of k fitted to -log c gives -a as the prefactor and -b as the exponent). Both a and b are negative; use natural logarithms.",
        mistakes=(
            Mistake(-1.1335, "That is a computed with log10 of the coverage. The law is c = exp(a·k^b): use "
                             "natural logarithms (a = ln c(1)).", rtol=0.03),
            Mistake(0.9594, "That is the intercept log(-a) of the straight line; a = -exp(intercept).",
                    rtol=0.03),
            Mistake(0.4426, "That is the slope of log c against log k: fit log(-log c) against log k.",
                    rtol=0.03),
        ),
        extra={"names": ["a", "b"]},
    ),
    Exercise(
        id="7.4", name="k_80", kind="number", title="Samples for 80% coverage from the fitted law",
        rtol=0.05, unit="samples",
        hint="Invert c = exp(a·k^b): k = (log c / a)^(1/b), with your (a, b) from 7.3 and c = 0.8.",
        mistakes=(
            Mistake(2.57, "You raised to the power b; the inverse needs the power 1/b.", rtol=0.05),
            Mistake(68.6, "Mixed logarithms: log10 in the fit but ln of the target (or the reverse). Use "
                          "natural logs throughout.", rtol=0.05),
        ),
    ),
    Exercise(
        id="7.5", name="swe_k75", kind="number", title="Extrapolate Brown et al.'s SWE-bench Lite coverage",
        rtol=0.05, unit="samples",
        hint="Two points fix a = ln 0.159 (k = 1) and b = ln(ln 0.56 / ln 0.159) / ln 250; then k = "
             "(ln 0.75 / a)^(1/b). Keep full precision: k is sensitive to b.",
        mistakes=(
            Mistake(math.exp((0.75 - 0.159) / (0.56 - 0.159) * math.log(250)),
                    "That is a straight line in log k through the two points (log-linear coverage); the "
                    "question asks for the exponentiated power law exp(a·k^b)."),
            Mistake(1 + (0.75 - 0.159) / ((0.56 - 0.159) / 249),
                    "That interpolates linearly in k; coverage grows roughly with log k, not k."),
        ),
    ),
    Exercise(
        id="7.6", name="vote_limit", kind="number", title="Where majority vote plateaus",
        atol=0.006, rtol=0.0,
        hint="As k grows, the vote returns each problem's most likely answer. Count the problems whose "
             "p_correct exceeds every single wrong answer's probability (p_wrong.max(axis=1)).",
        mistakes=(
            Mistake(0.3866, "That is the mean of p_correct: the accuracy of a single sample, not of a vote "
                            "over many.", rtol=0.01),
            Mistake(0.37, "That counts problems with p_correct > 1/2. The vote needs only a plurality: the "
                          "correct answer must beat each wrong answer separately, not all of them together.",
                    rtol=0.005),
            Mistake(1.0, "That is the limit of coverage (an oracle verifier). Majority vote has no verifier: "
                         "it converges to each problem's modal answer.", rtol=0.001),
        ),
    ),
    Exercise(
        id="7.7", name="tokens_at_100", kind="number", title="Spot the error: a reasoning_quality formula",
        rtol=1e-3, unit="tokens",
        hint="Solve 0.4 + 0.05·log10(T + 1) = 1 for T.",
        mistakes=(
            Mistake(math.e**12 - 1, "That uses the natural log; the formula uses log10."),
            Mistake(1e20, "You dropped the intercept 0.4: 0.05·log10(T + 1) must reach 0.6, not 1."),
        ),
    ),
    Exercise(
        id="7.8", name="snell_answer", kind="choice", title="What Snell et al. (2024) found",
        choices=(
            Choice("A", "Test-time compute beat a 14x larger model at equal FLOPs on every problem, the "
                        "hardest included, so pre-training scale no longer paid off.",
                   "Only on problems where the small model already has non-trivial success; on the hardest "
                   "problems extra pre-training (a larger model) was the better use of FLOPs."),
            Choice("B", "Best-of-N against a verifier was the compute-optimal strategy at every "
                        "difficulty, beating adaptive revisions and search by over 4x.",
                   "Best-of-N was the baseline: allocating test-time compute per prompt by difficulty "
                   "improved efficiency by more than 4x over it."),
            Choice("C", "Where a small model had some success it beat a 14x larger one at equal FLOPs; "
                        "difficulty-adaptive compute was >4x as efficient as best-of-N."),
            Choice("D", "Majority vote over 14 samples of the small model matched the 14x larger model on "
                        "every problem, because voting accuracy rises like coverage.",
                   "Voting accuracy saturates at the share of problems whose modal answer is correct; it "
                   "does not track coverage."),
        ),
        hint="Re-read the abstract's two numbers (4x, 14x) and the condition attached to the 14x claim.",
    ),
)
