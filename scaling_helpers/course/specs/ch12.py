"""Chapter 12 exercises: putting it together (the decision guide)."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "12_decision_guide"

#: $1M on H100-SXM (dense BF16 989.4 TFLOP/s) at 40% MFU and $2 per GPU-hour.
_FLOPS_1M = 1e6 / 2.0 * 3600 * 989.4e12 * 0.4
#: Compute-optimal training tokens for that budget under Epoch's constants (BESIROGLU_2024).
_D_1M = 1.4737e12
#: Epoch AI's refit of Chinchilla's law (Besiroglu et al. 2024, arXiv:2404.10102, Table 1): A, B, alpha, beta.
_EPOCH = (482.01, 2085.43, 0.3478, 0.3658)
#: Hoffmann et al.'s printed constants (arXiv:2203.15556, Eq. 10): A, B, alpha, beta.
_HOFFMANN = (406.4, 410.7, 0.34, 0.28)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="12.1", name="budget_flops", kind="number", title="From dollars to training FLOPs",
        rtol=2e-3, unit="FLOPs",
        hint="Dollars buy GPU-hours; GPU-hours at a utilisation buy FLOPs. Follow the units.",
        method_hint="Dollars / price = GPU-hours; × 3600 = GPU-seconds; × the dense peak (989.4e12 FLOP/s for an "
                    "H100 SXM) × the MFU = FLOPs.",
        level="core", minutes=4,
        mistakes=(
            Mistake(_FLOPS_1M * 2, "That uses 1,979 TFLOP/s, the H100's 2:4-sparsity figure. MFU and budgets use the "
                                   "dense peak, 989.4 TFLOP/s."),
            Mistake(_FLOPS_1M / 0.4, "That is the FLOPs at 100% utilisation: multiply by the MFU (0.4)."),
            Mistake(_FLOPS_1M / 3600, "Missing the factor 3600: the price is per GPU-hour, the peak per second."),
            Mistake(_FLOPS_1M * 100, "MFU is a fraction: 0.4, not 40."),
            Mistake(_FLOPS_1M * 1024, "The budget pays for GPU-hours in total; the 1,024 GPUs share them (they set "
                                      "the days, not the FLOPs)."),
        ),
    ),
    Exercise(
        id="12.2", name="plan_run", kind="function", title="From scratch: budget -> N, D and days",
        points=3, rtol=1e-3,
        inputs=((1e6, 2.0, 1024, 0.4, *_EPOCH), (5e6, 2.5, 2048, 0.35, *_HOFFMANN), (1e5, 3.0, 64, 0.5, *_EPOCH),
                (2e7, 1.8, 8192, 0.38, *_EPOCH)),
        extra={"names": ["N", "D", "days"]},
        hint="Turn dollars into FLOPs as in 10.1, then split C = 6ND on the compute-optimal frontier of the "
             "law: minimise A/N^alpha + B/D^beta under that constraint. The days follow from the GPU-hours.",
        method_hint="Hoffmann et al.'s Eq. 4: N = G·(C/6)^(beta/(alpha+beta)), D = (C/6)^(alpha/(alpha+beta))/G with "
                    "G = (alpha·A/(beta·B))^(1/(alpha+beta)). Days = dollars / price / n_gpus / 24 (the MFU sets "
                    "the FLOPs, not the hours).",
        level="core", minutes=20,
    ),
    Exercise(
        id="12.3", name="max_params_for_device", kind="function", title="The largest model a device can run",
        points=2, rtol=1e-6,
        inputs=((8.0, 100.0, 20.0, 4), (8.0, 100.0, 20.0, 16), (4.0, 400.0, 10.0, 8), (80.0, 3350.0, 30.0, 16),
                (16.0, 50.0, 2.0, 4)),
        hint="Weights take N × bits / 8 bytes. Memory: N ≤ memory / (bits/8). Speed at batch 1: every token reads "
             "all weights, so tokens/s ≤ bandwidth / (N × bits/8), i.e. N ≤ bandwidth / (speed × bits/8). "
             "Return the smaller of the two caps, in parameters (GB means 1e9 bytes).",
        method_hint="bytes per parameter = bits / 8; return min(memory_gb·1e9, bandwidth_gb_s·1e9 / "
                    "min_tokens_per_s) / bytes per parameter.",
        level="core", minutes=10,
    ),
    Exercise(
        id="12.4", name="inference_equals_training", kind="number",
        title="Spot the error: 'inference cost dominates, so over-train'",
        rtol=0.02, unit="tokens",
        hint="Training costs 6·N·D, inference 2·N·D_inf. Set them equal and solve for D_inf, with D from 10.2.",
        method_hint="6·N·D = 2·N·D_inf gives D_inf = 3·D; take D from your plan_run for the $1M budget.",
        level="core", minutes=4,
        mistakes=(
            Mistake(_D_1M, "Equal tokens are not equal FLOPs: a training token costs 6N, an inference token 2N."),
            Mistake(_D_1M / 3, "Upside down: inference is the cheaper side per token, so it needs three times "
                               "as many tokens, not a third."),
            Mistake(3 * 80.56e9, "That is 3·N: the threshold is in tokens, 3·D."),
        ),
    ),
    Exercise(
        id="12.5", name="reasoning_row_answer", kind="choice",
        title="Spot the error: 'reasoning workloads -> test-time compute'",
        choices=(
            Choice("A", "Nothing: at equal FLOPs, sampling a smaller model many times always beats one "
                        "sample of a larger model.",
                   "Not always: without a verifier, majority vote plateaus at the share of problems whose "
                   "most likely answer is correct (chapter 8), and on the hardest problems a larger model "
                   "wins."),
            Choice("B", "It is backwards: test-time compute never helps at equal FLOPs, so a larger model "
                        "is always the better buy.",
                   "Snell et al. (2024) outperform a 14x larger model at equal FLOPs on problems of "
                   "moderate difficulty, and Brown et al. (2024) lift SWE-bench Lite from 15.9% to 56% "
                   "with 250 samples."),
            Choice("C", "It only holds for models above 100B parameters, whose samples are diverse enough "
                        "for a vote to help.",
                   "Size is not the condition; difficulty and the ability to verify are (Snell et al. 2024 "
                   "used PaLM 2-S*; Wu et al. 2024 Llemma-7B vs 34B)."),
            Choice("D", "It needs some success per problem and a verifier to pick the right sample; "
                        "otherwise a larger model wins."),
        ),
        hint="Recall chapter 8's compute-matched table by difficulty, with and without a verifier.",
        method_hint="Ask for each option whether chapter 8's evidence contradicts it (majority vote's plateau, "
                    "Snell et al.'s difficulty bins).",
        level="core", minutes=4,
    ),
    Exercise(
        id="12.6", name="option2_answer", kind="choice",
        title="Spot the error: 'fine-tune a model trained near Chinchilla scaling (e.g. LLaMA 3, Mistral)'",
        choices=(
            Choice("A", "Nothing: Llama 3 8B was trained on about 20 tokens per parameter, exactly as "
                        "Chinchilla's rule of thumb recommends.",
                   "Meta trained Llama 3 8B on more than 15T tokens: about 1,900 tokens per parameter."),
            Choice("B", "Llama 3 8B saw over 15T tokens (≈ 1,900 per parameter): it is over-trained on "
                        "purpose, to be cheap to serve."),
            Choice("C", "Llama 3 is under-trained, like GPT-3: it saw too few tokens for its size to make "
                        "a good base model for fine-tuning.",
                   "GPT-3 was under-trained (1.7 tokens per parameter); Llama 3 is the opposite."),
            Choice("D", "Only that Mistral 7B is a mixture of experts, so its size cannot be compared with "
                        "a dense model's.",
                   "Mistral 7B is dense (Mixtral is the MoE); the error is about Llama 3's training "
                   "tokens."),
        ),
        hint="Tokens per parameter = D / N; chapter 6's table of released models.",
        method_hint="15e12 / 8e9 ≈ 1,900 tokens per parameter, against Chinchilla's 20.",
        level="core", minutes=3,
    ),
    Exercise(
        id="12.7", name="reasoning_budget", kind="numbers", title="Derive: compute-matched samples with long reasoning",
        points=2, rtol=1e-3, length=2, extra={"names": ["samples", "max_chain"]},
        hint="A sample costs 2·N·(prompt + generated) FLOPs. For the first entry divide one 70B sample by one 8B "
             "sample; for the second, solve the equal-cost condition for the 8B chain length.",
        method_hint="samples = 70·(500 + 300) / (8·(500 + 1,200)). For 8 samples: 8·2·8e9·(500 + g) = "
                    "2·70e9·(500 + 300), so g = 70·800/(8·8) − 500.",
        mistakes=(
            Mistake(70 / 8, "That assumes equal tokens per sample; the 8B model writes 4x more."),
            Mistake(70 * 300 / (8 * 1200), "Each sample also reads the 500-token prompt: 2·N·(prompt + generated)."),
            Mistake(8 * 1700 / (70 * 800), "Upside down: how many 8B samples fit in one 70B sample's FLOPs."),
            Mistake(875.0, "That is prompt plus chain: the 500 prompt tokens are read by every sample, so the "
                           "chain may be 500 tokens shorter."),
            Mistake(6500.0, "That is the chain length for one 8B sample; the vote needs eight of them."),
        ),
        level="core", minutes=10,
    ),
    Exercise(
        id="12.9", name="shrink_answer", kind="choice",
        title="Predict, then check: how much smaller is the chat model?",
        choices=(
            Choice("A", "About the same size: at 1e14 tokens training still dominates, so 81B stays the best "
                        "choice.",
                   "At 1e14 tokens inference is 2·N·1e14, about 23 times the training compute of the 81B "
                   "plan: it dominates, and the optimum moves."),
            Choice("B", "About ten times smaller: inference compute is linear in N, so N falls as fast as "
                        "the demand grows.",
                   "The training term of the smaller model grows steeply as N approaches the smallest size "
                   "that can reach the loss; the optimum stops well before a factor of ten."),
            Choice("C", "About three times smaller, trained on about nine times more tokens than the 81B "
                        "model."),
            Choice("D", "Smaller than 8B: at this demand the best model is the smallest one that can still "
                        "reach the loss.",
                   "Near the smallest feasible size the training tokens explode; the optimum balances the "
                   "two terms well above it."),
        ),
        hint="Think of the two terms: the inference term pulls N down, the training term 6·N·D(N) grows without "
             "bound as N approaches the smallest size that can reach the loss.",
        method_hint="Commit first; 10.8 then computes the optimum.",
        level="core", minutes=4,
    ),
    Exercise(
        id="12.8", name="chat_alternative", kind="numbers", title="The chat product's model and its break-even",
        points=3, rtol=0.02, length=4, extra={"names": ["N_star", "D_star", "saving", "break_even"]},
        hint="Keep the loss of the compute-optimal model of the $1M plan (Epoch's constants) and minimise lifetime "
             "compute 6·N·D(N) + 2·N·1e14 over N. Then ask from which lifetime demand on that model beats the "
             "compute-optimal one.",
        method_hint="D(N) = (B/(loss − E − A·N^−alpha))^(1/beta); minimise over log N with a bounded scalar "
                    "minimiser (chapter 6). saving = 1 − lifetime(N*)/lifetime(compute-optimal). Break-even: "
                    "6·N_s·D_s + 2·N_s·X = 6·N_l·D_l + 2·N_l·X, so X = 3·(N_s·D_s − N_l·D_l)/(N_l − N_s).",
        mistakes=(
            Mistake(1.0808e13 / 3, "Off by a factor of 3: X = 3·(N_s·D_s − N_l·D_l)/(N_l − N_s), because a "
                                   "training token costs 6N and a served token 2N."),
            Mistake(1.0808e13 * 3, "Off by a factor of 3 the other way: solve 6·N_s·D_s + 2·N_s·X = "
                                   "6·N_l·D_l + 2·N_l·X for X."),
            Mistake(1.0808e13 / 9, "Off by a factor of 9: the 6/2 = 3 multiplies the training difference."),
        ),
        level="core", minutes=18,
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="12.w1", title="Defend a plan for the chat product against two alternatives",
        rubric=(
            Criterion("Recommends one plan for the $1M chat product (10¹⁴ tokens served) and states its numbers "
                      "(N, D, days, lifetime compute or saving) from 10.2 and 10.8.", 1),
            Criterion("Argues against the compute-optimal 81B plan with the break-even of 10.8 (what demand "
                      "would make it right).", 1),
            Criterion("Argues against a second alternative (fine-tuning an open over-trained model, or "
                      "test-time sampling of a small model) with a concrete number or condition from the "
                      "chapter (10.3, 10.5, 10.7).", 2),
            Criterion("Names the assumption the recommendation is most sensitive to (the constant set, the "
                      "demand forecast, the cost of an inference FLOP) and how the plan changes if it is "
                      "wrong.", 1),
        ),
        min_words=100, max_words=250, level="core", minutes=15,
    ),
    Written(
        id="12.w2", title="Critique a decision table's default",
        rubric=(
            Criterion("Identifies what the default 'inference dominates, so over-train (50–200 tokens per "
                      "parameter)' leaves out: the demand, and that the right ratio depends on it.", 1),
            Criterion("Backs the critique with two numbers from the exercises: the 3·D threshold of 10.4 and the "
                      "≈ 570 tokens per parameter of the 10.8 optimum (outside the 50–200 range).", 2),
            Criterion("Rewrites the row as a rule a reader can apply (compute the expected demand, then the "
                      "inference-aware optimum or a break-even).", 1),
        ),
        min_words=60, max_words=180, level="stretch", minutes=10,
    ),
)
