"""Quick checks of lecture 1: power laws."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "1.a", "A law has alpha = 0.5. How many doublings of x halve y?",
        answer=3, options=(
            Option("Four", "Four doublings give 2**-2 = 1/4: that quarters y."),
            Option("It depends on where you start",
                   "No: a power law is scale-free; the factor per doubling is the same everywhere."),
            Option("One", "One doubling multiplies y by 2**-0.5 = 0.71, not 0.5."),
            Option("Two", "Yes: each doubling multiplies y by 2**-0.5, and (2**-0.5)**2 = 1/2."),
        ),
    ),
    QuickCheck(
        "1.b", "You fit a straight line in log-log space to losses that approach a floor E > 0. The exponent "
               "you get is...",
        answer=0, options=(
            Option("too small", "Yes: the curve flattens towards E, so the fitted slope underestimates alpha."),
            Option("about right", "Only if the floor is negligible over the whole range of sizes."),
            Option("too large", "The local slope alpha*(L-E)/L is always below alpha when E > 0."),
        ),
    ),
    QuickCheck(
        "1.c", "What bounds the influence of one data point on a Huber fit?",
        answer=2, options=(
            Option("The size of its residual", "That is least squares, where the pull equals the residual."),
            Option("The number of points", "No: the bound is per point and does not depend on how many there are."),
            Option("The threshold delta", "Yes: psi(r) = clip(r, -delta, delta), so no point pulls harder than delta."),
            Option("Nothing: it is unbounded", "That is least squares: psi(r) = r is unbounded."),
        ),
    ),
)
