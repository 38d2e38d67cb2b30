"""Chapter 10 exercises: putting it together (the decision guide)."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "10_decision_guide"

#: $1M on H100-SXM (dense BF16 989.4 TFLOP/s) at 40% MFU and $2 per GPU-hour.
_FLOPS_1M = 1e6 / 2.0 * 3600 * 989.4e12 * 0.4
#: Compute-optimal training tokens for that budget under Epoch's constants (BESIROGLU_2024).
_D_1M = 1.4737e12

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="10.1", name="budget_flops", kind="number", title="From dollars to training FLOPs",
        rtol=2e-3, unit="FLOPs",
        hint="Dollars / price = GPU-hours; × 3600 = GPU-seconds; × the dense peak (989.4e12 FLOP/s for an H100 "
             "SXM) × the MFU = FLOPs. Cluster('H100', 1024, 0.4, 2.0).flops_for_dollars(1e6) does exactly this.",
        explanation="$1M buys 500,000 H100-hours, i.e. 7.1e23 FLOPs at 40% MFU — a little more than Chinchilla's "
                    "5.76e23. The number of GPUs only changes the wall-clock time, not the FLOPs.",
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
        id="10.2", name="plan_n_d_days", kind="numbers", title="Budget -> N, D and days",
        points=2, rtol=0.02, length=3, extra={"names": ["N", "D", "days"]},
        hint="N, D = BESIROGLU_2024.compute_optimal(budget_flops); days = 6ND / (1024 × 989.4e12 × 0.4 × 86,400). "
             "plan_training(dollars=1e6, cluster=...) returns all three.",
        explanation="About 81B parameters on 1.5T tokens (18 tokens per parameter) in about 20 days on 1,024 "
                    "H100s. Hoffmann's rounded constants split the same budget as 35B on 3.4T tokens: always name "
                    "the constant set.",
    ),
    Exercise(
        id="10.3", name="max_params_for_device", kind="function", title="The largest model a device can run",
        points=2, rtol=1e-6,
        inputs=((8.0, 100.0, 20.0, 4), (8.0, 100.0, 20.0, 16), (4.0, 400.0, 10.0, 8), (80.0, 3350.0, 30.0, 16),
                (16.0, 50.0, 2.0, 4)),
        hint="Weights take N × bits / 8 bytes. Memory: N ≤ memory / (bits/8). Speed at batch 1: every token reads "
             "all weights, so tokens/s ≤ bandwidth / (N × bits/8), i.e. N ≤ bandwidth / (speed × bits/8). "
             "Return the smaller of the two caps, in parameters (GB means 1e9 bytes).",
        explanation="Whichever limit binds first sets the size: at 100 GB/s and 20 tokens/s an int4 model may "
                    "have 10B parameters, a bf16 one only 2.5B. Quantisation buys size; over-training then buys "
                    "back the quality.",
    ),
    Exercise(
        id="10.4", name="inference_equals_training", kind="number",
        title="Spot the error: 'inference cost dominates, so over-train'",
        rtol=0.02, unit="tokens",
        hint="Training costs 6·N·D, inference 2·N·D_inf. Set them equal and solve for D_inf, with D from 10.2.",
        explanation="Inference equals training only after D_inf = 3·D ≈ 4.4T tokens. A research model that serves "
                    "1e11 evaluation tokens spends about 2% of its lifetime compute on inference, so the notes' "
                    "default 'inference dominates' is a statement about the demand, not a law.",
        mistakes=(
            Mistake(_D_1M, "Equal tokens are not equal FLOPs: a training token costs 6N, an inference token 2N."),
            Mistake(_D_1M / 3, "Upside down: inference is the cheaper side per token, so it needs three times "
                               "as many tokens, not a third."),
            Mistake(3 * 80.56e9, "That is 3·N: the threshold is in tokens, 3·D."),
        ),
    ),
    Exercise(
        id="10.5", name="reasoning_row_answer", kind="choice",
        title="Spot the error: 'reasoning workloads -> test-time compute'",
        choices=(
            Choice("A", "Nothing: at equal FLOPs, sampling a smaller model many times always beats one sample of a "
                        "larger model.",
                   "Not always: without a verifier, majority vote plateaus at the share of problems whose most "
                   "likely answer is correct (chapter 7), and on the hardest problems a larger model wins."),
            Choice("B", "It holds where the smaller model already solves a problem sometimes and a verifier (or a "
                        "good selector) can pick the right sample; on the hardest problems, or with majority vote "
                        "alone, a larger, better-trained model is the better use of the FLOPs."),
            Choice("C", "It is backwards: test-time compute never helps, so always train a larger model.",
                   "Snell et al. (2024) outperform a 14x larger model at equal FLOPs on problems of moderate "
                   "difficulty, and Brown et al. (2024) lift SWE-bench Lite from 15.9% to 56% with 250 samples."),
            Choice("D", "It only holds for models above 100B parameters.",
                   "Size is not the condition; difficulty and the ability to verify are (Snell et al. 2024 used "
                   "PaLM 2-S*; Wu et al. 2024 Llemma-7B vs 34B)."),
        ),
        hint="Recall chapter 7's compute-matched table by difficulty, with and without a verifier.",
        explanation="The row needs its conditions: non-trivial success and a way to recognise the right sample "
                    "(Snell et al. 2024, arXiv:2408.03314; Brown et al. 2024, arXiv:2407.21787).",
    ),
    Exercise(
        id="10.6", name="option2_answer", kind="choice",
        title="Spot the error: 'fine-tune a model trained near Chinchilla scaling (e.g. LLaMA 3, Mistral)'",
        choices=(
            Choice("A", "Nothing: Llama 3 8B was trained at about 20 tokens per parameter.",
                   "Meta trained Llama 3 8B on more than 15T tokens: about 1,900 tokens per parameter."),
            Choice("B", "Llama 3 8B saw more than 15T tokens, about 1,900 per parameter (≈ 94× Chinchilla's 20): it "
                        "is over-trained on purpose, which is what makes it cheap to serve, and Mistral 7B's "
                        "token count is not published. Choose a base model by measured quality, size and licence, "
                        "not by Chinchilla-optimality."),
            Choice("C", "Llama 3 is under-trained, like GPT-3.",
                   "GPT-3 was under-trained (1.7 tokens per parameter); Llama 3 is the opposite."),
            Choice("D", "Only that Mistral 7B is a mixture of experts.",
                   "Mistral 7B is dense (Mixtral is the MoE); the error is about Llama 3's training tokens."),
        ),
        hint="Tokens per parameter = D / N; chapter 5's table of released models.",
        explanation="Released open models are deliberately over-trained for inference (chapter 5); that is a "
                    "feature for anyone who fine-tunes and serves them.",
    ),
    Exercise(
        id="10.7", name="samples_matched", kind="number", title="Compute-matched samples with long reasoning",
        rtol=1e-3,
        hint="A sample costs 2·N·(prompt + generated) FLOPs. Divide one 70B sample by one 8B sample; both read "
             "the same 500-token prompt.",
        explanation="2·70e9·800 / (2·8e9·1,700) ≈ 4.1: long chains of thought eat most of the 8.75x size "
                    "advantage. Compare models at equal FLOPs, counting every token each sample reads and writes.",
        mistakes=(
            Mistake(70 / 8, "That assumes equal tokens per sample; the 8B model writes 4x more."),
            Mistake(70 * 300 / (8 * 1200), "Each sample also reads the 500-token prompt: 2·N·(prompt + generated)."),
            Mistake(8 * 1700 / (70 * 800), "Upside down: how many 8B samples fit in one 70B sample's FLOPs."),
        ),
    ),
    Exercise(
        id="10.8", name="chat_alternative", kind="numbers", title="The chat product's inference-aware model",
        points=2, rtol=0.02, length=3, extra={"names": ["N_star", "D_star", "saving"]},
        hint="plan_training(dollars=1e6, inference_tokens=1e14, cluster=...) with Epoch's constants; its "
             ".alternative holds N*, D* and the saving fraction (a number below 1).",
        explanation="About 24B parameters on 13.6T tokens (≈ 570 tokens per parameter) reach the loss of the "
                    "81B compute-optimal model with 60% less lifetime compute: train 2.7x longer, serve 3.4x "
                    "cheaper.",
    ),
)
