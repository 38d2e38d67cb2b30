"""Quick checks of lecture 11: training recipes at scale (μP, learning-rate and batch laws, schedules)."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "4.a", "Under μP with Adam, you double the width of a hidden layer. Its Adam learning rate...",
        answer=2, options=(
            Option("doubles", "The other way round: every entry of the wider matrix moves by about η, and twice as "
                              "many of them add up in each pre-activation."),
            Option("stays the same", "That is SP: the global learning rate is used unchanged, which is why its "
                                     "optimum drifts with width."),
            Option("halves", "Yes: Table 3 of Yang et al. (2022) gives η/fan_in for hidden weights under Adam, so "
                             "the total change of a pre-activation stays the same."),
            Option("falls by √2", "1/√fan_in is the initialisation's standard deviation, not the learning rate's "
                                  "scaling."),
        ),
    ),
    QuickCheck(
        "4.b", "DeepSeek's η_opt ∝ C^−0.125. A budget 10,000 times larger needs a learning rate...",
        answer=1, options=(
            Option("10,000^0.125 ≈ 3.2 times larger", "The exponent is negative: more compute, smaller learning "
                                                      "rate."),
            Option("about 3.2 times smaller", "Yes: 10⁴ to the power −0.125 is 10^−0.5 ≈ 0.32."),
            Option("the same: the learning rate does not depend on compute", "That is the assumption the law "
                                                                             "corrects."),
            Option("10,000 times smaller", "The exponent is −0.125, not −1: the learning rate falls slowly."),
        ),
    ),
    QuickCheck(
        "4.c", "You train at a batch size equal to the critical batch size. Compared with the minimum, the run "
                "takes...",
        answer=3, options=(
            Option("the minimum steps and the minimum data, since B_crit balances the two", "No single batch achieves both: S/S_min − 1 and "
                                                             "E/E_min − 1 multiply to 1."),
            Option("half the steps and the minimum data", "Halving the steps relative to S_min is impossible: "
                                                          "S_min is the floor."),
            Option("the minimum steps and twice the data", "That is the limit of a very large batch only in the "
                                                           "step count; the data then grows without bound."),
            Option("twice the minimum steps and twice the minimum data",
                   "Yes: at B = B_crit both factors are 1 + 1 = 2 (Kaplan et al. 2020, Eq. 5.1)."),
        ),
    ),
    QuickCheck(
        "4.d", "With WSD, a team wants models at 1x, 2x and 4x a token budget. What must it train?",
        answer=0, options=(
            Option("One run to 4x, plus cooldowns branched from its stable phase for 1x and 2x",
                   "Yes: the stable phase does not depend on the length, so shorter budgets branch off it "
                   "(Hägele et al. 2024)."),
            Option("Three separate runs, as with cosine", "That is what cosine needs, because its decay is tied "
                                                          "to the run's length."),
            Option("One run to 4x, with the 1x and 2x models read straight from its constant-learning-rate checkpoints",
                   "A constant-learning-rate checkpoint without its cooldown is worse than a finished run; the "
                   "cooldown is what closes the gap."),
            Option("One cosine run to 4x with a cycle of 4x", "Intermediate checkpoints of a long cosine cycle "
                                                              "are under-decayed (Hoffmann et al. 2022, Fig. A1)."),
        ),
    ),
)
