"""Quick checks of lecture 10: the decision guide."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "12.a", "You keep the $1M budget but rent 2,048 GPUs instead of 1,024 (same MFU and price). What changes "
                "in the plan?",
        answer=1, options=(
            Option("N and D double, since the cluster is twice as big",
                   "N and D depend on the FLOPs, and the money buys the same GPU-hours however many GPUs share "
                   "them."),
            Option("Only the wall-clock days: they halve",
                   "Yes: the same 500,000 GPU-hours spread over twice the GPUs take half the days (if the MFU "
                   "holds)."),
            Option("The dollars double, since twice the GPUs are rented",
                   "The budget is GPU-hours x price; more GPUs use them up faster, not more of them."),
            Option("Nothing at all: the same money buys the same run",
                   "The days change: time = FLOPs / (GPUs x peak x MFU)."),
        ),
    ),
    QuickCheck(
        "12.b", "A common default says: 'inference cost dominates training cost, so over-train'. When is the "
                "first half true?",
        answer=0, options=(
            Option("When it serves more than 3x its training tokens",
                   "Yes: 2N per inference token against 6N per training token, so 2N D_inf > 6N D exactly when "
                   "D_inf > 3D."),
            Option("Always: a deployed model runs for years",
                   "A research model evaluated on 1e11 tokens spends about 2% of its lifetime on inference."),
            Option("When it serves more tokens than it was trained on",
                   "Equal tokens are not equal FLOPs: an inference token costs a third of a training token."),
            Option("Only for models above about 70B parameters",
                   "N cancels: the condition compares tokens, D_inf > 3D, at any size."),
        ),
    ),
    QuickCheck(
        "12.c", "The chat product's inference-aware model reaches the same loss as the compute-optimal one. What "
                "does it cost?",
        answer=3, options=(
            Option("Less training compute and less inference compute",
                   "Off the compute-optimal frontier, the same loss always costs more training FLOPs: that is "
                   "what compute-optimal means."),
            Option("The same training compute, much less inference",
                   "A smaller model needs more tokens to reach the same loss, and 6ND grows."),
            Option("More inference compute, much less training compute",
                   "The smaller model costs 2N per token, so inference gets cheaper."),
            Option("More training compute, much less inference compute",
                   "Yes: 1.9e24 instead of 7.1e23 training FLOPs, but a model 3.4x smaller to serve: 60% less "
                   "over its life."),
        ),
    ),
    QuickCheck(
        "12.d", "At fixed memory bandwidth and required speed, you quantise the weights from bf16 (16 bits) to "
                "int8 (8 bits). The largest usable model...",
        answer=2, options=(
            Option("stays the same", "The bound is bandwidth / bytes per token: fewer bytes per parameter allow "
                                     "more parameters."),
            Option("halves", "Backwards: fewer bits per weight allow more weights."),
            Option("doubles", "Yes: half the bytes per parameter, twice the parameters for the same bytes read "
                              "per token."),
            Option("grows 4x", "That is bf16 to int4 (16 to 4 bits)."),
        ),
    ),
    QuickCheck(
        "12.e", "A reasoning service has no way to check answers (no tests, no proof checker). What does extra "
                "sampling buy?",
        answer=3, options=(
            Option("As much as with a verifier: coverage keeps growing",
                   "Coverage counts a problem as solved if any sample is right; without a verifier you cannot "
                   "tell which."),
            Option("Nothing at all: unchecked samples are worthless",
                   "Voting does help where the correct answer is the most common one; it just stops growing."),
            Option("Enough to beat a 14x larger model, as Snell et al. found",
                   "Snell et al.'s result needs moderate difficulty and a way to select the right sample."),
            Option("Vote gains that plateau where the modal answer is right",
                   "Yes (Brown et al. 2024; Chapter 8): majority vote plateaus at the share of problems whose "
                   "most likely answer is correct; beyond that, buy accuracy with a better model."),
        ),
    ),
)
