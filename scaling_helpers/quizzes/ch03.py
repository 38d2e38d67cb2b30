"""Quick checks of lecture 3: Chinchilla (Hoffmann et al. 2022) and its replication."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "3.a", "Our Approach-2 fit to the extracted runs gives N_opt ∝ C^0.51 (Hoffmann's Table 2 prints 0.49 for "
               "N and 0.51 for D: the other way round). With our fit, your budget grows 10x. What should happen "
               "to the model?",
        answer=2, options=(
            Option("It grows 10^0.73 = 5.4x, the tokens 1.9x", "That is Kaplan's exponent, which Chinchilla revised."),
            Option("It grows 10x, and the tokens stay fixed",
                   "Then D would not grow at all: only the product N·D grows 10x."),
            Option("It grows about 3.2x, the tokens about 3.1x",
                   "Yes: with this fit's a = 0.51, N grows 10^0.51 = 3.2x and D 10^0.49 = 3.1x, both roughly the "
                   "square root of C. With Table 2's a = 0.49 it is the reverse (N 3.09x, D 3.24x); writing "
                   "10^0.51 next to N for Table 2's exponents is the swap of exercises 1.6 and 3.3."),
            Option("It stays the same; only the tokens grow 10x", "That is the opposite extreme (a = 0)."),
        ),
    ),
    QuickCheck(
        "3.b", "Which constant of L = E + A/N^α + B/D^β has no effect on the compute-optimal model size?",
        answer=3, options=(
            Option("A", "A enters G = (αA/(βB))^(1/(α+β)): a larger A makes the parameter term costlier, so N_opt "
                        "grows."),
            Option("B", "B enters G: a larger B makes data scarcer in effect, so N_opt shrinks."),
            Option("β", "β sets a = β/(α+β) itself."),
            Option("E", "Yes: E adds the same constant to every model's loss, so it cannot change which N is "
                        "best."),
        ),
    ),
    QuickCheck(
        "3.c", "Hoffmann et al. reported a = 0.46 for Approach 3; the same recipe on the extracted runs gives "
               "0.51. Why?",
        answer=1, options=(
            Option("The extracted data are too noisy to pin the exponent down",
                   "Noise widens the bootstrap intervals (±0.02 on a) but cannot explain a gap of 0.05 and a "
                   "rejected likelihood ratio."),
            Option("An early-stopped fit and rounded printed constants",
                   "Yes: both causes are documented by Besiroglu et al. (2024, v2): the optimiser stopped early "
                   "on an averaged loss, and the printed constants are rounded. Refitting with a summed "
                   "objective gives a ≈ 0.51, in line with Approaches 1 and 2."),
            Option("Epoch used a different Huber delta than Hoffmann et al.",
                   "No: the replication uses Hoffmann's delta = 1e-3."),
            Option("Approach 3 is always biased towards smaller models",
                   "No: done correctly it agrees with the other approaches here."),
        ),
    ),
)
