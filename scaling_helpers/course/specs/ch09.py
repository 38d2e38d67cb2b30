"""Chapter 9 exercises: the scaling lab (capstone)."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "09_scaling_lab"

#: Values a common mistake produces on the seed-1 sweep of exercises 9.2 (recomputed by tests/test_lab_specs.py).
SEED1_LOG_L_SLOPE = 0.4957
SEED1_APPROACH3_SLOPE = 0.3449
#: Expected loss of the true optimum at the challenge's target budget (exercise 9.6; checked by the same tests).
TARGET_LOSS = 0.005036

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="9.1", name="lab_exponents", kind="function", title="The lab's compute-optimal exponents",
        points=2, rtol=1e-6, atol=1e-12,
        inputs=((1.5, 2.5), (1.25, 2.25), (2.0, 2.5), (1.0, 1.5)),
        extra={"names": ["xi_N", "xi_D", "loss exponent"]},
        hint="Minimise A·N^-p + B·D^-q with D = C/N, where p = kappa - 1 and q = (kappa - 1)/a: set the "
             "derivative in N to zero and read off how N* grows with C. Then D* = C/N*, and substitute back "
             "for the loss.",
    ),
    Exercise(
        id="9.2", name="xi_2", kind="number", title="Approach 2 on your own sweep",
        rtol=0.003,
        hint="Run approach2(runs): one parabola in log N per budget, fitted to the loss L itself, then the "
             "slope of log N* against log C is fit.a.",
        mistakes=(
            Mistake(SEED1_LOG_L_SLOPE, "That is the slope with parabolas fitted to log L. With an irreducible "
                                       "loss E > 0 those are biased upwards, even without noise: fit the parabolas "
                                       "to L (approach2(runs) without log_loss=True).", rtol=0.003),
            Mistake(0.4, "0.400 is the theory's 1/(1+a). The exercise asks for the exponent measured on the "
                         "runs.", rtol=0.001),
            Mistake(SEED1_APPROACH3_SLOPE, "That is Approach 3's beta/(alpha+beta); this item is about "
                                           "Approach 2 (isoFLOP parabolas).", rtol=0.003),
        ),
    ),
    Exercise(
        id="9.3", name="a3_params", kind="numbers", title="Approach 3 on the same runs",
        points=2, rtol=0.01, length=3, extra={"names": ["alpha", "beta", "xi_3"]},
        hint="approach3(runs) fits E + A/N^alpha + B/D^beta with the summed Huber loss (delta = 1e-3) from the "
             "lab's 8 starts; report (fit.alpha, fit.beta, fit.a). Averaging the Huber terms instead of summing "
             "them stops L-BFGS early (chapter 3).",
    ),
    Exercise(
        id="9.4", name="bias_answer", kind="choice", title="Why Approach 3 is biased here",
        choices=(
            Choice("A", "Eight initialisations are too few: with Hoffmann's 4,500 starts the optimiser "
                        "would find an unbiased optimum.",
                   "No: the 4,500-start grid reaches the same optimum. The bias is there at the best fit."),
            Choice("B", "The true loss is not a sum of an N-term and a D-term: near the optimum the limits "
                        "interact, so the form is wrong."),
            Choice("C", "SGD noise in the runs pulls the fitted exponents down, and averaging more seeds "
                        "per run would remove the bias.",
                   "The bias is the same on the noise-free loss (0.360 against 0.400), so noise is not the "
                   "cause."),
            Choice("D", "The Huber threshold δ = 1e-3 treats the largest runs as outliers and ignores "
                        "them, which tilts the exponents.",
                   "Huber does not ignore points; and the fit is the same with least squares on exact "
                   "data."),
        ),
        hint="Look at the noise-free result (no training noise at all) and at the two limits of the loss.",
    ),
    Exercise(
        id="9.5", name="n_growth", kind="number", title="Spot the error: 100x compute, 10x model?",
        rtol=0.03,
        hint="In the lab N* ∝ C^(1/(1+a)) with a = 1.5. How much is 100 raised to that power?",
        mistakes=(
            Mistake(10.0, "That is the common rule N ∝ C^0.5 (Chinchilla's fit). The lab's theory gives "
                          "N* ∝ C^(1/(1+a)) with a = 1.5."),
            Mistake(100**0.6, "15.8 = 100^0.6 is the growth of the data D*, not of the model size."),
            Mistake(100.0, "Only N·D grows 100x; N* grows by 100 to the power 1/(1+a)."),
        ),
    ),
    Exercise(
        id="9.6", name="prediction", kind="numbers", title="Predict the optimum at 100x compute",
        points=3, rtol=0.3, length=2, extra={"names": ["N_star", "excess loss L* - E"]},
        hint="Centre narrow isoFLOP grids (about ±0.5 decade) on each budget's optimum (a coarse first pass "
             "finds it), fit parabolas to L, extrapolate log N* linearly in log C, and extrapolate the excess "
             "loss L_min - E (E = 0.005 is known) as a power law of C. Grids centred far from the optimum, "
             "parabolas on log L and Approach 3's allocation all miss by more than 30% here.",
        mistakes=(
            Mistake(TARGET_LOSS, "That looks like the loss L* itself. The item asks for the reducible part "
                                 "L* - E, with E = sigma^2/2 = 0.005.", rtol=0.03),
        ),
    ),
    Exercise(
        id="9.7", name="theory_answer", kind="choice", title="What is a 'theory' of scaling laws?",
        choices=(
            Choice("A", "A first-principles derivation of GPT-style exponents, such as Chinchilla's α = "
                        "0.34 and β = 0.28, from the architecture.",
                   "No theory predicts a language model's constants from first principles; they are "
                   "measured."),
            Choice("B", "A proof that the compute-optimal model size grows as C^0.5 for every model "
                        "family, whatever the data.",
                   "The lab has N_opt ∝ C^0.4, and its theory says the exponent depends on the data's "
                   "spectrum."),
            Choice("C", "Solvable models (e.g. regression on data with a power-law spectrum) in which "
                        "power laws and exponent relations follow."),
            Choice("D", "Broken neural scaling laws: a flexible formula with smooth bends that fits and "
                        "extrapolates any scaling curve.",
                   "BNSL is a fitting form, not an explanation of why power laws appear."),
        ),
        hint="Think of what the lab's own derivation gave us, and what it needed as input.",
    ),
)
