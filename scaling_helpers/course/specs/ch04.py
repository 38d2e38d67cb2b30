"""Chapter 4 exercises: compute accounting (parameters, FLOPs, memory, time and money)."""

from __future__ import annotations

from .model import Choice, Exercise, Mistake

STEM = "04_compute"

_GIB = 2.0**30

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="4.1", name="gpt3_flops", kind="number", title="Training compute of GPT-3 with 6ND",
        rtol=0.01, unit="FLOPs",
        hint="Training costs about 6 FLOPs per parameter per token (forward and backward pass).",
        mistakes=(
            Mistake(2 * 174.6e9 * 300e9, "2ND is the forward pass only (the inference cost per token). Training "
                                         "adds the backward pass, about twice the forward: 2 + 4 = 6 FLOPs per "
                                         "parameter per token."),
            Mistake(174.6e9 * 300e9, "N·D counts parameter-token pairs, not FLOPs: multiply by 6 (one "
                                     "multiply-add = 2 FLOPs forward, twice that backward)."),
            Mistake(6 * 174.6e9 * 300e9 / 8.64e19, "That is in PF-days; the question asks for FLOPs."),
        ),
    ),
    Exercise(
        id="4.2", name="gpt_params", kind="function", title="Exact parameter count of a GPT-2-style model",
        points=2, rtol=1e-7, atol=0.5,
        inputs=((12, 768, 50257, 1024), (24, 1024, 50257, 1024), (2, 64, 100, 16), (48, 1600, 50257, 1024)),
        hint="Per layer: Q, K, V and output projections 4d² + 4d (with biases), MLP 8d² + 5d (two matrices and "
             "their biases), two LayerNorms 4d; then the token table V·d, the position table n_ctx·d and a final "
             "LayerNorm 2d. The output matrix is tied to the token table, so it adds nothing.",
        mistakes=(
            Mistake(124_337_664, "124,337,664 is GPT-2 small <i>without biases</i> (nanoGPT's bias=False "
                                 "model). GPT-2 as released has biases in every linear layer and LayerNorm.",
                    rtol=1e-8),
            Mistake(123_653_376, "You left out the learned position table (n_ctx × d_model = 786,432 for "
                                 "GPT-2 small).", rtol=1e-8),
            Mistake(84_934_656, "That is Kaplan's non-embedding 12·L·d²: the question asks for every "
                                "parameter, embeddings, biases and LayerNorms included.", rtol=1e-8),
            Mistake(163_037_184, "You counted a separate output matrix: GPT-2 ties it to the token "
                                 "embedding, so it is stored once.", rtol=1e-8),
        ),
    ),
    Exercise(
        id="4.3", name="table_a4_answer", kind="choice", title="Which convention reproduces Table A4?",
        choices=(
            Choice("A", "Appendix F exactly as written (embeddings and logits included), seq_len 2048, "
                        "vocabulary 32,000.",
                   "That gives 1.58 for the 73M model and 1.32 for the 305M one, far above the printed "
                   "1.03 and 1.10: the embedding and logits terms are large for small models."),
            Choice("B", "Kaplan's per-token count 6N + 6·n_layer·n_ctx·d_attn, with N the non-embedding "
                        "parameters only.",
                   "Kaplan's count is always above 6N with his N, and it is not what Chinchilla computed; "
                   "it cannot give the 0.99 of the 6.8B model."),
            Choice("C", "Appendix F without embedding and logits terms, seq_len 2048, vocabulary 32,000; N "
                        "in 6ND counts embeddings."),
            Choice("D", "Any convention: the printed ratios are all 1 within rounding, so the choice of "
                        "counted terms does not matter.",
                   "The printed ratios range from 0.99 to 1.10 and the conventions move them by up to 50%: "
                   "the convention matters for small models."),
        ),
        hint="Compute the ratios with scaling_helpers.compute.chinchilla_table_a4(), switching embeddings and "
             "logits on and off, and compare with the printed 1.03, 1.10, 1.08, 1.04, 1.03, 0.99.",
    ),
    Exercise(
        id="4.4", name="memory_gb", kind="numbers", title="Memory of a 70B model: inference and training",
        points=2, rtol=0.02, length=3, unit="GB",
        hint="Bytes per parameter: bf16 = 2, int4 = 4 bits = 0.5; mixed-precision Adam = 2 (bf16 weights) + "
             "2 (bf16 gradients) + 4 (fp32 master) + 8 (fp32 Adam moments) = 16. GB means 1e9 bytes.",
        mistakes=(
            Mistake(140e9 / _GIB, "That is in GiB (2^30 bytes); the question uses GB = 1e9 bytes, as GPU "
                                  "datasheets do."),
            Mistake(35e9 / _GIB, "That is in GiB (2^30 bytes); the question uses GB = 1e9 bytes."),
            Mistake(1120e9 / _GIB, "That is in GiB (2^30 bytes); the question uses GB = 1e9 bytes."),
            Mistake(280, "280 GB is 4 bytes per parameter (fp32). bf16 is 2 bytes, and int4 is 4 bits = half a "
                         "byte."),
            Mistake(840, "12 bytes per parameter leaves out one component: mixed-precision Adam keeps bf16 "
                         "weights (2) and gradients (2), an fp32 master copy (4) and two fp32 moments (8)."),
            Mistake(560, "8 bytes per parameter is only the two fp32 Adam moments: add the bf16 weights (2), "
                         "gradients (2) and the fp32 master weights (4)."),
        ),
        extra={"names": ["bf16 weights", "int4 weights", "training states (mixed-precision Adam)"]},
    ),
    Exercise(
        id="4.5", name="kv_cache_gb", kind="number", title="KV cache of Llama 2 70B with GQA",
        rtol=0.01, unit="GB",
        hint="Per token: 2 (K and V) × n_layers × n_kv_heads × head_dim × 2 bytes. Llama 2 70B has 80 layers, "
             "64 query heads but only 8 key/value heads, head_dim 128.",
        mistakes=(
            Mistake(4096 * 2 * 80 * 64 * 128 * 2 / 1e9, "You cached all 64 heads. Llama 2 70B uses grouped-query "
                                                        "attention with 8 key/value heads, which is 8x smaller."),
            Mistake(4096 * 80 * 8 * 128 * 2 / 1e9, "Keys and values are both cached: multiply by 2."),
            Mistake(4096 * 2 * 80 * 8 * 128 * 2 / _GIB, "That is in GiB; the question asks for GB = 1e9 bytes."),
            Mistake(4096 * 2 * 80 * 8 * 128 * 4 / 1e9, "bf16 stores 2 bytes per value, not 4."),
        ),
    ),
    Exercise(
        id="4.6", name="crossover_ctx", kind="number", title="When does attention's n² part outgrow the MLP?",
        rtol=0.01, unit="tokens",
        hint="Per layer and token: the MLP costs 2 × 2 × d_model × d_ff = 16 d_model² FLOPs (forward); the "
             "score and value products over the full context cost 2·n_ctx·d_attn + 2·n_ctx·d_attn = "
             "4·n_ctx·d_model. Set them equal.",
        mistakes=(
            Mistake(8 * 12288, "That is the crossover with the causal count 2·n_ctx·d_attn (Kaplan's Table 1). "
                               "The question counts the full score and value products, 4·n_ctx·d_attn, as "
                               "Chinchilla's App. F and PaLM do."),
            Mistake(6 * 12288, "That compares with the MLP <i>plus</i> the attention projections (24 d²); the "
                               "question compares with the MLP alone (16 d²)."),
            Mistake(12 * 12288, "12·d_model is Kaplan's 'd_model > n_ctx/12' rule: the causal context term "
                                "against all of 2N per layer, not against the MLP."),
            Mistake(12288 / 4, "Upside down: the crossover context grows with d_model; it is a multiple of it, not a fraction."),
        ),
    ),
    Exercise(
        id="4.7", name="run_plan", kind="numbers", title="Plan a run: days, GPU-hours and dollars",
        points=2, rtol=0.01, length=3,
        hint="C = 6ND. Time = C / (n_gpus × dense peak × MFU) with the H100 SXM's dense bf16 peak of "
             "989 TFLOP/s and MFU as a fraction (0.4). GPU-hours = n_gpus × hours; dollars = GPU-hours × price.",
        mistakes=(
            Mistake(16.79 / 1979 * 989.4, "You used 1,979 TFLOP/s, the H100's 2:4-sparsity figure. MFU is "
                                          "always measured against the dense peak, 989 TFLOP/s."),
            Mistake(412_708 / 1979 * 989.4, "You used 1,979 TFLOP/s, the 2:4-sparsity figure; use the dense "
                                            "989 TFLOP/s."),
            Mistake(825_416 / 1979 * 989.4, "You used 1,979 TFLOP/s, the 2:4-sparsity figure; use the dense "
                                            "989 TFLOP/s."),
            Mistake(16.79 / 3, "That is 2ND: training costs 6ND (forward and backward), not 2ND."),
            Mistake(412_708 / 3, "That is 2ND: training costs 6ND (forward and backward), not 2ND."),
            Mistake(825_416 / 3, "That is 2ND: training costs 6ND (forward and backward), not 2ND."),
            Mistake(16.79 * 989.4 / 312, "You used the A100's 312 TFLOP/s; the run is on H100s (989 TFLOP/s)."),
            Mistake(16.79 * 24, "That is in hours; the first entry asks for days."),
            Mistake(16.79 / 100, "MFU is a fraction: 0.4, not 40 (a percentage makes the run 100x too fast)."),
        ),
        extra={"names": ["days", "GPU-hours", "dollars"]},
    ),
    Exercise(
        id="4.8", name="claimed_mfu", kind="number", title="Spot the error: '70B × 1.4T = 588e21' and 21 days",
        rtol=0.02,
        hint="The quoted product leaves out a factor: compute C = 6·N·D yourself. Then MFU = C / (n_gpus × "
             "312e12 FLOP/s × seconds), as a fraction.",
        mistakes=(
            Mistake(9.8e22 / (2048 * 312e12 * 21 * 86400), "You used N×D = 9.8e22, as the quoted formula line "
                                                           "reads. That is not a FLOP count: training costs "
                                                           "6ND (the quoted 588e21 includes the 6)."),
            Mistake(2 * 9.8e22 / (2048 * 312e12 * 21 * 86400), "That is 2ND, the forward pass only; training "
                                                               "costs 6ND."),
            Mistake(5.88e23 / (2048 * 624e12 * 21 * 86400), "624 TFLOP/s is the A100's 2:4-sparsity figure; MFU "
                                                            "uses the dense bf16 peak, 312 TFLOP/s."),
            Mistake(100 * 5.88e23 / (2048 * 312e12 * 21 * 86400), "Give MFU as a fraction, not a "
                                                                  "percentage (50)."),
        ),
    ),
    Exercise(
        id="4.9", name="decode_roofline", kind="numbers", title="Decoding Llama 2 70B on H100s: which roof?",
        points=2, rtol=0.02, length=3, unit="",
        hint="Arithmetic intensity = FLOPs / bytes moved from memory. One decoding step at batch B does 2N FLOPs "
             "per sequence while every bf16 weight (2 bytes) is read once for the whole batch. The ridge point "
             "of a chip is its dense peak FLOP/s divided by its memory bandwidth in bytes/s (H100 SXM: 989.4 "
             "TFLOP/s, 3.35 TB/s). Below the ridge the step is memory-bound.",
        mistakes=(
            Mistake(4.0, "You counted a multiply-add as one FLOP: each weight does 2 FLOPs per token, so B "
                         "tokens do 2B FLOPs per 2-byte weight."),
            Mistake(16.0, "You counted one byte per weight; bf16 stores 2 bytes per weight, so the intensity is "
                          "2B / 2 = B."),
            Mistake(1978.9 / 3.35, "1,979 TFLOP/s is the H100's 2:4-sparsity figure; the ridge uses the dense "
                                   "989.4 TFLOP/s."),
            Mistake(312 / 2.039, "That is the A100's ridge point (312 TFLOP/s over 2.039 TB/s); the question "
                                 "is about the H100 SXM."),
            Mistake(989.4 / 3350, "Check the units: 3.35 TB/s is 3.35e12 bytes/s (and 989.4 TFLOP/s is "
                                  "989.4e12 FLOP/s): this ridge is 1,000 times too small."),
            Mistake(591, "That batch uses the 2:4-sparsity peak (1,979 TFLOP/s); use the dense 989.4."),
            Mistake(148, "That is the batch for int8 weights (1 byte per weight); the weights are bf16."),
        ),
        extra={"names": ["arithmetic intensity at batch 8 (FLOP/byte)", "H100 SXM ridge point (FLOP/byte)",
                         "smallest batch reaching the ridge"]},
    ),
)
