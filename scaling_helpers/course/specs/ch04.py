"""Chapter 4 exercises: training recipes at scale (μP, DeepSeek's learning-rate and batch laws, the batch
trade-off, WSD schedules and token sweeps)."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "04_hyperparameters"

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="4.1", name="sp_prediction", kind="choice", title="Predict: SP's optimal learning rate as width grows",
        choices=(
            Choice("A", "It grows roughly in proportion to the width: wider layers average out more noise, so "
                        "they tolerate larger steps.",
                   "With Adam every weight moves by about η per step, and a wider layer adds up more of those "
                   "moves in each pre-activation: the safe η shrinks, it does not grow."),
            Choice("B", "It stays where it is: Adam normalises every update, so the width does not matter.",
                   "Adam normalises each coordinate's step to about η, but a pre-activation sums fan_in of "
                   "them: the change of the activations still grows with the width."),
            Choice("C", "It falls roughly as 1/width, because each step moves every pre-activation by about "
                        "η · fan_in."),
            Choice("D", "It falls roughly as 1/sqrt(width), like the initialisation's standard deviation.",
                   "1/sqrt(fan_in) is right for random, uncorrelated sums (the initialisation); the updates are "
                   "correlated with the inputs, so they add up linearly in fan_in."),
        ),
        hint="Think of one Adam step on a hidden weight matrix: every entry moves by about η, with signs aligned "
             "to the incoming activations. How does the change of one pre-activation scale with fan_in?",
        method_hint="Δh_i = Σ_j ΔW_ij x_j with |ΔW_ij| ≈ η and sign(ΔW_ij) correlated with x_j: the sum has fan_in "
                    "terms of the same sign. Keep Δh fixed as fan_in grows.",
        level="core", minutes=3,
    ),
    Exercise(
        id="4.2", name="mup_multiplier_form", kind="function",
        title="μP for Adam with an output multiplier, from Table 3",
        points=2, rtol=1e-6,
        inputs=((96, 32), (1000, 40), (4096, 256), (50, 200), (32, 32)),
        hint="Write the output layer as y = α·(W'h) with α = 1/m (m = width/base_width) and require the same "
             "function at initialisation and the same change per Adam step as Table 3's output layer "
             "(init std 1/(sqrt(width)·sqrt(m)), learning rate η/m). Adam's step does not depend on the scale of "
             "the gradient.",
        method_hint="Initial output: α·std' = 1/(sqrt(width)·sqrt(m)). One step: W' moves by η'·u, the output by "
                    "α·η'·u, which must equal (η/m)·u. Solve for std' and η'; the hidden layers keep Table 3's 1/m.",
        extra={"names": ["hidden LR mult", "output multiplier", "output init std", "output LR mult"]},
        level="core", minutes=15,
    ),
    Exercise(
        id="4.3", name="mup_vs_sp_runs", kind="numbers", title="Measure the drift in your own runs",
        points=2, rtol=1e-6, length=2,
        hint="Sweep both parameterisations over the widths and grid given, take the best grid learning rate per "
             "width, and compare the narrowest with the widest model.",
        method_hint="Factor = 2^(best log2 LR at width 32 − best log2 LR at width 256) under SP; spread = max − min "
                    "of the best log2 LR over the widths under μP, in grid steps.",
        extra={"names": ["SP factor (width 32 over width 256)", "μP spread (grid steps)"]},
        level="core", minutes=10,
    ),
    Exercise(
        id="4.4", name="wsd_lr", kind="function", title="The WSD schedule with a 1-sqrt cooldown, from scratch",
        points=2, rtol=1e-6, atol=1e-12,
        inputs=((0, 1000, 3e-4, 100, 0.2), (50, 1000, 3e-4, 100, 0.2), (500, 1000, 6e-4, 100, 0.2),
                (850, 1000, 3e-4, 100, 0.2), (1000, 1000, 3e-4, 100, 0.2), (9000, 10000, 1.0, 0, 0.25),
                (9999, 10000, 1.0, 0, 0.25)),
        hint="Three phases: linear warm-up from 0 to the peak, a constant peak, then a cooldown over the last "
             "cooldown_fraction of the run in which the factor is 1 − sqrt(x), x the fraction of the cooldown done "
             "(Hägele et al. 2024).",
        method_hint="start = total·(1 − c); if t < warmup: peak·t/warmup; elif t < start: peak; else "
                    "peak·(1 − sqrt((t − start)/(total − start))).",
        level="core", minutes=10,
    ),
    Exercise(
        id="4.5", name="deepseek_hparams", kind="function",
        title="DeepSeek's learning rate and batch size for a model shape and token count",
        points=2, rtol=1e-6,
        inputs=((30, 4096, 4096, 2e12), (95, 8192, 4096, 2e12), (8, 512, 4096, 1e10), (24, 2048, 2048, 4e11)),
        hint="DeepSeek LLM (arXiv:2401.02954): M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq FLOPs per token "
             "(Eq. 2), C = M·D (no factor 6), then Eq. 1: η_opt = 0.3118·C^−0.1250 and B_opt = 0.2920·C^0.3271 "
             "tokens.",
        method_hint="Return (η_opt, B_opt) as floats; check M(8, 512, 4096) = 3.523e8 (Table 3 prints 352M).",
        extra={"names": ["eta_opt", "B_opt (tokens)"]},
        level="core", minutes=8,
    ),
    Exercise(
        id="4.6", name="deepseek_used_vs_law", kind="numbers",
        title="Did DeepSeek follow its own law? (67B, Table 2)",
        points=2, rtol=0.002, length=2,
        hint="Compute C = M·D for the 67B model (95 layers, d_model 8192, context 4096, 2.0T tokens), evaluate "
             "Eq. 1, and divide the values of Table 2 (learning rate 3.2e-4, 4608 sequences of 4096 tokens) by "
             "the predictions.",
        method_hint="Ratios used/predicted, batch in tokens on both sides.",
        extra={"names": ["LR used / predicted", "batch used / predicted"]},
        mistakes=(
            Mistake(0.99869, "You used C = 6ND with N = 67e9. DeepSeek's laws are in C = M·D with M their "
                             "non-embedding FLOPs per token (Eq. 2).", rtol=0.002),
            Mistake(0.97967, "You used C = 6ND with N = 67e9. DeepSeek's laws are in C = M·D with M their "
                             "non-embedding FLOPs per token (Eq. 2).", rtol=0.002),
            Mistake(2.2310e-4, "You compared 4608 sequences with a batch in tokens: multiply by the context length "
                               "4096.", rtol=0.01),
            Mistake(0.97504, "That is predicted/used; the question asks used/predicted.", rtol=0.002),
            Mistake(1.09430, "That is predicted/used; the question asks used/predicted.", rtol=0.002),
            Mistake(1.01539, "Your M leaves out the attention term 12·n_layer·d_model·l_seq.", rtol=0.002),
            Mistake(0.93807, "Your M leaves out the attention term 12·n_layer·d_model·l_seq.", rtol=0.002),
        ),
        level="core", minutes=8,
    ),
    Exercise(
        id="4.7", name="best_batch", kind="function", title="Derive: the batch that minimises time plus compute",
        points=2, rtol=1e-6,
        inputs=((1e6, 1.0, 4e-6), (2e5, 3.0, 1e-5), (4e6, 10.0, 2e-7), (1000.0, 1.0, 1.0)),
        hint="Reaching a fixed loss takes S = S_min(1 + B_noise/B) steps and E = E_min(1 + B/B_noise) examples "
             "(McCandlish et al. 2018), with E_min = B_noise·S_min. Minimise a·S + b·E over B.",
        method_hint="Write the cost as S_min·[a(1 + B_noise/B) + b(B_noise + B)], differentiate in B, set to zero.",
        level="core", minutes=12,
    ),
    Exercise(
        id="4.8", name="cooldown_for_saving", kind="function",
        title="Derive: the cooldown fraction at which a WSD token sweep saves a given share",
        points=2, rtol=1e-6,
        inputs=((5, 2.0, 0.35), (8, 2.0, 0.3), (3, 4.0, 0.15), (10, 1.5, 0.25), (4, 3.0, 0.2)),
        hint="Budgets D_i = D_1·r^(i−1), i = 1..k. Cosine: one run per budget. WSD: one run to the largest budget "
             "plus a cooldown of c·D_i for each other budget. Write both costs as geometric sums, set "
             "1 − WSD/cosine equal to the saving and solve for c.",
        method_hint="Cosine = D_1(r^k − 1)/(r − 1); WSD = D_1[r^(k−1) + c(r^(k−1) − 1)/(r − 1)]; the equation is "
                    "linear in c.",
        level="stretch", minutes=12,
    ),
    Exercise(
        id="4.9", name="double_batch_steps", kind="choice",
        title="Predict: doubling the batch from B_noise to 2·B_noise",
        choices=(
            Choice("A", "The steps to reach the same loss halve, and the data used stays the same.",
                   "That is perfect scaling, true only far below B_noise; at B = B_noise the step count "
                   "S_min(1 + B_noise/B) is already close to its floor."),
            Choice("B", "The steps fall to 3/4 of before, and the data used grows by 3/2."),
            Choice("C", "Neither changes: at the noise scale the batch no longer matters.",
                   "Both change: S/S_min = 1 + B_noise/B and E/E_min = 1 + B/B_noise."),
            Choice("D", "The steps fall to 2/3 of before, and the data used grows by 4/3.",
                   "Check the ratios: S goes from 2·S_min to 1.5·S_min and E from 2·E_min to 3·E_min."),
        ),
        hint="Use S/S_min = 1 + B_noise/B and E/E_min = 1 + B/B_noise at B = B_noise and at B = 2·B_noise.",
        method_hint="Steps: (1 + 1/2)/(1 + 1); examples: (1 + 2)/(1 + 1).",
        level="core", minutes=3,
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="4.w1", title="Critique: 'we tuned the learning rate at 100M and kept it at 10B'",
        rubric=(
            Criterion("Explains why the optimum moves under the standard parameterisation (updates add up over "
                      "fan_in; the 11.3 runs), and that μP is what makes a base learning rate transfer in width.",
                      2),
            Criterion("Quantifies the drift with a law: with DeepSeek's η_opt ∝ C^−0.125, a 10⁴× larger budget "
                      "lowers η_opt by 10^0.5 ≈ 3.2× (or an equivalent number from 11.5/11.6).", 2),
            Criterion("Says what μP does not cover (depth, batch size, schedule length, weight decay, data), so "
                      "those still need a law or a check.", 2),
            Criterion("Proposes a concrete procedure: μP or an η(C) law to extrapolate, plus a short sweep around "
                      "the prediction at an intermediate scale.", 2),
        ),
        min_words=100, max_words=250, level="core", minutes=15,
    ),
    Written(
        id="4.w2", title="Design decision: cosine or WSD for a team that will run a token sweep",
        rubric=(
            Criterion("States the cost of both designs for a concrete sweep (for example 5 doubling budgets: 31 vs "
                      "19 units with a 20% cooldown, 39% saved) or the closed form behind 11.8.", 2),
            Criterion("Explains why cosine needs one run per budget: a cosine cycle more than 25% longer than the run "
                      "(Hoffmann et al. 2022, Fig. A1) leaves intermediate checkpoints under-decayed.", 2),
            Criterion("Names the conditions for WSD to match cosine: a cooldown of about 20% of each budget, the "
                      "1-sqrt shape (Hägele et al. 2024), and a check of one budget against a cosine run.", 2),
            Criterion("Makes a recommendation and says when the other choice would be better (a single final run "
                      "with a known length).", 2),
        ),
        min_words=100, max_words=250, level="stretch", minutes=15,
    ),
)
