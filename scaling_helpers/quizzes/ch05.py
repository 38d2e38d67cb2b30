"""Quick checks of lecture 4: counting compute, memory and utilisation."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "5.a", "An H100 is advertised at about 989 TFLOPS (dense bf16). What is that number?",
        answer=3, options=(
            Option("An amount of work: the FLOPs it can do in total",
                   "No: work is FLOPs; the datasheet's 'S' means 'per second'."),
            Option("The number of parameters it can hold", "That is a memory question (80 GB of HBM), not FLOP/s."),
            Option("The FLOPs needed to train a model on it",
                   "That depends on the model and the data (6ND), not on the chip."),
            Option("A speed: floating-point operations per second",
                   "Yes: 989e12 FLOP/s. Divide a job's FLOPs by it (and by the utilisation) to get seconds."),
        ),
    ),
    QuickCheck(
        "5.b", "Why does training cost about 6N FLOPs per token while generating a token costs about 2N?",
        answer=2, options=(
            Option("Training runs in fp32 arithmetic, while inference runs in bf16",
                   "Precision changes the speed per FLOP, not the number of FLOPs."),
            Option("Adam's weight update adds about 4N FLOPs for every token",
                   "The optimizer update is O(N) per step, shared by the millions of tokens in a batch: "
                   "negligible per token."),
            Option("The backward pass computes two gradients, each costing 2N",
                   "Yes: 2N forward + 2N (gradient w.r.t. activations) + 2N (gradient w.r.t. weights) = 6N."),
            Option("Training sequences are about three times longer than prompts",
                   "Both counts are per token; the sequence length only enters the attention term."),
        ),
    ),
    QuickCheck(
        "5.c", "A model with d_model = 8192 (standard MLP, full attention count) is trained with 8,192-token "
               "sequences. What dominates its layer FLOPs?",
        answer=1, options=(
            Option("Attention's n_ctx^2 part, since 8192^2 is huge",
                   "Compare per token: 4 n_ctx d against 16 d^2. n_ctx = d_model gives a ratio of 1/4, not more."),
            Option("The MLP: the n_ctx^2 part is a quarter of it",
                   "Yes: the crossover is at 4 x 8192 = 32,768 tokens; at 8,192 the context part is "
                   "8192/32768 = 1/4 of the MLP."),
            Option("Attention and MLP cost about the same", "Equality needs n_ctx = 4 d_model = 32,768 tokens."),
            Option("The embeddings, since the vocabulary is large",
                   "Embeddings are outside the layers and tiny for a model this wide."),
        ),
    ),
    QuickCheck(
        "5.d", "A run reaches 200 TFLOP/s per A100. What is its MFU?",
        answer=0, options=(
            Option("0.64 (200 / 312)", "Yes: 200e12 / 312e12 = 0.64 (very good; typical large runs are at "
                                       "0.35-0.45)."),
            Option("0.32 (200 / 624)", "624 TFLOP/s is the A100's 2:4-sparsity figure; MFU is measured against "
                                       "the dense peak, 312."),
            Option("64", "As a fraction, please: 0.64. Functions in scaling_helpers reject 64 with a hint to divide "
                         "by 100."),
            Option("It cannot be computed without the model size",
                   "The achieved model FLOP/s already contains the model size; MFU is achieved / peak."),
        ),
    ),
    QuickCheck(
        "5.e", "A slide says: '70B params x 1.4T tokens = 588e21 FLOPs'. What is wrong?",
        answer=1, options=(
            Option("Nothing: 70e9 x 1.4e12 is indeed 5.88e23 FLOPs", "Multiply again: 70e9 x 1.4e12 = 9.8e22."),
            Option("The formula lacks the 6: N x D is only 9.8e22",
                   "Yes: 5.88e23 is 6ND, right for training compute; the formula as written is not."),
            Option("It should be 2ND = 1.96e23, the forward cost", "2ND is the forward pass only; training costs 6ND."),
            Option("The unit is wrong: FLOPs should read FLOP/s", "Total work is in FLOPs; FLOP/s is the speed of a "
                                                             "chip."),
        ),
    ),
    QuickCheck(
        "5.f", "A 70B model in bf16 decodes at batch 8 on an H100 (ridge point about 295 FLOP/byte). What "
               "limits the speed of a decoding step?",
        answer=2, options=(
            Option("Compute: 2N FLOPs per token is a very large number",
                   "The FLOPs are large, but each weight read brings only 2 x 8 FLOPs per 2 bytes: 8 FLOP/byte."),
            Option("Neither: the step runs at the dense bf16 peak",
                   "Only at or above the ridge point; at 8 FLOP/byte it reaches at most 8/295 of the peak."),
            Option("Memory bandwidth: intensity 8 is far below the ridge",
                   "Yes: every weight is read once per step and used by only 8 tokens. About 296 sequences "
                   "per step would reach the ridge."),
            Option("The KV cache, which always dominates decoding",
                   "At short contexts the weights dominate the bytes; the KV cache matters at long contexts."),
        ),
    ),
    QuickCheck(
        "5.g", "GPT-3 175B is trained with 2,048-token sequences. Which choice stores the least activation "
               "memory per layer?",
        answer=3, options=(
            Option("No recomputation, keeping all 34 + 5as/h values",
                   "That keeps everything: 114 sbh bytes per layer, 2.9 GB at micro-batch 1."),
            Option("Selective recomputation of the attention scores",
                   "It drops the 5as/h part (34 sbh bytes, 0.86 GB per layer), but full recomputation keeps less."),
            Option("Halving the batch but storing every activation",
                   "Halving the micro-batch halves everything (57 sbh per original sbh): still far above 2 sbh."),
            Option("Full recomputation, keeping each layer's input",
                   "Yes: 2 sbh bytes (50 MB per layer), at the price of one extra forward pass."),
        ),
    ),
    QuickCheck(
        "5.h", "Two copies of one model size: one trained on 20 tokens per parameter, one on 2,000. Both are "
               "quantised to 4-bit weights after training. Per Kumar et al. (2024), which loses more loss?",
        answer=2, options=(
            Option("The 20-token model, since it is undertrained and fragile",
                   "The reverse: the post-training-quantisation degradation grows with the tokens seen."),
            Option("Both the same: the loss added depends only on the bits kept",
                   "It depends on the bits, but also on D and N: more data per parameter, more degradation."),
            Option("The 2,000-token model: the degradation grows with the data",
                   "Yes: delta_PTQ grows as a power of D and falls with N, so over-trained models quantise worst, "
                   "and past some D more pre-training makes the quantised model worse."),
            Option("Neither: quantising weights to 4 bits is lossless",
                   "It is not: Kumar et al. measure and model a loss increase that grows with the training data."),
        ),
    ),
)
