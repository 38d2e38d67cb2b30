"""Quick checks of lecture 7: test-time compute."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "8.a", "A problem was sampled n = 10 times and c = 8 samples were correct. What is the unbiased pass@3?",
        answer=3, options=(
            Option("1 - 0.2**3 = 0.992", "That is the plug-in estimate 1 - (1 - c/n)^k, which is biased low."),
            Option("0.8", "0.8 is c/n, the estimate of pass@1."),
            Option("It cannot be estimated from 10 samples", "k = 3 <= n = 10, so the unbiased estimator applies."),
            Option("1.0", "Yes: only 2 samples are wrong, so every set of 3 samples contains a correct one "
                          "(n - c < k)."),
        ),
    ),
    QuickCheck(
        "8.b", "On which axes is the coverage law exp(a·k^b) a straight line?",
        answer=2, options=(
            Option("coverage vs log k",
                   "Roughly straight over part of the range (the 'log-linear' observation), but not exactly: it "
                   "must stay below 1."),
            Option("log(coverage) vs log k", "log c = a·k^b is still a power of k, not a line in log k."),
            Option("log(-log coverage) vs log k", "Yes: log(-log c) = log(-a) + b·log k."),
            Option("-log(coverage) vs k, on linear axes",
                   "-log c = -a·k^b is a power of k: a straight line only on log-log axes."),
        ),
    ),
    QuickCheck(
        "8.c", "With unlimited samples and no verifier, majority vote solves which problems?",
        answer=0, options=(
            Option("Problems whose most likely answer is correct",
                   "Yes: the vote converges to each problem's modal answer."),
            Option("Every problem with p > 0, given enough samples",
                   "That is coverage: it needs a verifier to recognise the rare correct sample."),
            Option("Problems where the correct answer has p > 1/2",
                   "Too strict: the correct answer only has to beat each wrong answer separately (a plurality)."),
            Option("The problems one sample solves, no more and no fewer",
                   "No: voting removes the sampling noise, so problems with a correct mode become certain."),
        ),
    ),
    QuickCheck(
        "8.d", "A 7B and a 70B model both write 500-token answers to the same 100-token prompt. How many 7B "
               "samples cost the same FLOPs as one 70B sample?",
        answer=1, options=(
            Option("1", "Each token costs about 2N FLOPs, so a 70B token costs 10x a 7B token."),
            Option("10", "Yes: 2·70e9·600 / (2·7e9·600) = 10."),
            Option("100", "FLOPs per token scale with N, not N²."),
            Option("It depends on the prompt length",
                   "With equal tokens per sample the prompt cancels; it matters only when the lengths differ."),
        ),
    ),
    QuickCheck(
        "8.e", "Budget forcing raised s1-32B's AIME24 accuracy by about 15 points per doubling of thinking tokens "
               "between 1,000 and 7,300 tokens. What should you expect from 16,000 tokens?",
        answer=2, options=(
            Option("About 73%: one more doubling adds another 15 points",
                   "That trusts the straight line beyond the data; the next measured point (about 8,500 tokens) "
                   "already fell below it."),
            Option("Nothing: accuracy always drops once the model thinks longer than it wants to",
                   "No: forcing it to continue took AIME24 from 50% to 57% in the paper (abstract)."),
            Option("Little or nothing: the last measured doubling step is already flat",
                   "Yes: a log-linear fit is a description of the measured range; the curve saturates and the "
                   "line would pass 100% near 57,000 tokens."),
            Option("Exactly 100%, since accuracy is linear in log tokens",
                   "A line in log tokens must leave [0, 1] somewhere: it cannot be a law for all budgets."),
        ),
    ),
)
