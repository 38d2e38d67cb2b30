"""Chapter 2 exercises: Kaplan et al. (2020) and why their allocation over-sized models."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "02_kaplan"

# Reference values are recorded from solutions/02_kaplan.ipynb; the numbers in the Mistake entries below are the
# results of the typical slips (computed from the constants of Kaplan et al. 2020, arXiv:2001.08361).
EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="2.1", name="loss_small_model", kind="number", title="L(N) for a GPT-2-small-sized model",
        rtol=5e-3, unit="nats/token", level="core", minutes=5,
        method_hint="N = 12 · 12 · 768² ≈ 8.5e7; then raise 8.8e13 / N to the power 0.076.",
        hint="Kaplan's N counts non-embedding parameters only: N = 12 n_layer d_model², about 85M here. Then "
             "L(N) = (8.8e13 / N)^0.076 (Eq. 1.1).",
        mistakes=(
            Mistake(2.7835, "That is L(N) for the total 124M parameters. Kaplan's laws use non-embedding parameters: "
                            "leave out the token and position embeddings ((n_vocab + n_ctx)·d_model).", rtol=2e-3),
            Mistake(2.7968, "You used N_c = 6.4e13 from Table 2 (the joint law). The single-variable L(N) of Eq. 1.1 "
                            "uses Table 5's N_c = 8.8e13.", rtol=2e-3),
            Mistake(4.7474, "N = 12 n_layer d_model² has d_model squared.", rtol=5e-3),
        ),
    ),
    Exercise(
        id="2.2", name="loss_at_budget", kind="number", title="L(C_min) at GPT-3's budget: units",
        rtol=5e-3, unit="nats/token", level="core", minutes=4,
        hint="C_c^min = 3.1e8 is in PF-days (Eq. 1.3, Table 5): the budget must be in the same unit.",
        method_hint="1 PF-day = 1e15 FLOP/s × 86400 s = 8.64e19 FLOPs: divide 3.14e23 by it, then "
                    "L = (3.1e8 / C)^0.050.",
        mistakes=(
            Mistake(0.17771, "You divided 3.1e8 by the budget in FLOPs. C_c^min is in PF-days: convert the budget "
                             "first (1 PF-day = 8.64e19 FLOPs).", rtol=5e-3),
            Mistake(1.7381, "You used 2.3e8, the constant printed in Figure 1's legend. Eq. 1.3 and Table 5 give "
                            "C_c^min = 3.1e8 PF-days.", rtol=2e-3),
            Mistake(1.6132, "That is the naive fixed-batch law L(C) (alpha_C = 0.057, C_c = 1.6e7). The question asks "
                            "for the compute-efficient L(C_min) of Eq. 1.3.", rtol=2e-3),
        ),
    ),
    Exercise(
        id="2.3", name="joint_loss", kind="number", title="The joint law L(N, D) with Table 2 constants",
        rtol=5e-3, unit="nats/token", level="core", minutes=5,
        method_hint="Compute the bracket (6.4e13/N)^(0.076/0.103) + 1.8e13/D first, then raise it to 0.103.",
        hint="Eq. 1.5: L = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D with Table 2's own fit: alpha_N = 0.076, "
             "alpha_D = 0.103, N_c = 6.4e13, D_c = 1.8e13.",
        mistakes=(
            Mistake(2.6842, "You used the single-variable constants (alpha_D = 0.095, N_c = 8.8e13, D_c = 5.4e13). "
                            "The joint law was fitted separately: use Table 2 (0.076, 0.103, 6.4e13, 1.8e13).",
                    rtol=2e-3),
            Mistake(2.5779, "alpha_D = 0.095 is the single-variable exponent of L(D); the joint fit (Table 2) has "
                            "alpha_D = 0.103.", rtol=2e-3),
            Mistake(2.7708, "N_c = 8.8e13 and D_c = 5.4e13 belong to the single-variable laws; Table 2 has "
                            "N_c = 6.4e13, D_c = 1.8e13.", rtol=2e-3),
            Mistake(5.5450, "The exponent inside is alpha_N / alpha_D (0.74), not alpha_D / alpha_N.", rtol=5e-3),
            Mistake(4.9782, "Kaplan's joint law is not the sum L(N) + L(D): it adds (N_c/N)^(alpha_N/alpha_D) and "
                            "D_c/D inside the bracket, then raises to alpha_D.", rtol=5e-3),
        ),
    ),
    Exercise(
        id="2.4", name="kaplan_allocation", kind="function", title="Kaplan's allocation for a budget in FLOPs",
        points=2, rtol=1e-3, level="core", minutes=6,
        inputs=((8.64e19,), (1e21,), (3.14e23,), (1e18,)),
        method_hint="c = c_flops / 8.64e19; return (1.3e9 * c**0.73, 2e10 * c**0.27).",
        extra={"names": ["N_opt", "D_opt"]},
        hint="Table 6 is stated for C_min in PF-days: N_opt = 1.3e9·C^0.73 and D_opt = 2e10·C^0.27 with C in "
             "PF-days. Convert FLOPs to PF-days first (divide by 8.64e19). Check: at exactly 1 PF-day the "
             "result is the two prefactors of the table.",
    ),
    Exercise(
        id="2.5", name="b_crit", kind="number", title="Critical batch size at L = 2.5 nats",
        rtol=0.06, unit="tokens", level="core", minutes=4,
        method_hint="2.1e8 / 2.5 ** (1 / 0.21).",
        hint="B_crit(L) = B_* / L^(1/alpha_B) with B_* = 2.1e8 tokens and alpha_B = 0.21 (Eq. 1.4 / 5.3, Table 5): "
             "the exponent is 1/0.21 ≈ 4.76, not 0.21.",
        mistakes=(
            Mistake(1.7324e8, "The exponent of L is 1/alpha_B = 1/0.21 ≈ 4.76, not 0.21.", rtol=0.02),
            Mistake(1.6488e10, "B_crit falls as the loss rises: divide B_* by L^(1/alpha_B), do not multiply.",
                    rtol=0.02),
        ),
    ),
    Exercise(
        id="2.6", name="growth_10x", kind="numbers", title="Spot the error: 'Kaplan: N and D scale 6:1'",
        length=2, rtol=0.03, extra={"names": ["N factor", "D factor"]}, level="core", minutes=4,
        method_hint="N grows by 10^0.73 and D by 10^0.27 (Table 6); their product is 10, as it must be.",
        hint="Kaplan et al.'s Table 6 gives N_opt and D_opt as power laws of C_min. A tenfold budget multiplies "
             "each by 10 to its own exponent.",
        mistakes=(
            Mistake(10 ** (6 / 7), "That reads '6:1' as a ratio of exponents (6/7 and 1/7). Table 6 gives "
                                   "0.73 and 0.27, a ratio of 2.7."),
            Mistake(10 ** (1 / 7), "That reads '6:1' as a ratio of exponents (6/7 and 1/7). Table 6 gives "
                                   "0.73 and 0.27, a ratio of 2.7."),
            Mistake(6.0, "'6:1' is not in the paper: each quantity grows by 10 to its own exponent from Table 6."),
            Mistake(10**0.27, "Swapped: 10 to the power 0.27 is the factor for the tokens D, not for N.", rtol=0.015),
            Mistake(10**0.73, "Swapped: 10 to the power 0.73 is the factor for the parameters N, not for D.",
                    rtol=0.015),
            Mistake(10**0.5, "10^0.5 = 3.16 for both is Chinchilla's balanced scaling, not Kaplan's."),
            Mistake(10**0.24, "0.24 is the exponent of the batch size B; the tokens D = B·S grow as "
                              "C^(0.24 + 0.03) = C^0.27.", rtol=0.01),
        ),
    ),
    Exercise(
        id="2.7", name="alpha_c_and_exponent", kind="numbers", title="Kaplan's predicted alpha_C^min and N exponent",
        points=2, length=2, rtol=5e-3, extra={"names": ["alpha_C_min", "N exponent"]}, level="core", minutes=6,
        method_hint="Sum the three reciprocals 1/0.76 + 1/0.21 + 1/0.076, invert, then divide by 0.076.",
        hint="Sec. 6 / Eq. 1.7-1.8: alpha_C^min = 1/(1/alpha_S + 1/alpha_B + 1/alpha_N) with alpha_S = 0.76, "
             "alpha_B = 0.21, alpha_N = 0.076; then N ∝ C_min^(alpha_C^min / alpha_N).",
        mistakes=(
            Mistake(1.046, "That is the sum of the exponents; the formula adds their reciprocals and inverts.",
                    rtol=5e-3),
            Mistake(0.050, "0.050 is the directly fitted alpha_C^min (Table 5); the question asks for the value the "
                           "formula predicts from alpha_S, alpha_B and alpha_N.", rtol=3e-3),
            Mistake(0.6579, "0.050/0.076 uses the fitted alpha_C^min; the question asks for the one predicted from "
                            "alpha_S, alpha_B and alpha_N.", rtol=3e-3),
            Mistake(0.73, "0.73 is the directly fitted exponent of Table 6; compute the prediction "
                          "alpha_C^min/alpha_N.", rtol=3e-3),
            Mistake(1.4619, "Inverted: the N exponent is alpha_C^min / alpha_N, which is below 1.", rtol=5e-3),
        ),
    ),
    Exercise(
        id="2.8", name="pearce_song_answer", kind="choice", title="What Pearce & Song's re-derivation shows",
        choices=(
            Choice("A", "Kaplan's fixed learning-rate schedule left intermediate losses too high, which "
                        "biased his fitted allocation exponent.",
                   "That is Hoffmann et al.'s explanation (2022, Sec. 2). Pearce & Song change nothing in "
                   "training: they simulate a Chinchilla-form law and only count parameters differently."),
            Choice("B", "Measuring compute in PF-days instead of FLOPs changes the fitted exponent, which "
                        "moves it from about 0.5 towards 0.73.",
                   "A unit is a constant factor: C → C/8.64e19 moves the prefactor of N ∝ C^a, never the "
                   "exponent a."),
            Choice("C", "Counting only non-embedding parameters at Kaplan's small sizes turns a law with "
                        "exponent ≈ 0.5 into ≈ 0.75."),
            Choice("D", "WebText2 and MassiveText have different scaling exponents, so the two papers "
                        "measure different laws and cannot agree.",
                   "Pearce & Song use one law (Chinchilla's) for both countings and still get both "
                   "exponents."),
        ),
        level="core", minutes=4,
        hint="What changes between the two fits in their simulation? Only the counting of N and C.",
        method_hint="Reread Section 6.2: which parameters does each fit count, and over which model sizes?",
    ),
    Exercise(
        id="2.9", name="tokens_for_penalty", kind="function", title="Derive: tokens that keep overfitting below δ",
        points=2, rtol=1e-6, level="core", minutes=12, unit="tokens",
        inputs=((1e9, 0.02), (1e7, 0.05), (1.5e9, 0.01), (1e11, 0.02)),
        hint="The penalty δ = L(N, D)/L(N, ∞) - 1 (Eq. 4.3) depends on N and D only through N^(α_N/α_D)/D: set it "
             "equal to δ and solve for D, with Table 2's constants.",
        method_hint="(1 + (N/N_c)^(α_N/α_D) D_c/D)^α_D = 1 + δ gives D = D_c (N/N_c)^(α_N/α_D) / "
                    "((1 + δ)^(1/α_D) - 1); check that δ = 0.02 reproduces Eq. 4.4's 5e3 N^0.74 roughly.",
    ),
    Exercise(
        id="2.10", name="joint_prediction", kind="choice", title="Predict: the allocation hidden in L(N, D)",
        level="core", minutes=3,
        choices=(
            Choice("A", "Larger than 0.73: α_N < α_D, so parameters are the cheaper way to lower the loss.",
                   "A smaller α_N means the parameter term falls more slowly, so each parameter buys less."),
            Choice("B", "Smaller than 0.73: the rising data term D_c/D = 6 D_c N/C holds N back."),
            Choice("C", "Equal to 0.73: Table 6 and Eq. 1.5 are fits to the same runs of the same paper.",
                   "Table 6 comes from the compute frontier of training curves (Sec. 6, with C_min and the "
                   "critical batch), not from Eq. 1.5 with C = 6ND: nothing forces them to agree."),
            Choice("D", "There is none: at fixed C the joint law keeps falling as N grows, so bigger is better.",
                   "At fixed C, more N means fewer tokens D = C/(6N), and the D_c/D term grows without bound."),
        ),
        hint="At fixed C = 6ND, a larger N means fewer tokens: the bracket has one term falling and one rising in N.",
        method_hint="Substitute D = C/(6N) into the bracket, differentiate with respect to N and look at how the "
                    "solution scales with C.",
    ),
    Exercise(
        id="2.11", name="n_opt_joint", kind="function", title="Derive: N_opt(C) from Kaplan's L(N, D) and C = 6ND",
        points=3, rtol=1e-4, level="core", minutes=20, unit="parameters",
        inputs=((1e19,), (1e21,), (3.14e23,), (1e25,)),
        hint="Minimise L(N, C/(6N)) over N. L is a power (α_D > 0) of the bracket, so minimising the bracket is "
             "enough; the bracket is a falling power of N plus a term linear in N.",
        method_hint="With p = α_N/α_D: d/dN [N_c^p N^-p + 6 D_c N / C] = 0 gives "
                    "N_opt = (p N_c^p C / (6 D_c))^(1/(1+p)). Check it against scipy.optimize.minimize_scalar "
                    "on ln N before submitting.",
    ),
    Exercise(
        id="2.12", name="joint_exponent", kind="number", title="Check: the exponent of that allocation",
        rtol=2e-3, level="core", minutes=5,
        hint="N_opt(C) from 2.11 is a power of C: read the exponent off your closed form, or fit it on a grid of "
             "budgets in log space.",
        method_hint="N_opt ∝ C^(1/(1+p)) with p = α_N/α_D = 0.076/0.103, i.e. α_D/(α_N + α_D).",
        mistakes=(
            Mistake(0.076 / 0.179, "That is α_N/(α_N + α_D), the exponent of D_opt (the two add up to 1).",
                    rtol=3e-3),
            Mistake(0.73, "0.73 is Table 6's fitted exponent; the question asks for the one Eq. 1.5 implies "
                          "at fixed C = 6ND.", rtol=3e-3),
        ),
    ),
    Exercise(
        id="2.13", name="a_counting", kind="numbers", title="Real runs: does the parameter count move the exponent?",
        points=2, length=2, rtol=0.02, level="core", minutes=15,
        extra={"names": ["a (total N, C)", "a (non-embedding N, 6 N D)"]},
        hint="For each of the nine isoFLOP budgets take the run with the lowest loss; fit N ∝ C^a across the budgets "
             "once counting total parameters, once counting non-embedding parameters (with the compute 6 N D "
             "they imply).",
        method_hint="Assign runs to the nearest budget in log10 C (within 0.05 decades). Invert "
                    "N_T = N_E + 47491 N_E^(1/3) for N_E with scipy.optimize.brentq; fit ln N on ln C by least "
                    "squares (nominal budgets for the total count, 6 N_E D for the non-embedding one).",
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="2.w1", title="Why N ∝ C^0.73 over-sized models",
        rubric=(
            Criterion("names the counting effect: non-embedding parameters and compute at small sizes inflate "
                      "the exponent (Pearce & Song 2024, arXiv:2406.12907)", 2),
            Criterion("names at least one training-set-up effect with its source: last-layer FLOPs, warm-up or "
                      "per-scale tuning (Porian et al. 2024, arXiv:2406.19146), or the fixed cosine schedule "
                      "(Hoffmann et al. 2022, Sec. 2)", 2),
            Criterion("says which effect Porian et al. found smallest (the learning-rate decay) or otherwise "
                      "weighs the explanations against each other", 1),
            Criterion("states the consequence: at a GPT-3-sized budget the recipe gives far more parameters and "
                      "far fewer tokens than the compute-optimal allocation", 1),
        ),
        min_words=100, max_words=250, level="core", minutes=15,
    ),
    Written(
        id="2.w2", title="Counting parameters on the Chinchilla runs: a judgement",
        rubric=(
            Criterion("reports both exponents of 2.13 and says whether the counting moves the exponent much here", 1),
            Criterion("explains the size of the effect from the data: the best Chinchilla runs have hundreds of "
                      "millions of parameters, where embeddings are a few percent, unlike Kaplan's smallest "
                      "models", 2),
            Criterion("judges the estimator: one best run per budget is a coarse minimum (sizes are discrete, "
                      "two budgets share a run size), so the exponent carries an uncertainty of several "
                      "hundredths; proposes a better one (a parabola per profile, chapter 3)", 2),
        ),
        min_words=80, max_words=250, level="stretch", minutes=12,
    ),
)
