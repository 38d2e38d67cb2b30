"""Quick checks of lecture 2: Kaplan et al. (2020)."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "2.a", "A budget of 1e21 FLOPs is how many PF-days?",
        answer=0, options=(
            Option("About 11.6", "Yes: 1e21 / 8.64e19 = 11.6 PF-days."),
            Option("About 0.086", "That is 8.64e19 / 1e21, the ratio upside down: 8.64e19 FLOPs is ONE PF-day."),
            Option("About 8.6e40", "You multiplied by 8.64e19 instead of dividing."),
            Option("About 1e6", "A PF-day is 8.64e19 FLOPs, not 1e15: the 'peta' is per second, and a day has "
                                "86,400 seconds."),
        ),
    ),
    QuickCheck(
        "2.b", "L(N) = (N_c/N)^0.076 keeps falling forever. Why can't it hold for arbitrarily large N?",
        answer=3, options=(
            Option("It can: a power law is scale-free, so it holds at every size",
                   "A pure power law goes to zero; a cross-entropy has a floor (the entropy of the text). Kaplan "
                   "say so in Sec. 6.3."),
            Option("Because alpha_N is small, so the fall stalls at large N",
                   "A small exponent only makes the fall slow; it still reaches zero eventually."),
            Option("Because N leaves out the embedding parameters",
                   "The counting convention changes the constants, not whether there is a floor."),
            Option("The loss cannot fall below the entropy of text",
                   "Yes. Kaplan's laws hold over the measured range; Chinchilla's form E + A/N^alpha adds the "
                   "floor explicitly."),
        ),
    ),
    QuickCheck(
        "2.c", "By Eq. 4.4, a model 8 times larger needs how much more data to overfit no more than the smaller "
               "one?",
        answer=2, options=(
            Option("8 times", "That would be D ∝ N. Eq. 4.4 has D ∝ N^0.74."),
            Option("About 2 times", "That is closer to the compute-optimal growth of D in Table 6, a different "
                                    "question."),
            Option("About 5 times", "Yes: 8^0.74 = 4.7, Kaplan's '8x the model, 5x the data'."),
            Option("The same data", "Bigger models overfit a fixed data set more: D must grow."),
        ),
    ),
    QuickCheck(
        "2.d", "A run uses exactly the critical batch size. Compared with C_min, its compute is...",
        answer=3, options=(
            Option("the same as C_min", "Only in the limit of a tiny batch is C = C_min."),
            Option("half of C_min", "C_min is the minimum: C is never smaller."),
            Option("B_crit times C_min", "The correction factor is 1 + B/B_crit, a pure number."),
            Option("twice C_min", "Yes: C_min = C / (1 + B/B_crit) = C/2 at B = B_crit (Eq. 5.5). This factor 2 "
                                  "reappears in Section 5."),
        ),
    ),
    QuickCheck(
        "2.e", "Under Kaplan's Table 6, a 10x larger budget multiplies the model size N and the tokens D by...",
        answer=0, options=(
            Option("N x5.4, D x1.9", "Yes: 10^0.73 = 5.37 and 10^0.27 = 1.86."),
            Option("N x3.2, D x3.2", "That is Chinchilla's balanced scaling (exponents about 0.5 each)."),
            Option("N x1.9, D x5.4", "Swapped: the larger exponent, 0.73, belongs to N."),
            Option("N x6, D x1", "'N and D scale 6:1' is not in the paper; the exponents are 0.73 and 0.27."),
        ),
    ),
    QuickCheck(
        "2.f", "Does measuring compute in PF-days instead of FLOPs change the fitted exponent of N* ∝ C^a?",
        answer=1, options=(
            Option("Yes: by a factor of 8.64e19",
                   "Rescaling C by a constant multiplies C^a by a constant: the slope in log-log space is "
                   "unchanged."),
            Option("No: it moves only the prefactor",
                   "Yes. Units change prefactors; counting conventions (what is included in N and C) change "
                   "exponents."),
            Option("Yes: in PF-days it becomes 0.73",
                   "The 0.73 comes from the data and the counting (Sections 6.1-6.3), not from the unit."),
        ),
    ),
)
