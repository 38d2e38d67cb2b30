"""Chapter 7 exercises: Mixture-of-Experts (total vs active parameters, FLOPs, memory, routing, routed laws)."""

from __future__ import annotations

from .model import Choice, Criterion, Exercise, Mistake, Written

STEM = "07_moe"

_GIB = 2.0**30
# Mixtral 8x7B from its config (scaling_helpers.moe.count_moe_parameters): total 46,702,792,704;
# active 12,879,925,248 (input embedding included); Mistral 7B (one dense model) 7,241,732,096.
_MIX_TOTAL, _MIX_ACTIVE, _MISTRAL_7B = 46.702792704e9, 12.879925248e9, 7.241732096e9
_MIX_EMBED = 32000 * 4096
_MIX_EXPERTS_ALL, _MIX_EXPERTS_ACTIVE = 45.097156608e9, 11.274289152e9
# DeepSeek-V3: 6 x 37e9 x 14.8e12 FLOPs over 2.788M H800-hours at an assumed 989.4 TFLOP/s.
_DS_FLOPS = 6 * 37e9 * 14.8e12
_DS_SECONDS = 2.788e6 * 3600

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="7.1", name="mixtral_params", kind="numbers", title="Mixtral 8x7B: total and active parameters",
        points=2, rtol=0.005, length=2, unit="parameters",
        hint="Per layer: attention 2·d·d + 2·d·d_kv (shared), a router d·E, E experts of 3·d·d_expert each "
             "(SwiGLU), two RMSNorm gains; plus the embedding and the separate output matrix (V·d each) and a "
             "final norm. Active: the same, but only top_k = 2 experts per layer.",
        method_hint="Add the pieces per layer, multiply by 32, add the once-only terms; for the active count "
                    "replace the 8 experts by 2.",
        level="core", minutes=12,
        mistakes=(
            Mistake(56e9, "8 x 7B = 56B counts the attention layers and embeddings eight times: only the FFNs "
                          "are replicated; attention and embeddings are shared by all experts."),
            Mistake(8 * _MISTRAL_7B, "8 x 7.24B (eight whole Mistral 7B models) replicates attention and "
                                     "embeddings as well; only the FFNs are replicated."),
            Mistake(_MIX_EXPERTS_ALL, "That is the experts alone: add the shared attention (1.34B), the two "
                                      "embedding matrices (0.26B), the routers and the norms."),
            Mistake(2 * _MISTRAL_7B, "Two whole 7B models: a token does use two experts per layer, but the "
                                     "attention and embeddings it uses are counted once."),
            Mistake(_MIX_TOTAL * 2 / 8, "total x 2/8 treats attention and embeddings as if they were routed: "
                                        "they are used by every token."),
            Mistake(_MIX_ACTIVE - _MIX_EMBED, "That leaves out the input-embedding table (DeepSeek's convention). "
                                              "The question counts it, as Mistral's published active count does."),
            Mistake(_MIX_EXPERTS_ACTIVE, "That is only the two active experts per layer: add attention, "
                                         "embeddings, routers and norms, which every token uses."),
        ),
        extra={"names": ["total", "active"]},
    ),
    Exercise(
        id="7.2", name="moe_params", kind="function", title="Total and active parameters of any MoE config",
        points=2, rtol=1e-6, atol=0.5,
        inputs=(
            (32, 4096, 1024, 14336, 8, 2, 32000),       # Mixtral 8x7B
            (56, 6144, 1024, 16384, 8, 2, 32768),       # Mixtral 8x22B
            (40, 6144, 1024, 10752, 16, 4, 100352),     # DBRX
            (16, 2048, 2048, 1024, 64, 8, 50304),       # OLMoE-1B-7B
            (2, 64, 16, 32, 4, 1, 100),                 # a toy model
            (4, 256, 64, 512, 4, 4, 1000),              # every expert active: total == active
        ),
        hint="Shared by every token, per layer: W_q and W_o (d x d), W_k and W_v (d x d_kv), the router "
             "(d x n_experts) and two norm gains (2d); once: input and output embeddings (2·V·d) and a final "
             "norm (d). Experts: 3·d·d_expert each, n_experts of them in the total, top_k in the active count.",
        method_hint="Write shared = n_layers·(per-layer shared) + 2·V·d + d and expert = 3·d·d_expert; return "
                    "shared + n_layers·n_experts·expert and shared + n_layers·top_k·expert.",
        level="core", minutes=15,
        extra={"names": ["total", "active"]},
    ),
    Exercise(
        id="7.3", name="deepseek_compute", kind="numbers", title="DeepSeek-V3: training FLOPs and implied MFU",
        points=2, rtol=0.02, length=2,
        hint="C = 6·N·D with N = the 37B *activated* parameters and D = 14.8T tokens. MFU = C / (GPU-hours x "
             "3600 s x peak), with the 2.788M GPU-hours and a dense BF16 peak of 989.4 TFLOP/s.",
        method_hint="Multiply 6 x 37e9 x 14.8e12; divide by 2.788e6 x 3600 x 989.4e12.",
        level="core", minutes=8,
        mistakes=(
            Mistake(6 * 671e9 * 14.8e12, "6 x 671B x 14.8T uses the total parameters; each token only passes "
                                         "through the 37B activated ones (FLOPs follow active parameters)."),
            Mistake(6 * 671e9 * 14.8e12 / (_DS_SECONDS * 989.4e12),
                    "An MFU of 6 (600%) is impossible: you used the 671B total parameters; FLOPs follow the 37B "
                    "activated ones."),
            Mistake(2 * 37e9 * 14.8e12, "2·N·D is the forward pass only; training adds the backward pass: 6·N·D."),
            Mistake(2 * 37e9 * 14.8e12 / (_DS_SECONDS * 989.4e12), "That MFU uses 2·N·D (forward only); "
                                                                   "training costs 6·N·D."),
            Mistake(_DS_FLOPS / (_DS_SECONDS * 1979e12), "1,979 TFLOP/s is the 2:4-sparsity (or FP8) figure; the "
                                                         "question uses the dense BF16 peak, 989.4 TFLOP/s."),
            Mistake(_DS_FLOPS / (2.788e6 * 989.4e12), "GPU-hours must be converted to seconds (x 3600) before "
                                                      "dividing FLOPs by FLOP/s."),
            Mistake(_DS_FLOPS / (2.664e6 * 3600 * 989.4e12), "2.664M hours is pre-training only; the question "
                                                             "uses all 2.788M GPU-hours.", rtol=0.005),
        ),
        extra={"names": ["training FLOPs", "MFU (fraction)"]},
    ),
    Exercise(
        id="7.4", name="mixtral_memory_gb", kind="numbers", title="Memory: all experts are resident",
        rtol=0.02, length=2, unit="GB",
        hint="Every expert must be in memory because any token may be routed to any expert: bytes = total "
             "parameters x 2 (bf16). A dense model with Mixtral's FLOPs per token has only the active "
             "parameters. GB = 1e9 bytes.",
        method_hint="Total and active counts from 6.1 (or your 6.2 function), times 2 bytes, divided by 1e9.",
        level="core", minutes=6,
        mistakes=(
            Mistake(2 * _MIX_ACTIVE / 1e9, "Only the active experts in memory? Every expert must be resident: "
                                           "the next token may be routed to any of them."),
            Mistake(2 * _MIX_TOTAL / _GIB, "That is in GiB (2^30 bytes); the question uses GB = 1e9 bytes."),
            Mistake(2 * _MIX_ACTIVE / _GIB, "That is in GiB (2^30 bytes); the question uses GB = 1e9 bytes."),
            Mistake(4 * _MIX_TOTAL / 1e9, "4 bytes per parameter is fp32; bf16 takes 2."),
            Mistake(2 * 56e9 / 1e9, "56B = 8 x 7B double-counts attention and embeddings; use the 46.7B total."),
        ),
        extra={"names": ["Mixtral 8x7B weights (GB)", "dense model with 12.9B parameters (GB)"]},
    ),
    Exercise(
        id="7.5", name="router_numbers", kind="numbers", title="Router arithmetic: capacity and dropped tokens",
        points=2, rtol=1e-3, atol=0.5, length=3,
        hint="T tokens routed top-k over E experts make T·k assignments: T·k/E per expert on average. Capacity "
             "= capacity factor x T·k/E. Assignments above an expert's capacity are dropped.",
        method_hint="mean = 4096·2/8; capacity = 1.25·mean; dropped = sum over experts of max(0, load - capacity).",
        level="core", minutes=10,
        mistakes=(
            Mistake(512, "4,096/8 = 512 forgets top_k = 2: each token makes two assignments."),
            Mistake(640, "Capacity 1.25 x 512 forgets top_k: each token makes top_k = 2 assignments, so the "
                          "balanced load is T·k/E before the factor."),
            Mistake(1024, "That is the balanced load T·k/E; the capacity multiplies it by the capacity factor 1.25.",
                    rtol=1e-3),
            Mistake(3072, "3,072 is what a capacity of 640 (top_k forgotten) would drop."),
            Mistake(828, "828 is what a capacity without the capacity factor would drop: multiply the balanced load "
                          "by 1.25 first."),
            Mistake(240 / 8192, "That is the dropped *fraction*; give the number of dropped assignments.",
                    rtol=0.02),
        ),
        extra={"names": ["mean assignments per expert", "capacity per expert", "dropped assignments"]},
    ),
    Exercise(
        id="7.6", name="geomean_answer", kind="choice",
        title="Spot the error: 'effective parameters = sqrt(total x active)'",
        choices=(
            Choice("A", "Nothing is wrong: Clark et al. (2022) showed that an MoE's effective size is the "
                        "geometric mean of its total and active counts.",
                   "Clark et al. define an effective parameter count, but it comes from a fitted law: it "
                   "depends on the base size N, on the number of experts through a saturating transform, "
                   "on the routing method and on the 130B-token budget, and it shrinks to N itself near "
                   "1e12 parameters."),
            Choice("B", "It is a rule of thumb, not a fitted law: Clark et al.'s fitted gain shrinks with "
                        "base size and saturates in expert count."),
            Choice("C", "The arithmetic is wrong: sqrt(671e9 x 37e9) is 1.6e10, not 1.6e11, so the "
                        "effective size is ten times too large.",
                   "The arithmetic is right: sqrt(671e9 x 37e9) = 1.58e11. The problem is the claim, not "
                   "the calculation."),
            Choice("D", "It should be the arithmetic mean (total + active)/2, which gives the many idle "
                        "experts their proper weight.",
                   "Swapping one unfitted average for another does not help; the arithmetic mean is even "
                   "further from any fitted law (354B for DeepSeek-V3)."),
        ),
        hint="Compare Clark et al.'s effective-size multiplier N̄/N at several base sizes N (fixed number of "
             "experts) with sqrt(total/active), which does not depend on N.",
        method_hint="Eliminate the options that get the arithmetic wrong or swap one unfitted average for "
                    "another.",
        level="core", minutes=5,
    ),
    Exercise(
        id="7.7", name="clark_effective", kind="numbers", title="Clark et al.: effective size, and where routing "
                                                              "halves its value", points=2,
        rtol=0.03, length=2, unit="parameters",
        hint="Solve L(N̄, E=1) = L(N, E) with log10 L = a·log10 N + b·log10 Ê + c·log10 N·log10 Ê + d, where "
             "Ê(1) = E_start: set the two losses equal and solve for log10 N̄. Logs are base 10. For the second "
             "number, find the N at which N̄/N = 2 (E = 64).",
        method_hint="log10 N̄ is linear in log10 N (the law's slope at Ê and at E_start); solve "
                    "log10 N̄ - log10 N = log10 2 for log10 N, or find the root numerically "
                    "(scipy.optimize.brentq on log10 N).",
        level="stretch", minutes=15,
        mistakes=(
            Mistake(6.557e8, "That is the geometric-mean heuristic sqrt(total x active), not the law."),
            Mistake(7.83e6, "Clark et al.'s logarithms are base 10; natural logs give a meaningless value."),
            Mistake(5.751e8, "The dense model sits at Ê(1) = E_start = 1.847, not at Ê = 1: use α(E_start) and "
                             "log10(Ê/E_start)."),
            Mistake(4.970e8, "Use the saturating Ê(64) = 53.8, not E = 64 itself."),
            Mistake(6.208e8, "Use Ê(64) = 53.8 rather than 64, and put the dense model at Ê(1) = E_start."),
            Mistake(1e12, "That is the cutoff, where the multiplier reaches 1 (routing stops helping); the "
                          "question asks where it is 2.", rtol=0.05),
        ),
        extra={"names": ["effective size at N = 1e8", "N where N̄/N = 2"]},
    ),
    Exercise(
        id="7.8", name="laws_answer", kind="choice", title="Clark vs Krajewski: does the MoE advantage vanish?",
        choices=(
            Choice("A", "Clark et al. are simply wrong: Krajewski et al. used more compute and better "
                        "routers, which settles the question.",
                   "Both fits describe their own data well; the difference is in what was held fixed."),
            Choice("B", "Routing helps only small models, so both papers agree that dense models win "
                        "beyond about 1e12 parameters.",
                   "Krajewski et al. find the opposite at compute-optimal settings: the gap to dense "
                   "widens with compute. Clark's cutoff is a property of the fixed-token, G = 1 setting."),
            Choice("C", "The two papers measure loss in different units (data and tokenizer), which "
                        "explains the whole disagreement.",
                   "Units differ (data, tokenizer) and forbid comparing values, but the disagreement is "
                   "about shapes: whether the MoE curve meets the dense one."),
            Choice("D", "Clark et al. fixed 130B tokens and the expert size; with both tuned to the "
                        "budget, MoE's lead grows (Krajewski)."),
        ),
        hint="Read the two papers' setups: which quantities did each keep fixed while scaling?",
        method_hint="Eliminate the options that declare one paper wrong or explain a difference in shape by a "
                    "difference in units.",
        level="core", minutes=5,
    ),
    Exercise(
        id="7.9", name="ratio_derive", kind="numbers", title="Derive: memory per FLOP as a function of E and k",
        points=2, rtol=0.01, length=3,
        hint="Split the parameters into S, used by every token (attention, embeddings, norms, routers), and P "
             "per expert (summed over the layers). Then total = S + E·P and active = S + k·P, and the memory per "
             "FLOP ratio is their quotient.",
        method_hint="Take S and P from Mixtral's configuration (6.1); evaluate (S + E·P)/(S + k·P) and solve "
                    "(S + E·P) = 10·(S + 2P) for E.",
        level="core", minutes=15,
        mistakes=(
            Mistake(4.0, "E/k = 8/2 ignores the shared parameters S that every token uses: the ratio is "
                         "(S + E·P)/(S + k·P).", rtol=0.005),
            Mistake(20.0, "10·k = 20 ignores the shared parameters S: solve (S + E·P) = 10·(S + 2P).", rtol=0.005),
            Mistake(8.0, "E/k = 8/1 ignores the shared parameters S that every token uses.", rtol=0.005),
            Mistake(1.5398, "You mixed one layer's expert size with the whole model's shared parameters: sum P "
                            "over the 32 layers.", rtol=0.005),
        ),
        extra={"names": ["ratio at E = 8, k = 2", "E for a ratio of 10 at k = 2", "ratio at E = 8, k = 1"]},
    ),
    Exercise(
        id="7.10", name="expert_predict", kind="choice", title="Predict, then check: twice the experts",
        choices=(
            Choice("A", "Forward FLOPs per token stay the same to within 0.1%; memory nearly doubles."),
            Choice("B", "Both FLOPs per token and memory roughly double, since the model is twice as large.",
                   "FLOPs follow the active parameters, and a token still visits top_k = 2 experts."),
            Choice("C", "FLOPs per token halve: each expert now handles half as many tokens.",
                   "Per token, the work is that of the 2 experts it visits plus the shared layers; how the "
                   "tokens spread over experts does not change it."),
            Choice("D", "Memory stays the same and FLOPs per token double, because the router does twice the "
                        "work.",
                   "The router is a d x E matrix: doubling E adds about one million parameters, while every "
                   "added expert must be stored."),
        ),
        hint="Commit before computing: which parameters does one token use, and which must be stored?",
        method_hint="Count active and total parameters for 8 and for 16 experts (same width, top-2) and compare.",
        level="core", minutes=5,
    ),
    Exercise(
        id="7.11", name="configs_ratio", kind="numbers", title="Analyse five published MoE configurations",
        points=2, rtol=0.01, length=3,
        hint="For each released configuration count total and active parameters exactly and form total/active "
             "(memory per unit of per-token compute).",
        method_hint="Loop over the configurations, collect the ratios in an array, and take max, median and "
                    "max/median.",
        level="core", minutes=12,
        mistakes=(
            Mistake(671 / 37, "671/37 uses the rounded announced counts; count the configuration exactly.",
                    rtol=0.004),
            Mistake(3.626, "That is the median; the first number is the largest ratio.", rtol=0.002),
            Mistake(1 / 17.869, "That is active/total; the question asks for total/active.", rtol=0.01),
        ),
        extra={"names": ["largest total/active", "median total/active", "largest / median"]},
    ),
)

WRITTEN: tuple[Written, ...] = (
    Written(
        id="7.w1", title="Judge: which released MoE would you serve on one 8 x 80 GB node?",
        rubric=(
            Criterion("computes the bf16 weight memory of the candidates from total parameters and compares it "
                      "with 640 GB (DeepSeek-V3 does not fit in bf16; the others do)", 2),
            Criterion("uses active parameters for the per-token compute and says what that buys (decode cost "
                      "of a ~13-39B dense model)", 2),
            Criterion("uses the total/active ratios of 6.11 to say which design trades memory for compute most "
                      "aggressively, and what that means for serving", 1),
            Criterion("names a cost the counts leave out (KV cache, batch size needed to keep every expert busy, "
                      "expert-parallel communication) and reaches a clear choice", 1),
        ),
        min_words=100, max_words=250, level="core", minutes=15,
    ),
    Written(
        id="7.w2", title="Critique: 'an MoE gives you a 671B model for the price of 37B'",
        rubric=(
            Criterion("what is right: training and forward FLOPs follow the 37B active parameters (6·N_active·D, "
                      "2·N_active per token)", 2),
            Criterion("what is wrong: memory follows the 671B total; serving needs all experts resident", 2),
            Criterion("quality: 'a 671B model' is not a dense 671B model; no fitted law makes it equivalent, and "
                      "the geometric-mean heuristic is not one (Clark et al.'s gain depends on N and saturates "
                      "in E)", 2),
        ),
        min_words=80, max_words=220, level="stretch", minutes=12,
    ),
)
