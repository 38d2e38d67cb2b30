"""Quick checks of lecture 12: from loss to capabilities."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "10.a", "Gadre et al.'s law Err(L) = ε − k·exp(−γL) was fitted on runs with C4 losses from 2.77 to 5.39. "
                "What does it say about a model at loss 1.5?",
        answer=1, options=(
            Option("Its error will be ε − k·exp(−1.5γ), as reliable as inside the range",
                   "Nothing in five fitted runs constrains the curve far below their losses: that is an "
                   "extrapolation, and the law's form was only tested down to 2.4."),
            Option("Only an extrapolation: the form was tested down to about 2.4, not 1.5",
                   "Yes: the law predicted the 1.4B and 6.9B runs (losses 2.50 and 2.43) well; far below that it "
                   "is an assumption, and the error floor it implies is not measured."),
            Option("Its error will be zero, since the law decreases without bound",
                   "At L = 1.5 the law still gives ε − k·e^(−1.5γ) ≈ 0.10: it flattens as the loss falls rather than "
                   "dropping to zero."),
            Option("It cannot be evaluated, because the law needs the compute, not the loss",
                   "The error law takes the loss; compute enters only through a separate loss law."),
        ),
    ),
    QuickCheck(
        "10.b", "Per-token accuracy improves smoothly with N. Exact match on 50-token answers...",
        answer=3, options=(
            Option("improves just as smoothly as per-token accuracy",
                   "Only for one-token answers: p^50 is a very nonlinear function of p."),
            Option("falls, because long answers have more ways to fail",
                   "Exact match can only improve when every token's accuracy improves."),
            Option("is unpredictable from the per-token accuracy",
                   "It is completely predictable: p^L. That is the point of Schaeffer et al.'s argument."),
            Option("stays near zero, then rises steeply",
                   "Yes: p^L = exp(-L·CE(N)) is tiny until L·CE(N) ~ 1, then climbs to 1 over about two "
                   "decades of N."),
        ),
    ),
    QuickCheck(
        "10.c", "Schaeffer et al. (2024) ask why multiple-choice accuracy is hard to forecast with scale. Their "
                "answer:",
        answer=0, options=(
            Option("it depends on how mass on specific wrong choices moves",
                   "Yes: predicting accuracy needs how mass on the incorrect choices changes, not only how it "
                   "concentrates on the correct one; the correlation with compute weakens at each transformation."),
            Option("the loss itself stops following a power law at large scale",
                   "Their point is the opposite: the log-likelihoods are well correlated with compute; the "
                   "transformations to accuracy degrade it."),
            Option("benchmarks are contaminated, so scores are noise",
                   "Contamination is a real issue but not their mechanism."),
            Option("accuracy is a continuous metric, so it cannot show jumps",
                   "Accuracy thresholds a comparison: it is exactly the kind of discontinuous metric that can jump."),
        ),
    ),
    QuickCheck(
        "10.d", "PC1 of the 12 × 8 benchmark table explains 88% of the variance. What follows?",
        answer=2, options=(
            Option("Every benchmark is a linear function of log compute",
                   "PC1 is a combination of scores; its relation to compute differs by family (Falcon 7B vs Llama "
                   "2 7B)."),
            Option("The benchmarks measure the same skill and seven of them can be dropped",
                   "The remaining 12% holds real differences (code vs commonsense) and the misses near floors."),
            Option("One axis orders models; families and tasks add the rest",
                   "Yes: a general capability axis, with family offsets in compute efficiency and task-specific "
                   "residuals, as in Ruan et al. (2024)."),
            Option("Bigger models always score higher on every benchmark",
                   "Llama 2 34B scores lower on Math (24.2) than Llama 2 13B (28.7) in the same table."),
        ),
    ),
)
