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
        explanation="N* ∝ C^(1/(1+a)), D* ∝ C^(a/(1+a)) and L* - E ∝ C^(-(kappa-1)/(1+a)): the allocation "
                    "depends only on the spectrum a; kappa only sets how fast the loss falls.",
    ),
    Exercise(
        id="9.2", name="xi_2", kind="number", title="Approach 2 on your own sweep",
        rtol=0.003,
        hint="Run approach2(runs): one parabola in log N per budget, fitted to the loss L itself, then the "
             "slope of log N* against log C is fit.a.",
        explanation="The seed-1 sweep gives 0.415, within the lab's seed-to-seed spread (about ±0.02) of the "
                    "theory's 0.400.",
        mistakes=(
            Mistake(SEED1_LOG_L_SLOPE, "That is the slope with parabolas fitted to log L. With an irreducible "
                                       "loss E > 0 those are biased upwards (LAB.md §10.1): fit the parabolas "
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
        explanation="alpha is overestimated (about 1.8 against the theory's 1.5) while beta is close to 1.0, so "
                    "beta/(alpha+beta) comes out near 0.345, below 0.400.",
    ),
    Exercise(
        id="9.4", name="bias_answer", kind="choice", title="Why Approach 3 is biased here",
        choices=(
            Choice("A", "Eight initialisations are too few: with Hoffmann's 4,500 starts the bias disappears.",
                   "No: the 4,500-start grid reaches the same optimum. The bias is there at the best fit."),
            Choice("B", "SGD noise in the runs pulls the exponents down.",
                   "The bias is the same on the noise-free loss (0.360 against 0.400), so noise is not the cause."),
            Choice("C", "The lab's true loss is not a sum of an N-term and a D-term: near the optimum the two "
                        "limits interact (L = E + N^-(κ-1)·Φ(N/D^(1/a))), so the additive form is mis-specified "
                        "and its fitted alpha absorbs the interaction."),
            Choice("D", "The Huber threshold delta = 1e-3 ignores the largest runs.",
                   "Huber does not ignore points; and the fit is the same with least squares on exact data."),
        ),
        hint="Look at the noise-free result (no training noise at all) and at the two limits of the loss.",
        explanation="A method can be exact for its assumed form and still biased when the form is wrong: the "
                    "additive law matches each limit of the lab's loss but not the region where runs are "
                    "compute-optimal. Compare both approaches and the theory before trusting one exponent.",
    ),
    Exercise(
        id="9.5", name="n_growth", kind="number", title="Spot the error: 100x compute, 10x model?",
        rtol=0.03,
        hint="In the lab N* ∝ C^(1/(1+a)) with a = 1.5. How much is 100 raised to that power?",
        explanation="100^0.4 = 6.3x more parameters and 100^0.6 = 15.8x more data. 'Scale both by 10x' is "
                    "Chinchilla's empirical a ≈ 0.5, not a law: the split depends on the data (here its "
                    "spectrum).",
        mistakes=(
            Mistake(10.0, "That is the notes' rule (N ∝ C^0.5, Chinchilla's fit). The lab's theory gives "
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
        explanation="Graded against the lab's true optimum at C = 1e9 (the minimum of the exact expected loss): "
                    "N* = 593, L* - E = 3.6e-5. A 30% band is what careful isoFLOP work achieves after a "
                    "100x extrapolation; the valley is so flat that a 30% error in N costs under 1% in loss.",
        mistakes=(
            Mistake(TARGET_LOSS, "That looks like the loss L* itself. The item asks for the reducible part "
                                 "L* - E, with E = sigma^2/2 = 0.005.", rtol=0.03),
        ),
    ),
    Exercise(
        id="9.7", name="theory_answer", kind="choice", title="What is a 'theory' of scaling laws?",
        choices=(
            Choice("A", "A first-principles derivation of GPT-style exponents such as Chinchilla's alpha = 0.34 "
                        "and beta = 0.28.",
                   "No theory predicts a language model's constants from first principles; they are measured."),
            Choice("B", "Solvable models (linear regression on data with a power-law spectrum, random features, "
                        "Zipf-distributed 'quanta') in which power laws follow from the data's statistics and the "
                        "exponents are related, e.g. N* ∝ C^(1/(1+a)) or alpha_D = alpha_N/(alpha_N + 1)."),
            Choice("C", "A proof that N* ∝ C^0.5 for every model family.",
                   "The lab has N* ∝ C^0.4 and its theory says the exponent depends on the spectrum."),
            Choice("D", "Broken neural scaling laws: a flexible formula that fits curves with bends.",
                   "BNSL is a fitting form, not an explanation of why power laws appear."),
        ),
        hint="Think of what the lab's own derivation gave us, and what it needed as input.",
        explanation="Theory explains *why* power laws appear and *how* exponents relate (Lin et al. 2024; "
                    "Paquette et al. 2024; Maloney et al. 2022; Bahri et al. 2021; Hutter 2021; Michaud et al. "
                    "2023); the constants of real models still come from experiments.",
    ),
)
