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
             "SXM) × the MFU = FLOPs.",
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
        hint="Split the budget from 10.1 into N and D on the compute-optimal frontier of Epoch's constants "
             "(BESIROGLU_2024); then days = 6ND / (1024 × 989.4e12 × 0.4 × 86,400).",
    ),
    Exercise(
        id="10.3", name="max_params_for_device", kind="function", title="The largest model a device can run",
        points=2, rtol=1e-6,
        inputs=((8.0, 100.0, 20.0, 4), (8.0, 100.0, 20.0, 16), (4.0, 400.0, 10.0, 8), (80.0, 3350.0, 30.0, 16),
                (16.0, 50.0, 2.0, 4)),
        hint="Weights take N × bits / 8 bytes. Memory: N ≤ memory / (bits/8). Speed at batch 1: every token reads "
             "all weights, so tokens/s ≤ bandwidth / (N × bits/8), i.e. N ≤ bandwidth / (speed × bits/8). "
             "Return the smaller of the two caps, in parameters (GB means 1e9 bytes).",
    ),
    Exercise(
        id="10.4", name="inference_equals_training", kind="number",
        title="Spot the error: 'inference cost dominates, so over-train'",
        rtol=0.02, unit="tokens",
        hint="Training costs 6·N·D, inference 2·N·D_inf. Set them equal and solve for D_inf, with D from 10.2.",
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
            Choice("A", "Nothing: at equal FLOPs, sampling a smaller model many times always beats one "
                        "sample of a larger model.",
                   "Not always: without a verifier, majority vote plateaus at the share of problems whose "
                   "most likely answer is correct (chapter 7), and on the hardest problems a larger model "
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
        hint="Recall chapter 7's compute-matched table by difficulty, with and without a verifier.",
    ),
    Exercise(
        id="10.6", name="option2_answer", kind="choice",
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
        hint="Tokens per parameter = D / N; chapter 5's table of released models.",
    ),
    Exercise(
        id="10.7", name="samples_matched", kind="number", title="Compute-matched samples with long reasoning",
        rtol=1e-3,
        hint="A sample costs 2·N·(prompt + generated) FLOPs. Divide one 70B sample by one 8B sample; both read "
             "the same 500-token prompt.",
        mistakes=(
            Mistake(70 / 8, "That assumes equal tokens per sample; the 8B model writes 4x more."),
            Mistake(70 * 300 / (8 * 1200), "Each sample also reads the 500-token prompt: 2·N·(prompt + generated)."),
            Mistake(8 * 1700 / (70 * 800), "Upside down: how many 8B samples fit in one 70B sample's FLOPs."),
        ),
    ),
    Exercise(
        id="10.8", name="chat_alternative", kind="numbers", title="The chat product's inference-aware model",
        points=2, rtol=0.02, length=3, extra={"names": ["N_star", "D_star", "saving"]},
        hint="Keep the loss of the compute-optimal model from 10.2 (Epoch's constants) and minimise lifetime "
             "compute 6·N·D(N) + 2·N·1e14 over N, where D(N) is the tokens N needs to reach that loss. The "
             "saving is 1 - (its lifetime compute) / (the compute-optimal model's), a fraction below 1.",
    ),
)
