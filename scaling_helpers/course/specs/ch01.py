"""Chapter 1 exercises: power laws."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "01_power_laws"

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="1.1", name="ratio_10x", kind="number", title="Loss ratio for a 10x larger model",
        rtol=1e-3,
        hint="A power law multiplies y by k^(-alpha) when x grows by a factor k.",
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
        hint="Take logs: log y = log A - alpha log x is a straight line; alpha is minus its slope and "
             "A = y1 * x1**alpha.",
        extra={"names": ["A", "alpha"]},
    ),
    Exercise(
        id="1.3", name="alpha_hat", kind="number", title="Fit alpha to a Kaplan-style sweep",
        rtol=0.01,
        hint="Fit a straight line to (log N, log L), e.g. with scaling_helpers.powerlaws.fit_power_law; alpha is minus "
             "the slope. Did you use both logarithms?",
        mistakes=(Mistake(-0.0767, "The sign: alpha is minus the slope of log L against log N.", rtol=0.05),),
    ),
    Exercise(
        id="1.4", name="E_alpha", kind="numbers", title="Fit a saturating law (E, alpha)",
        points=2, rtol=0.02, length=2, extra={"names": ["E", "alpha"]},
        hint="A line in log-log space cannot bend towards a floor. Fit the three constants of L = E + A N^-alpha "
             "together (a nonlinear least-squares or Huber fit of the loss itself) and report (E, alpha).",
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
        hint="Compare the derivative of r²/2 (which is r) with the derivative of the Huber loss.",
    ),
    Exercise(
        id="1.6", name="tokens_factor", kind="number", title="Spot the error: 10x compute under Chinchilla",
        rtol=2e-3,
        hint="Only the product N·D grows 10x; each of N and D grows by 10 to its own exponent. Which of "
             "Chinchilla's two exponents belongs to the tokens D?",
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
        hint="Random residuals scatter around zero; a smooth curve in the residuals is a pattern the law missed.",
    ),
)
