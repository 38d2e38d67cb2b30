"""Quick checks of lecture 6: mixture-of-experts models."""

from __future__ import annotations

from .model import Option, QuickCheck

QUIZZES: tuple[QuickCheck, ...] = (
    QuickCheck(
        "7.a", "Mixtral 8x7B has 8 experts of Mistral 7B's FFN shape. Which parts are stored only once?",
        answer=3, options=(
            Option("Only the embeddings; each expert has its own attention",
                   "Attention is shared too (1.34B parameters in Mixtral): that is most of the 56B - 46.7B gap."),
            Option("Nothing: it is eight full 7B models side by side",
                   "That would be 58B. The 46.7B total shows attention and embeddings are stored once."),
            Option("Only the router, which all eight experts consult",
                   "The router is small (32 x 4096 x 8 = 1M parameters) and is not replicated, but attention, "
                   "embeddings and norms are stored once too."),
            Option("All but the FFNs: attention, embeddings, norms",
                   "Yes: only the FFNs are replicated. 8 x 5.64B of experts + 1.6B shared = 46.7B."),
        ),
    ),
    QuickCheck(
        "7.b", "An MoE has 13B active and 47B total parameters. You serve it in bf16. Roughly how much GPU memory "
               "do its weights need?",
        answer=2, options=(
            Option("26 GB: only the active experts are loaded",
                   "The router picks experts per token, so within one batch every expert is needed: all of them "
                   "stay in memory."),
            Option("112 GB: 8 x 7B x 2 bytes",
                   "That double-counts the shared attention and embeddings: the total is 47B, not 56B."),
            Option("94 GB: every expert must be resident",
                   "Yes: 47B x 2 bytes. The FLOPs are those of a 13B model, the memory that of a 47B one."),
            Option("13 GB: one byte per active parameter",
                   "bf16 takes 2 bytes per parameter, and all parameters must be resident."),
        ),
    ),
    QuickCheck(
        "7.c", "Someone computes DeepSeek-V3's training compute as 6 x 671B x 14.8T. What does the implied MFU "
               "come out as?",
        answer=1, options=(
            Option("About 33%, a typical large-run MFU",
                   "That is the MFU with the 37B active parameters, the right count; 671B gives a much larger "
                   "value."),
            Option("About 600%: the FLOP count must be wrong",
                   "Yes: 5.96e25 FLOPs in 2.788M GPU-hours would need 6x the chip's peak. FLOPs follow the "
                   "active parameters."),
            Option("About 3%, because MoE routing wastes compute",
                   "Using more FLOPs makes the implied MFU larger, not smaller."),
            Option("It cannot be computed without the router's cost",
                   "It can: MFU = FLOPs / (GPU-hours x 3600 x peak). A value above 1 is a sign of a wrong "
                   "input."),
        ),
    ),
    QuickCheck(
        "7.d", "Under Clark et al.'s law, what happens to the effective-size gain of 64 experts as the base model "
               "grows from 1e8 to 1e11 parameters?",
        answer=0, options=(
            Option("It shrinks (from about 4.6x to about 1.5x)",
                   "Yes: c > 0 makes the benefit of experts shrink with N, until it vanishes near 1e12 (at 130B "
                   "tokens)."),
            Option("It stays the same, as sqrt(total/active) does",
                   "That is the heuristic's prediction; the fitted law has c > 0, so the gain depends on N."),
            Option("It grows, because bigger models use experts better",
                   "Clark et al. find the opposite at a fixed token budget (Krajewski et al. find a growing "
                   "advantage only when tokens and granularity are re-optimised)."),
            Option("It is always exactly 8x = sqrt(64)",
                   "sqrt(64) is not in the law at all; the experts enter through the saturating transform Ê."),
        ),
    ),
)
