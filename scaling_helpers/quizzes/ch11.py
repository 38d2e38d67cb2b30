"""Quick checks of lecture 9: the scaling lab."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "11.a", "A lab model of size N is trained on unlimited data. Where does its loss end up?",
        answer=2, options=(
            Option("At E = 0.005", "Only an infinitely large model reaches E: this one cannot see the features "
                                   "beyond N."),
            Option("It keeps falling as a power law of D",
                   "Data only removes the 'not yet learned' part; the capacity part needs a bigger model."),
            Option("At E + T(N)/2, its capacity floor",
                   "Yes: the unseen signal T(N) = sum over i > N of i^-kappa stays as noise it cannot explain."),
            Option("At zero", "The label noise sigma^2/2 = E can never be predicted."),
        ),
    ),
    QuickCheck(
        "11.b", "Approach 2's parabola minima sit ~40% above the true optima at every budget. Which estimate is "
               "hurt most?",
        answer=3, options=(
            Option("The exponent xi of N* ∝ C^xi",
                   "A bias by the same factor at every budget shifts log N* by a constant: the slope is "
                   "unchanged."),
            Option("The irreducible loss E of the fitted law", "Approach 2 does not estimate E at all."),
            Option("Nothing: a constant factor cancels out",
                   "A 40% error in N* is a wrong model size, even if the exponent looks right."),
            Option("N* predicted at a new, larger budget",
                   "Yes: the prediction is prefactor x C^xi, and the prefactor carries the whole 40%."),
        ),
    ),
    QuickCheck(
        "11.c", "Why are the log-L parabolas biased even on noise-free losses?",
        answer=0, options=(
            Option("Because E > 0 makes log L curve against L",
                   "Yes: log(E + x) is not linear in x unless x << E, so the vertex moves; at high compute the "
                   "bias fades."),
            Option("Because SGD noise shifts each parabola's vertex",
                   "The table above uses the exact, noise-free loss: no noise at all."),
            Option("Because each grid has only 10 points per budget",
                   "The number of points changes the noise, not this bias."),
            Option("They are not biased: the gaps are rounding", "0.48 and 0.77 against 0.40 on exact data is a "
                                                                "bias."),
        ),
    ),
)
