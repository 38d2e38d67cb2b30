"""Quick checks of lecture 5: over-training for inference."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "6.a", "A model has processed as many tokens at inference as it was trained on (D_inf = D). What share of "
               "its lifetime compute was inference?",
        answer=2, options=(
            Option("50%", "Training costs 6 FLOPs per parameter per token, inference only 2: equal tokens are not "
                          "equal FLOPs."),
            Option("75%", "That would be the training share; inference is the cheaper side per token."),
            Option("25%", "Yes: 2ND / (6ND + 2ND) = 2/8 = 25%."),
            Option("It depends on N", "N cancels: both terms are proportional to N."),
        ),
    ),
    QuickCheck(
        "6.b", "Why does every curve shoot up on the left, near N_min?",
        answer=0, options=(
            Option("The training tokens needed, D_tr(N), diverge near N_min",
                   "Yes: as A/N^alpha approaches l - E, the data term must vanish, which takes infinitely many "
                   "tokens."),
            Option("Inference per token gets more expensive for small models",
                   "No: inference costs 2N per token, which is smaller for smaller models."),
            Option("Small models run at a higher MFU, which changes the cost",
                   "Utilisation does not enter the FLOP count at all."),
            Option("Chinchilla's law is not defined for models below N_min",
                   "The law is defined for every N > 0; it is the target that becomes unreachable below N_min."),
        ),
    ),
    QuickCheck(
        "6.c", "Inference demand grows from 2T to 100T tokens. What happens to the optimal model?",
        answer=3, options=(
            Option("It gets larger, because it is used more often", "Each inference token costs 2N: heavy use "
                                                                   "favours small N."),
            Option("Nothing: the Chinchilla optimum does not depend on inference",
                   "The Chinchilla optimum does not, but the lifetime optimum does: that is the point of the "
                   "chapter."),
            Option("It gets smaller and is trained on fewer tokens",
                   "A smaller model needs *more* tokens to reach the same loss."),
            Option("It gets smaller and is trained on more tokens per parameter",
                   "Yes: e.g. 6.1B at 121 tokens/param -> 3.0B at 2,417 tokens/param (Epoch constants)."),
        ),
    ),
    QuickCheck(
        "6.d", "In Gadre et al.'s law, training at a larger token multiplier M (same compute) ...",
        answer=1, options=(
            Option("... makes the loss fall faster with compute (a steeper slope)",
                   "No: the exponent eta is shared by every M; only the prefactor a M^eta + b M^-eta depends "
                   "on M."),
            Option("... shifts the log-log line; the slope -eta stays the same",
                   "Yes: log(L - E) against log C moves by a constant. That is why small over-trained runs "
                   "predict large over-trained ones."),
            Option("... has no effect on the loss at a fixed compute budget",
                   "The prefactor a M^eta + b M^-eta changes with M."),
            Option("... always lowers the loss, the more tokens the better",
                   "Only up to M*: beyond it the prefactor grows again."),
        ),
    ),
)
