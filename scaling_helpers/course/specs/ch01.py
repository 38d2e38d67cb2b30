"""Chapter 1 exercises: power laws."""

from __future__ import annotations

import numpy as np

from .model import Choice, Criterion, Exercise, Mistake, NamedData, Written

STEM = "01_power_laws"


def _sets(kind: str) -> tuple[tuple[NamedData, NamedData], ...]:
    """Seeded data sets the student has not seen, for the from-scratch fits (1.8, 1.9)."""
    rng = np.random.default_rng(101 if kind == "pure" else 202)
    out = []
    if kind == "pure":
        # Kaplan et al. 2020 (arXiv:2001.08361) Eq. 1.2: L(D) = (5.4e13 / D)^0.095, with 1% noise.
        d = np.logspace(7, 10, 10)
        out.append((d, (5.4e13 / d) ** 0.095 * np.exp(rng.normal(0, 0.01, d.size))))
        x = np.logspace(0, 4, 7)
        out.append((x, 3.0 * x**-0.5 * np.exp(rng.normal(0, 0.02, x.size))))
        x = np.array([2.0, 5.0, 20.0, 50.0, 400.0])
        out.append((x, 7.5 * x**-1.2))
    else:
        # Chinchilla's parameter term (Hoffmann et al. 2022, arXiv:2203.15556, Eq. 10) and its data term, plus a
        # made-up law; 0.3% noise on the reducible part.
        for lo, hi, E, A, a in ((7, 11, 1.69, 406.4, 0.34), (8, 12, 1.69, 410.7, 0.28), (1, 5, 0.5, 4.0, 0.6)):
            x = np.logspace(lo, hi, 14)
            out.append((x, E + A * x**-a * np.exp(rng.normal(0, 0.003, x.size))))
    return tuple((NamedData(f"x_{kind}{i + 1}", x), NamedData(f"y_{kind}{i + 1}", y)) for i, (x, y) in enumerate(out))

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="1.1", name="ratio_10x", kind="number", title="Loss ratio for a 10x larger model",
        rtol=1e-3, level="core", minutes=3,
        hint="A power law multiplies y by k^(-alpha) when x grows by a factor k.",
        method_hint="Compute 10 ** (-alpha) with alpha = 0.076.",
        mistakes=(
            Mistake(10**0.076, "That is 10^(+0.076): the loss goes <i>down</i> as N grows, so the exponent is "
                               "negative."),
            Mistake(2**-0.076, "That is the factor for doubling (2x), not for 10x."),
            Mistake(1 - 0.076, "The exponent is not a percentage: raise the size factor to the power -alpha."),
        ),
    ),
    Exercise(
        id="1.2", name="power_law_through", kind="function", title="Power law through two points",
        points=2, rtol=1e-6, atol=1e-9,
        inputs=((1e8, 2.830, 1e9, 2.376), (1.0, 5.0, 100.0, 0.05), (2.0, 3.0, 8.0, 1.5), (1e6, 4.0, 1e6 * 2, 4.0)),
        level="core", minutes=8,
        hint="Take logs: log y = log A - alpha log x is a straight line through two points.",
        method_hint="alpha is minus the slope (log y2 - log y1) / (log x2 - log x1), and A = y1 * x1**alpha.",
        extra={"names": ["A", "alpha"]},
    ),
    Exercise(
        id="1.3", name="alpha_hat", kind="number", title="Fit alpha to a Kaplan-style sweep",
        rtol=0.01, level="core", minutes=6,
        hint="A power law is a straight line in log-log space: alpha is minus its slope. Did you take the "
             "logarithm of both N and L?",
        method_hint="Least squares of log L on log N (np.polyfit(np.log(x), np.log(y), 1)); alpha = -slope.",
        mistakes=(Mistake(-0.0767, "The sign: alpha is minus the slope of log L against log N.", rtol=0.05),),
    ),
    Exercise(
        id="1.4", name="E_alpha", kind="numbers", title="Fit a saturating law (E, alpha)",
        points=2, rtol=0.02, length=2, extra={"names": ["E", "alpha"]},
        level="core", minutes=12,
        hint="A line in log-log space cannot bend towards a floor: fit the three constants of L = E + A N^-alpha "
             "together and report (E, alpha).",
        method_hint="Nonlinear least squares of the loss itself (scipy.optimize.curve_fit with a starting point "
                    "such as E = 0.9 min(y), alpha = 0.3), or a Huber fit; report the fitted E and alpha.",
    ),
    Exercise(
        id="1.5", name="huber_answer", kind="choice", title="Why the Huber loss resists outliers",
        choices=(
            Choice("A", "It squares small residuals, so near the fit it is more precise than an "
                        "absolute-value loss.",
                   "True of the quadratic part, but least squares does that too: it does not explain the "
                   "robustness."),
            Choice("B", "It ignores every point whose residual exceeds δ, so outliers drop out of the fit "
                        "entirely.",
                   "No: far points still count, linearly (δ|r|), not zero. A loss that ignored them would "
                   "be a trimmed fit."),
            Choice("C", "It is applied to log-loss residuals, and the logarithm shrinks the large "
                        "deviations of outliers.",
                   "Chinchilla applied it to log-loss residuals, but the log is not what makes it robust: "
                   "on any residuals the Huber loss caps each point's pull."),
            Choice("D", "Its derivative, clip(r, -δ, δ), is bounded by δ, so one outlier's pull on the fit "
                        "is capped."),
        ),
        level="core", minutes=3,
        hint="Compare the derivative of r²/2 (which is r) with the derivative of the Huber loss.",
        method_hint="Write the Huber loss piecewise (r²/2 for |r| ≤ δ, δ(|r| - δ/2) beyond) and differentiate "
                    "each piece.",
    ),
    Exercise(
        id="1.6", name="tokens_factor", kind="number", title="Spot the error: 10x compute under Chinchilla",
        rtol=2e-3, level="core", minutes=4,
        hint="Only the product N·D grows 10x; each of N and D grows by 10 to its own exponent. Which of "
             "Chinchilla's two exponents belongs to the tokens D?",
        method_hint="D_opt ∝ C^b with b = 0.51 (Table 2, Approach 2): the factor is 10 ** b.",
        mistakes=(
            Mistake(10**0.49, "3.09 = 10^0.49 is the factor for the parameters N, not for the tokens D: this is "
                              "the common exponent swap."),
            Mistake(10.0, "Only N·D grows 10x; each one grows by 10 to its own exponent."),
        ),
    ),
    Exercise(
        id="1.7", name="residual_answer", kind="choice", title="Reading a residual plot",
        choices=(
            Choice("A", "The form is wrong: a smooth U in the residuals is structure the law missed, e.g. "
                        "a floor E."),
            Choice("B", "The law fits: the points lie close to the line, and a log-log plot shows the "
                        "fit's quality.",
                   "Log-log plots compress deviations: a U-shaped residual pattern is a systematic misfit "
                   "even when the points look straight."),
            Choice("C", "The noise is too large to say anything: more runs per size are needed before "
                        "judging the form.",
                   "Noise scatters residuals randomly around zero; a smooth U is structure, not noise."),
        ),
        level="core", minutes=3,
        hint="Random residuals scatter around zero; a smooth curve in the residuals is a pattern the law missed.",
        method_hint="Ask what a pure power law fitted to E + A N^-alpha does at the two ends and in the middle.",
    ),
    Exercise(
        id="1.8", name="fit_loglog", kind="function", title="From scratch: least-squares power law in log space",
        points=2, rtol=1e-5, atol=1e-12, level="core", minutes=12,
        inputs=_sets("pure"), extra={"names": ["A", "alpha"]},
        hint="In log space y = A x^-alpha is the line log y = log A - alpha log x: fit that line by least squares "
             "over all points and undo the logarithms.",
        method_hint="With u = ln x and v = ln y: slope = Σ(u-ū)(v-v̄) / Σ(u-ū)², intercept = v̄ - slope·ū; "
                    "alpha = -slope and A = exp(intercept) (natural logs, or 10** if you used log10).",
    ),
    Exercise(
        id="1.9", name="fit_saturating", kind="function", title="From scratch: fit L = E + A x^-alpha",
        points=3, rtol=0.03, level="core", minutes=20, timeout=10.0,
        inputs=_sets("sat"), extra={"names": ["E", "A", "alpha"]},
        hint="Three constants, one of them (E) additive: a log-log line cannot find it. Minimise the squared "
             "residuals of the loss over (E, A, alpha) together, starting from a sensible guess.",
        method_hint="scipy.optimize.least_squares (or curve_fit) on r = E + A x^-alpha - y; parametrise A as "
                    "exp(log A) and start at E = 0.9 min(y), alpha = 0.3, log A from a line fit of log(y - E). "
                    "Alternatively profile E: for each E below min(y), a line fit of log(y - E) gives A and alpha; "
                    "keep the E with the smallest squared error.",
    ),
    Exercise(
        id="1.10", name="size_at_fraction", kind="function",
        title="Derive: where the local exponent has fallen to a fraction of alpha",
        points=2, rtol=1e-6, level="core", minutes=12,
        inputs=((0.5, 1.69, 406.4, 0.34), (0.1, 1.69, 406.4, 0.34), (0.25, 0.5, 4.0, 0.6), (0.9, 2.0, 2.0, 1.0)),
        hint="The local exponent is alpha times the reducible share of the loss, (L - E)/L. Set that share equal "
             "to f and solve for x.",
        method_hint="alpha A x^-alpha / (E + A x^-alpha) = f alpha gives A x^-alpha = f E / (1 - f), so "
                    "x = (A (1 - f) / (f E))^(1/alpha). Check: at f = 1/2 the reducible part equals E.",
    ),
    Exercise(
        id="1.11", name="halves_prediction", kind="choice", title="Predict: the exponent of the largest sizes",
        level="core", minutes=3,
        choices=(
            Choice("A", "Larger: the bigger models improve faster, so the line through them is steeper.",
                   "Towards the floor E the loss flattens, so each tenfold step buys less: the slope shrinks."),
            Choice("B", "About the same: a power law has one exponent, whatever sizes you fit it on.",
                   "A pure power law does, but these data have a floor E; their local exponent is not constant."),
            Choice("C", "Smaller: near the floor E the curve flattens, so the local slope falls."),
            Choice("D", "It cannot be predicted: with 2% noise the two fits may come out either way round.",
                   "Between the two halves the local exponent falls by a factor of about four, far more than 2% noise can move a fit."),
        ),
        hint="The local exponent is alpha (L - E)/L: what happens to it as x grows and L approaches E?",
        method_hint="Evaluate alpha (L - E)/L at 1e8 and 1e10 with E = 1.69, A = 406.4, alpha = 0.34, or use "
                    "your size_at_fraction to see where it has halved.",
    ),
    Exercise(
        id="1.12", name="alpha_halves", kind="numbers", title="Check: pure-law exponents of the two halves",
        length=2, rtol=0.01, level="core", minutes=5, extra={"names": ["alpha small half", "alpha large half"]},
        hint="Split saturating_sweep() into its 8 smallest and 8 largest sizes and fit a straight line in log-log "
             "space to each half.",
        method_hint="Apply your fit_loglog to x[:8], y[:8] and to x[8:], y[8:]; report the two alphas in that order.",
    ),
    Exercise(
        id="1.13", name="alpha_C_budgets", kind="numbers", title="Real runs: the exponent of the best loss per budget",
        points=2, length=2, rtol=0.02, level="core", minutes=15,
        extra={"names": ["alpha_C all 9 budgets", "alpha_C 6 largest budgets"]},
        hint="Group the Chinchilla runs by their isoFLOP budget, take the lowest loss in each group, and fit a "
             "pure power law L_min ∝ C^-alpha_C to the budgets; then again without the three smallest budgets.",
        method_hint="A run belongs to the nominal budget nearest in log10 C (within 0.05 decades); runs farther "
                    "from every budget are left out. Fit ln L_min on ln C by least squares; alpha_C = -slope.",
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="1.w1", title="Explain a residual plot",
        rubric=(
            Criterion("describes the pattern: a smooth U (or arch) in the log residuals, not random scatter", 1),
            Criterion("explains it: a floor E makes the true curve bend in log-log space, and a straight line "
                      "can only cut through the bend", 2),
            Criterion("says what it implies for extrapolation: the straight line over-predicts the gain at larger "
                      "sizes (or names the fix: add E and check the new residuals)", 1),
        ),
        min_words=60, max_words=200, level="core", minutes=10,
    ),
    Written(
        id="1.w2", title="Which budgets would you fit? A judgement on real runs",
        rubric=(
            Criterion("states which budgets they would keep and gives a reason grounded in the data (e.g. few runs "
                      "or a minimum at the edge of a profile at small budgets, or closeness to the target scale)", 2),
            Criterion("reports how alpha_C moves when the smallest budgets are dropped and explains the direction "
                      "(curvature from the floor E: the local exponent falls with compute)", 2),
            Criterion("draws the consequence for extrapolating to 1e24 FLOPs (the all-budget exponent promises "
                      "too much; quote a range, not one number)", 1),
        ),
        min_words=80, max_words=250, level="core", minutes=12,
    ),
)
