"""Chapter 8 exercises: test-time compute (pass@k, coverage laws, voting vs verifiers)."""

from __future__ import annotations

import math

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "08_test_time"

# Two-point exponentiated power law through Brown et al.'s (2024, arXiv:2407.21787, abstract) SWE-bench Lite
# points 15.9% at k = 1 and 56% at k = 250.
_A_SWE = math.log(0.159)
_B_SWE = math.log(math.log(0.56) / math.log(0.159)) / math.log(250)
# 7.4: the law fitted in 7.3 has b = -0.38439 (tt.coverage_sweep(0.3, 4.0, seed=11), loglog fit); the wrong
# "halving factors" below are what a wrong power or base gives with that b.
_B73 = -0.3843878

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="8.1", name="pass_at_k", kind="function", title="Implement the unbiased pass@k estimator",
        points=2, rtol=1e-6, atol=1e-9, timeout=3.0,
        inputs=((10, 3, 1), (10, 3, 5), (200, 0, 10), (10, 8, 3), (5, 5, 5), (200, 1, 100), (200, 20, 50),
                (1_000_000, 1000, 1000), (1_000_000_000, 2, 1000)),
        hint="pass@k = 1 - C(n-c, k)/C(n, k). Return 1.0 when n - c < k. Compute the ratio as the product "
             "prod over i = n-c+1..n of (1 - k/i) (or with exact integers, math.comb): float binomial "
             "coefficients such as scipy.special.comb overflow for n = 1,000,000.",
        method_hint="Loop over the c factors (or vectorise with numpy.arange(n - c + 1, n + 1)); multiply the "
                    "terms 1 - k/i and return 1 minus the product; handle n - c < k first.",
        level="core", minutes=15,
    ),
    Exercise(
        id="8.2", name="estimator_check", kind="numbers", title="The plug-in estimate is biased low",
        points=2, rtol=0.01, length=3,
        hint="Average over every outcome c = 0..20 of 20 samples, weighting by the binomial probability "
             "scipy.stats.binom.pmf(c, 20, 0.1). The truth is "
             "1 - (1 - p)^k.",
        method_hint="Build the array c = 0..20 and its weights; the mean of an estimator is weights @ "
                    "estimator(20, c, 10).",
        level="core", minutes=10,
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
        id="8.3", name="law_ab", kind="numbers", title="Fit the coverage law exp(a·k^b)",
        points=2, rtol=0.02, length=2,
        hint="First turn the counts into coverage: at each k, the unbiased pass@k of every problem (n = 10,000 "
             "samples, c correct) averaged over problems. Then log(-log c) = log(-a) + b·log k is a straight "
             "line. Both a and b are negative; use natural logarithms.",
        method_hint="numpy.polyfit(log k, log(-log c), 1) returns (slope, intercept) = (b, log(-a)); "
                    "a = -exp(intercept).",
        level="core", minutes=15,
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
        id="8.4", name="k_80", kind="numbers", title="Derive: samples for 80% coverage and the cost of halving",
        points=2, rtol=0.05, length=2,
        hint="Invert c = exp(a·k^b) for k at c = 0.8. For the second number, ask by what factor k must grow "
             "for -log c (the 'failure exponent') to halve: solve (m·k)^b = k^b / 2 for m.",
        method_hint="k = (log c / a)^(1/b); the halving factor m = 2^(-1/b) does not depend on k or a.",
        level="core", minutes=12,
        mistakes=(
            Mistake(2.57, "You raised to the power b; the inverse needs the power 1/b.", rtol=0.05),
            Mistake(68.6, "Mixed logarithms: log10 in the fit but ln of the target (or the reverse). Use "
                          "natural logs throughout.", rtol=0.05),
            Mistake(2 ** _B73, "That is 2^b: the factor m solves m^b = 1/2, so m = 2^(-1/b)."),
            Mistake(2 ** (1 / _B73), "That is 2^(1/b), below 1: more samples must be needed, so m = 2^(-1/b)."),
            Mistake(math.exp(-1 / _B73), "That is e^(-1/b): halving means a factor 2, so m = 2^(-1/b)."),
            Mistake(10 ** (-1 / _B73), "That is 10^(-1/b): halving means a factor 2, so m = 2^(-1/b)."),
        ),
        extra={"names": ["k for 80% coverage", "factor on k that halves -log c"]},
    ),
    Exercise(
        id="8.5", name="swe_k75", kind="number", title="Extrapolate Brown et al.'s SWE-bench Lite coverage",
        rtol=0.05, unit="samples",
        hint="Two points fix a = ln 0.159 (k = 1) and b = ln(ln 0.56 / ln 0.159) / ln 250; then k = "
             "(ln 0.75 / a)^(1/b). Keep full precision: k is sensitive to b.",
        method_hint="Compute a and b with math.log from the two published points, then invert the law at 0.75; "
                    "do not round b.",
        level="core", minutes=8,
        mistakes=(
            Mistake(math.exp((0.75 - 0.159) / (0.56 - 0.159) * math.log(250)),
                    "That is a straight line in log k through the two points (log-linear coverage); the "
                    "question asks for the exponentiated power law exp(a·k^b)."),
            Mistake(1 + (0.75 - 0.159) / ((0.56 - 0.159) / 249),
                    "That interpolates linearly in k; coverage grows roughly with log k, not k."),
        ),
    ),
    Exercise(
        id="8.6", name="vote_limit", kind="number", title="Where majority vote plateaus",
        atol=0.006, rtol=0.0,
        hint="As k grows, the vote returns each problem's most likely answer. Count the problems whose "
             "p_correct exceeds every single wrong answer's probability (p_wrong.max(axis=1)).",
        method_hint="A boolean array problems.p_correct > problems.p_wrong.max(axis=1); its mean is the share.",
        level="core", minutes=6,
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
        id="8.7", name="tokens_at_100", kind="number", title="Spot the error: a reasoning_quality formula",
        rtol=1e-3, unit="tokens",
        hint="Solve 0.4 + 0.05·log10(T + 1) = 1 for T.",
        method_hint="Subtract 0.4, divide by 0.05, raise 10 to that power and subtract 1.",
        level="core", minutes=4,
        mistakes=(
            Mistake(math.e**12 - 1, "That uses the natural log; the formula uses log10."),
            Mistake(1e20, "You dropped the intercept 0.4: 0.05·log10(T + 1) must reach 0.6, not 1."),
        ),
    ),
    Exercise(
        id="8.8", name="snell_answer", kind="choice", title="What Snell et al. (2024) found",
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
        method_hint="Eliminate every option that drops the condition on the 14x claim or reverses what the 4x "
                    "is measured against.",
        level="core", minutes=4,
    ),
    Exercise(
        id="8.9", name="seq_vs_par", kind="numbers", title="Sequential vs parallel at matched tokens",
        points=2, rtol=0.01, atol=0.002, length=3,
        hint="Fit a straight line of accuracy against log2(thinking tokens) through the first six s1 points. "
             "A budget of 8,000 tokens per problem buys one 8,000-token chain, or 8 independent "
             "1,000-token samples and a vote.",
        method_hint="numpy.polyfit(numpy.log2(tokens[:6]), accuracy[:6], 1); predict at log2(8000); the vote "
                    "is the majority accuracy of the simulated curves at k = 8; invert the line at 0.6.",
        level="core", minutes=20,
        mistakes=(
            Mistake(0.5752, "That line was fitted through all seven points: the seventh is where the curve has "
                            "flattened; fit the first six (1,000 to 7,320 tokens).", rtol=0.003),
            Mistake(0.6396, "That line is linear in tokens, not in log2(tokens).", rtol=0.003),
            Mistake(0.354, "That is the oracle coverage at k = 8; without a verifier the vote picks the answer.",
                    rtol=0.003),
            Mistake(0.126, "That is one sample (k = 1); 8,000 tokens buy 8 samples of 1,000 tokens.", rtol=0.003),
            Mistake(478765, "You inverted with e^x instead of 2^x: the line is in log2 of tokens.", rtol=0.01),
            Mistake(9019, "That inverts the line fitted through all seven points; fit the first six.", rtol=0.003),
        ),
        extra={"names": ["sequential accuracy at 8,000 tokens", "majority vote, 8 x 1,000 tokens",
                         "tokens where the line reaches 60%"]},
    ),
    Exercise(
        id="8.10", name="r1_predict", kind="choice", title="Predict, then check: extrapolating R1-Zero",
        choices=(
            Choice("A", "It predicts the final checkpoint to within about 2 points, as a law should.",
                   "The early checkpoints rise faster per doubling of length than the later ones: the early fit "
                   "overshoots the final pass@1."),
            Choice("B", "It falls short of the final pass@1 by 5 to 15 points.",
                   "The early slope per doubling is steeper than the later one, so the extrapolation lands "
                   "above the final value, not below."),
            Choice("C", "It overshoots the final pass@1 by 5 to 15 points."),
            Choice("D", "It overshoots by more than 30 points, well past 100%.",
                   "Length grows only about 2.5x from step 4,000 to the end (little more than one doubling): "
                   "the overshoot is about ten points, not thirty."),
        ),
        hint="Commit before you compute: early in RL, does accuracy rise faster or slower per doubling of "
             "response length than later?",
        method_hint="Compare a line fitted to steps <= 4,000 with one fitted to every checkpoint (item 8.11).",
        level="core", minutes=5,
    ),
    Exercise(
        id="8.11", name="r1_fit", kind="numbers", title="Analyse R1-Zero: pass@1 against response length",
        points=2, rtol=0.02, length=2,
        hint="Pair each pass@1 checkpoint with the response length at the same step (interpolate the length "
             "curve linearly in steps), then fit pass@1 against log2(length).",
        method_hint="numpy.interp(pass1_steps, length_steps, lengths); numpy.polyfit(numpy.log2(length), pass1, "
                    "1) on all points and on steps <= 4,000; evaluate the early line at the last length.",
        level="stretch", minutes=20,
        mistakes=(
            Mistake(0.1671, "That is the slope of the early fit (steps <= 4,000); the first number is the slope on "
                            "every checkpoint.", rtol=0.01),
            Mistake(1.1058, "That extrapolates linearly in steps; the question fits against log2(response "
                            "length).", rtol=0.01),
            Mistake(0.7102, "That is the final measured pass@1; the question asks what the early fit predicts "
                            "there.", rtol=0.005),
        ),
        extra={"names": ["pass@1 gain per doubling of length (all checkpoints)",
                         "early fit's pass@1 at the final length"]},
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="8.w1", title="Advise: think longer or sample more?",
        rubric=(
            Criterion("compares the options at matched tokens (or FLOPs) per problem, not per sample", 2),
            Criterion("names the role of a verifier: coverage only counts with one; without one the vote "
                      "plateaus at the share of problems whose modal answer is right", 2),
            Criterion("says where the sequential fit stops holding (s1 flat after its last doubling; a line in "
                      "log tokens leaves [0, 1]) and does not extrapolate it as a law", 2),
            Criterion("makes a clear recommendation that depends on stated conditions (verifier, difficulty, "
                      "latency)", 1),
        ),
        min_words=100, max_words=250, level="core", minutes=15,
    ),
    Written(
        id="8.w2", title="What R1-Zero's curves show about RL compute, and what they do not",
        rubric=(
            Criterion("states what the curves support: pass@1 and response length both rise with RL steps "
                      "(15.6% to 71.0%; a few hundred to about ten thousand tokens)", 2),
            Criterion("notes that the x-axis is steps, not FLOPs, and that the paper gives no RL compute in "
                      "FLOPs, so no exponent for RL compute can be read off", 2),
            Criterion("notes that the numbers are read from figures and that length (training set) and pass@1 "
                      "(AIME) are different measurements paired by checkpoint", 1),
            Criterion("names a cost the curves hide: longer answers raise the inference cost of every query", 1),
        ),
        min_words=80, max_words=220, level="stretch", minutes=12,
    ),
)
