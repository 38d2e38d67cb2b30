"""Quick checks of lecture 8: data limits and emergence."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "8.a", "You train for 2 epochs. What is R_D in Muennighoff's formula?",
        answer=1, options=(
            Option("0", "0 repetitions would be a single pass over the data."),
            Option("1", "Yes: R_D = D/U - 1 = 2 - 1 = 1 repetition; the first epoch is not a repeat."),
            Option("2", "That is the number of epochs; R_D counts repetitions, epochs minus one."),
            Option("It depends on the model size", "R_D depends only on how many times the data is seen."),
        ),
    ),
    QuickCheck(
        "8.b", "Per-token accuracy improves smoothly with N. Exact match on 50-token answers...",
        answer=2, options=(
            Option("improves just as smoothly as per-token accuracy",
                   "Only for one-token answers: p^50 is a very nonlinear function of p."),
            Option("falls, because long answers have more ways to fail",
                   "Exact match can only improve when every token's accuracy improves."),
            Option("stays near zero, then rises steeply",
                   "Yes: p^L = exp(-L·CE(N)) is tiny until L·CE(N) ~ 1, then climbs to 1 over about two "
                   "decades of N."),
            Option("is unpredictable from the per-token accuracy",
                   "It is completely predictable: p^L. That is the point of Schaeffer et al.'s argument."),
        ),
    ),
)
