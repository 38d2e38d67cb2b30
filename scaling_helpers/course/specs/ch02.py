"""Chapter 2 exercises: Kaplan et al. (2020) and why their allocation over-sized models."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "02_kaplan"

# Reference values are recorded from solutions/02_kaplan.ipynb; the numbers in the Mistake entries below are the
# results of the typical slips (computed from the constants of Kaplan et al. 2020, arXiv:2001.08361).
EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="2.1", name="loss_small_model", kind="number", title="L(N) for a GPT-2-small-sized model",
        rtol=5e-3, unit="nats/token",
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
        rtol=5e-3, unit="nats/token",
        hint="C_c^min = 3.1e8 is in PF-days (Eq. 1.3, Table 5). Convert 3.14e23 FLOPs to PF-days first: "
             "divide by 8.64e19 (scaling_helpers.PF_DAY).",
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
        rtol=5e-3, unit="nats/token",
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
        points=2, rtol=1e-3,
        inputs=((8.64e19,), (1e21,), (3.14e23,), (1e18,)),
        extra={"names": ["N_opt", "D_opt"]},
        hint="Table 6 is stated for C_min in PF-days: N_opt = 1.3e9·C^0.73 and D_opt = 2e10·C^0.27 with C in "
             "PF-days. Convert FLOPs to PF-days first (divide by 8.64e19). Check: at exactly 1 PF-day the "
             "result is the two prefactors of the table.",
    ),
    Exercise(
        id="2.5", name="b_crit", kind="number", title="Critical batch size at L = 2.5 nats",
        rtol=0.06, unit="tokens",
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
        length=2, rtol=0.03, extra={"names": ["N factor", "D factor"]},
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
        points=2, length=2, rtol=5e-3, extra={"names": ["alpha_C_min", "N exponent"]},
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
        hint="What changes between the two fits in their simulation? Only the counting of N and C.",
    ),
)
