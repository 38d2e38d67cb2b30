"""Chapter 5 exercises: compute accounting (parameters, FLOPs, memory, time and money)."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "05_compute"

_GIB = 2.0**30

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="5.1", name="gpt3_flops", kind="number", title="Training compute of GPT-3 with 6ND",
        rtol=0.01, unit="FLOPs",
        level="core", minutes=3,
        method_hint="Multiply 6 by N and by D, with N = 174.6e9 and D = 300e9.",
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
        id="5.2", name="gpt_params", kind="function", title="Exact parameter count of a GPT-2-style model",
        points=2, rtol=1e-7, atol=0.5,
        inputs=((12, 768, 50257, 1024), (24, 1024, 50257, 1024), (2, 64, 100, 16), (48, 1600, 50257, 1024)),
        level="core", minutes=10,
        method_hint="Write the count per block (attention, MLP, two LayerNorms) as a polynomial in d, multiply by n_layers, then add the token and position tables and the final LayerNorm once.",
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
        id="5.3", name="table_a4_answer", kind="choice", title="Which convention reproduces Table A4?",
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
        level="stretch", minutes=10,
        method_hint="For each of the six Table A4 models, compute 6ND and the Appendix F count twice (with and without the embedding and logits terms) at seq_len 2048 and vocabulary 32,000; compare both sets of ratios with the printed ones.",
        hint="Count the FLOPs of Appendix F term by term with and without the embedding and logits terms, divide "
             "by 6ND, and compare with the printed 1.03, 1.10, 1.08, 1.04, 1.03, 0.99.",
    ),
    Exercise(
        id="5.4", name="memory_gb", kind="numbers", title="Memory of a 70B model: inference and training",
        points=2, rtol=0.02, length=3, unit="GB",
        level="core", minutes=6,
        method_hint="Multiply N by the bytes per parameter of each case and divide by 1e9.",
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
        id="5.5", name="kv_cache_fit", kind="number", title="How many long requests fit beside Llama 2 70B?",
        rtol=0.01, unit="sequences",
        level="core", minutes=10,
        method_hint="Free memory = 160e9 - 2 x N bytes; one sequence's cache = 4,096 x 2 x 80 x 8 x 128 x 2 bytes; "
                    "divide and round down.",
        hint="Weights first: N bf16 values of 2 bytes. What is left holds the caches. Per token and sequence the "
             "cache stores a key and a value per layer and per key/value head: 2 x n_layers x n_kv_heads x "
             "head_dim x 2 bytes. Llama 2 70B has 80 layers, 64 query heads but only 8 key/value heads, head_dim 128.",
        mistakes=(
            Mistake(2, "You cached all 64 heads. Llama 2 70B uses grouped-query attention with 8 key/value heads, "
                       "8x less cache per token."),
            Mistake(32, "Keys and values are both cached: the per-token cache is 2 x 80 x 8 x 128 x 2 bytes."),
            Mistake(8, "bf16 stores 2 bytes per cached value, not 4."),
            Mistake(119, "The bf16 weights (2 bytes x 68.98e9 = 138 GB) sit in the same 160 GB: only what is left "
                         "holds caches."),
            Mistake(16.4265, "Right computation: now round down to whole sequences (a partial cache serves nobody).",
                    rtol=0.005),
        ),
    ),
    Exercise(
        id="5.6", name="crossover_ctx", kind="number", title="When does attention's n² part outgrow the MLP?",
        rtol=0.01, unit="tokens",
        level="core", minutes=8,
        method_hint="Write both counts per token and per layer as functions of d_model and n_ctx, set them equal and solve for n_ctx.",
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
        id="5.7", name="run_plan", kind="numbers", title="Plan a run: days, GPU-hours and dollars",
        points=2, rtol=0.01, length=3,
        level="core", minutes=8,
        method_hint="Seconds = 6ND / (1,024 x 989.4e12 x 0.4); days = seconds / 86,400; GPU-hours = 1,024 x seconds / 3,600.",
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
        id="5.8", name="claimed_mfu", kind="number", title="Spot the error: '70B × 1.4T = 588e21' and 21 days",
        rtol=0.02,
        level="core", minutes=6,
        method_hint="Recompute 6 x 70e9 x 1.4e12, then divide by 2,048 x 312e12 x (21 x 86,400 s).",
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
        id="5.9", name="decode_roofline", kind="numbers", title="Decoding Llama 2 70B on H100s: which roof?",
        points=2, rtol=0.02, length=3, unit="",
        level="core", minutes=10,
        method_hint="Intensity = (2 x N x 8) / (2 x N); ridge = 989.4e12 / 3.35e12; the batch is the ridge rounded up.",
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
    Exercise(
        id="5.10", name="llama_params", kind="function", title="From scratch: parameters of a Llama-style config",
        points=3, rtol=0.0, atol=0.5, level="core", minutes=15,
        inputs=((4096, 14336, 32, 32, 8, 32000, False), (4096, 14336, 32, 32, 8, 128256, False),
                (16384, 53248, 126, 128, 8, 128256, False), (1536, 4096, 24, 12, 4, 50000, True)),
        hint="A Llama block has four attention projections, but K and V only have n_kv_heads x head_dim outputs "
             "(grouped-query attention); a gated MLP with three d_model x d_ff matrices; two RMSNorm gains and no "
             "biases. Outside the blocks: the token table, a final norm, and an output matrix unless it is tied.",
        method_hint="head_dim = hidden // heads. Per layer: 2·d·d (Q, O) + 2·d·kv·head_dim (K, V) + 3·d·d_ff + 2·d. "
                    "Total: layers × per layer + vocab·d + d, plus vocab·d when the output matrix is not tied.",
        mistakes=(
            Mistake(8_047_038_464, "You gave K and V as many heads as Q. With grouped-query attention they have "
                                   "only n_kv_heads x head_dim outputs (8 x 128 = 1,024 for Mistral 7B).", rtol=1e-9),
            Mistake(7_110_660_096, "You left out the output matrix: it is a separate vocab x d_model matrix when "
                                   "the embeddings are not tied.", rtol=1e-9),
            Mistake(5_362_683_904, "The gated MLP (SwiGLU) has three d_model x d_ff matrices (gate, up, down), "
                                   "not two.", rtol=1e-9),
            Mistake(7_241_465_856, "Close: you left out the RMSNorm gains (two per layer and a final one, d_model "
                                   "each).", rtol=1e-9),
        ),
    ),
    Exercise(
        id="5.11", name="ridge_batch", kind="function", title="Derive: the decoding batch that reaches the ridge",
        points=2, rtol=0.0, atol=0.1, level="core", minutes=10,
        inputs=((989.4, 3.35, 16), (312.0, 2.039, 8), (1979.0, 3.35, 4), (459.0, 1.6, 8)),
        hint="Write the arithmetic intensity of a decoding step with a short context as a function of the batch "
             "and of the bytes per weight, and the ridge point as a function of the chip's peak and bandwidth. "
             "Set them equal and solve for the batch; the batch is a whole number.",
        method_hint="Intensity = 2·B·N / (N·bits/8) = 16·B / bits; ridge = peak / bandwidth (convert both to the "
                    "same units). Set the two equal, solve for B and round up.",
        mistakes=(
            Mistake(591, "You counted one FLOP per weight and token; a multiply-add is 2 FLOPs, so the intensity is "
                         "2B per (bits/8) bytes.", rtol=1e-3),
            Mistake(148, "Check the bytes per weight: bits / 8, so 16 bits are 2 bytes.", rtol=1e-3),
            Mistake(295, "Round up, not down: at 295 sequences the step is still just below the ridge.", rtol=1e-3),
        ),
    ),
    Exercise(
        id="5.12", name="int4_speedup", kind="numbers", title="Derive: what INT4 weights buy a decoding step",
        points=2, rtol=0.01, length=3, unit="", level="core", minutes=12,
        hint="A memory-bound step takes (bytes read) / bandwidth. Weight-only INT4 shrinks the weights' bytes by 4 "
             "but not the bf16 KV cache, which every sequence reads once per step. The multiplies stay in bf16, so "
             "the compute roof does not move, but a step with fewer bytes becomes compute-bound sooner.",
        method_hint="(1) 2N / 0.5N. (2) (2N + KV) / (0.5N + KV) with KV = 8 × 4,096 × 327,680 bytes. "
                    "(3) ceil(ridge × 0.5 / 2) with the H100 ridge 989.4e12 / 3.35e12.",
        mistakes=(
            Mistake(4.0, "The KV cache stays in bf16 and is read by every sequence at every step: it does not shrink "
                         "with the weights, so the speed-up falls below 4."),
            Mistake(3.8876, "Each of the 8 sequences has its own 4,096-token cache: multiply the per-sequence cache "
                            "by the batch."),
            Mistake(296, "296 is the batch at which *bf16* decoding reaches the ridge. With 0.5-byte weights the "
                         "intensity is 4B FLOP/byte, so fewer sequences suffice.", rtol=1e-3),
            Mistake(148, "148 is the batch for int8 weights (1 byte); int4 weights are half a byte.", rtol=1e-3),
        ),
        extra={"names": ["speed-up at batch 8, no KV cache", "speed-up at batch 8 with 4,096-token caches",
                         "smallest batch at which int4 decoding reaches the ridge"]},
    ),
    Exercise(
        id="5.13", name="prefill_prediction", kind="choice", title="Predict, then check: INT4 weights and prefill",
        level="core", minutes=5,
        choices=(
            Choice("A", "About 4x: with a quarter of the bytes per weight, every pass over the weights is four "
                        "times shorter, prompt or not.",
                   "That holds for a memory-bound step. A 2,048-token prompt gives each weight 2,048 tokens of "
                   "work: the pass is compute-bound, and the bytes no longer set the time."),
            Choice("B", "About 1x: the prefill is compute-bound and the multiplies still run in bf16."),
            Choice("C", "About 2x, since the attention part of the prefill stays in bf16 while the rest speeds up.",
                   "Attention is a small part of the FLOPs at 2,048 tokens, and the matrix products do not speed "
                   "up either: they still run in bf16."),
            Choice("D", "Slower than bf16, because INT4 numbers cannot be fed to tensor cores at all.",
                   "Kernels de-quantise the int4 weights to bf16 on the fly and use the bf16 tensor cores; the "
                   "roofline bound is the same as in bf16."),
        ),
        hint="Compare the prefill's arithmetic intensity (a 2,048-token prompt uses each weight 2,048 times) with "
             "the H100's ridge point, and ask which roof sets the time.",
        method_hint="Intensity of the prefill ≈ 2 × 2,048 FLOPs per 2 bytes, far above 295 FLOP/byte: the time is "
                    "FLOPs / peak, and weight-only quantisation changes neither.",
    ),
    Exercise(
        id="5.14", name="node_capacity", kind="numbers", title="Analyse: serving Llama 3 on one 8 x H100 node",
        points=2, rtol=0.01, atol=0.5, length=3, unit="sequences", level="stretch", minutes=15,
        hint="Memory of the node minus the weights, divided by the KV cache of one 8,192-token sequence (2 × layers "
             "× KV heads × head dim × 2 bytes per token). If the weights do not fit, no sequence does.",
        method_hint="70B: (640e9 − 2 × 70.55e9) / (8,192 × 2 × 80 × 8 × 128 × 2). 405B: its 126 layers and "
                    "405.85e9 parameters, weights at 2 bytes (bf16) then 1 byte (fp8). Round down; never below 0.",
        mistakes=(
            Mistake(238, "The weights share the node's 640 GB: subtract them before dividing by the cache size."),
            Mistake(23, "Llama 3 uses grouped-query attention with 8 key/value heads, not 64: its cache is 8x "
                        "smaller than multi-head attention's."),
            Mistake(-40.6, "A negative count means the bf16 weights (812 GB) do not fit in 640 GB: no sequence "
                           "can be served, the answer is 0.", rtol=0.05),
        ),
        extra={"names": ["Llama 3 70B, bf16 weights", "Llama 3 405B, bf16 weights", "Llama 3 405B, fp8 weights"]},
    ),
    Exercise(
        id="5.15", name="harmful_tokens", kind="function", title="Derive: when more pre-training hurts a quantised model",
        points=2, rtol=1e-6, level="stretch", minutes=12,
        inputs=((1e9, 4, 410.7, 0.28, 0.05, 0.5, 0.4, 0.6), (7e9, 3, 410.7, 0.28, 0.02, 0.4, 0.3, 0.8),
                (1.5e8, 8, 1800.0, 0.5, 0.1, 0.6, 0.35, 0.5), (7e10, 4, 410.7, 0.28, 0.05, 0.5, 0.4, 0.6)),
        hint="Only two terms of the loss after quantisation depend on D: the data term B/D^beta, which falls, and "
             "the PTQ degradation, which rises as D^gamma_D. Their sum has a minimum in D.",
        method_hint="Write the degradation as K·D^gamma_D with K = C_T·exp(-P_post/gamma_post)/N^gamma_N, "
                    "differentiate B·D^-beta + K·D^gamma_D with respect to D, set it to zero and solve for D.",
        mistakes=(
            Mistake(22_180_081_316_525.73, "You dropped the exponents' factors: the derivative brings down beta "
                                           "from the data term and gamma_D from the degradation.", rtol=1e-4),
            Mistake(2_047_427_925.4958, "The degradation falls with the bits kept: include exp(-P_post / "
                                        "gamma_post) in K.", rtol=1e-4),
            Mistake(6199.5196, "N^gamma_N divides the degradation (bigger models degrade less), so it multiplies "
                               "D* up, not down.", rtol=1e-4),
        ),
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="5.w1", title="Critique: 'INT4 makes our model 4x faster'",
        rubric=(
            Criterion("Says where the 4x can hold: memory-bound decoding at small batch, from the bytes ratio "
                      "16/4, and backs it with a number (e.g. 4.0 at batch 8 without a KV cache).", 2),
            Criterion("Says where it fails: a bf16 KV cache dilutes it (3.3x in 4.12), and compute-bound work "
                      "(prefill, large batches) gains nothing from weight-only quantisation unless activations "
                      "are quantised and the chip has faster low-precision math (2x INT8/FP8 on A100/H100).", 2),
            Criterion("Names the quality cost: post-training quantisation adds loss that grows with the tokens "
                      "per parameter the model was trained on (Kumar et al. 2024), so it must be measured.", 1),
            Criterion("Ends with a concrete recommendation: measure tokens/s at the real batch and context, and "
                      "the loss or evals of the quantised model.", 1),
        ),
        min_words=80, max_words=250, level="core", minutes=10,
    ),
    Written(
        id="5.w2", title="Design decision: recompute activations or shard them?",
        rubric=(
            Criterion("Quantifies the problem with the per-layer activation formulas (34 + 5as/h vs 34 vs 2 bytes "
                      "per s·b·h) for the given model.", 1),
            Criterion("Prices full recomputation: one extra forward pass, 2N of the 6N FLOPs per token, so about "
                      "a third more compute.", 1),
            Criterion("Names selective recomputation (only the attention scores) as keeping most of the saving "
                      "for a small cost (Korthikanti et al. 2022).", 1),
            Criterion("Names the sharding alternative (tensor/sequence parallelism or sharded states) and its "
                      "price: communication between GPUs.", 1),
            Criterion("Makes a decision and states the condition under which it would change.", 1),
        ),
        min_words=80, max_words=250, level="stretch", minutes=12,
    ),
)
