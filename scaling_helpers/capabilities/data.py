"""The chapter's two data sets, each row with its source.

1. :data:`GADRE_RUNS`: the 35 RedPajama runs of Gadre et al. (2024, arXiv:2403.08540), from the authors'
   released data (repository ``mlfoundations/scaling`` at commit a003c4913793ac2ae7ef87b28ecb562955d026d5):
   parameters and tokens from ``exp_data/models/rpj-*.json`` (``hyperparameters``), the C4 validation loss
   (the ``c4_val`` entry of ``results``), and from ``exp_data/evals/evaluation_rpj-*_heavy.json`` the accuracies
   on ARC-Easy, ARC-Challenge, HellaSwag (10-shot) and MMLU (5-shot) and the average top-1 error over the
   paper's 17-task subset (``SUBSET`` in ``scaling/constants.py``; error = 1 - accuracy, averaged as in
   ``scaling/shared.py``). Values rounded to 5 decimals.
2. :data:`BENCHMARK_TABLE`: 12 base models x 8 benchmark groups, all from **one** table, Touvron et al.
   (2023), "Llama 2: Open Foundation and Fine-Tuned Chat Models", arXiv:2307.09288, **Table 3** ("Overall
   performance on grouped academic benchmarks compared to open-source base models"), so every model was evaluated
   by the same team with the same prompts. Code, Commonsense, World knowledge, Reading comprehension and Math are
   each the average of several benchmarks as listed in the paper's Sec. 2.3; MMLU is 5-shot, BBH 3-shot, AGI Eval
   the average of its English tasks (3-5 shot), as the text next to the table states. Scores in %.
   Training tokens: Llama 1 from Touvron et al. 2023 (arXiv:2302.13971) Table 2; Llama 2 from arXiv:2307.09288
   Table 1; MPT from the MosaicML model cards (huggingface.co/mosaicml/mpt-7b, mpt-30b: "pretrained from scratch
   on 1T tokens"); Falcon from the TII model cards (huggingface.co/tiiuae/falcon-7b: 1,500B tokens; falcon-40b:
   "trained on 1,000B tokens of RefinedWeb"). Parameter counts are the nominal sizes in the model names, so
   ``C = 6ND`` is approximate (within a few percent). Eleven of the twelve models were released; Llama 2 34B was
   evaluated in the paper but its weights were not released.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GadreRun", "GADRE_RUNS", "GADRE_SOURCE", "BenchmarkRow", "BENCHMARK_TABLE", "BENCHMARKS",
           "LLAMA2_TABLE3"]

GADRE_SOURCE = ("Gadre et al. 2024, arXiv:2403.08540; released data, mlfoundations/scaling @ a003c49 "
                "(exp_data/models, exp_data/evals)")
LLAMA2_TABLE3 = "Touvron et al. 2023, Llama 2, arXiv:2307.09288, Table 3"
_LLAMA1_T2 = "Touvron et al. 2023, LLaMA, arXiv:2302.13971, Table 2"
_LLAMA2_T1 = "Touvron et al. 2023, Llama 2, arXiv:2307.09288, Table 1"


@dataclass(frozen=True)
class GadreRun:
    """One training run of Gadre et al.'s RedPajama test bed (see the module docstring for the source)."""

    run: str
    """Run name without the ``rpj-`` prefix: ``<architecture>-<multiple of 20 tokens/param>``."""
    params: int
    tokens: int
    multiplier: float
    """Tokens per parameter ``M = D/N``."""
    c4_loss: float
    """Validation loss on C4 (nats per token)."""
    err_17: float
    """Average top-1 error over the 17-task subset."""
    arc_easy: float
    arc_challenge: float
    hellaswag: float
    mmlu: float

    @property
    def compute(self) -> float:
        """Training FLOPs ``6 N D`` (as the authors compute them)."""
        return 6.0 * self.params * self.tokens


#: The 35 RedPajama runs (sorted by size, then tokens).
GADRE_RUNS: tuple[GadreRun, ...] = (
    GadreRun("d=96_l=8_h=4-0.25", 10569312, 52846560, 5, 6.12388, 0.81867, 0.25758, 0.22099, 0.24666, 0.23117),
    GadreRun("d=96_l=8_h=4-0.5", 10569312, 105693120, 10, 5.72323, 0.81462, 0.25715, 0.21672, 0.24547, 0.23117),
    GadreRun("d=96_l=8_h=4-1.0", 10569312, 211386240, 20, 5.38702, 0.81349, 0.26052, 0.20051, 0.24079, 0.23117),
    GadreRun("d=96_l=8_h=4-2.0", 10569312, 422772480, 40, 5.10784, 0.81773, 0.27525, 0.20819, 0.2388, 0.23172),
    GadreRun("d=96_l=8_h=4-4.0", 10569312, 845544960, 80, 4.82312, 0.81119, 0.26641, 0.19539, 0.25015, 0.23322),
    GadreRun("d=96_l=8_h=4-8.0", 10569312, 1691089920, 160, 4.6705, 0.78594, 0.27399, 0.21075, 0.24686, 0.23304),
    GadreRun("d=96_l=8_h=4-16.0", 10569312, 3382179840, 320, 4.57229, 0.7671, 0.28704, 0.22014, 0.25015, 0.23528),
    GadreRun("d=96_l=8_h=4-32.0", 10569312, 6764359680, 640, 4.4921, 0.77124, 0.2904, 0.21928, 0.25413, 0.23772),
    GadreRun("d=512_l=8_h=4-0.25", 78914048, 394570240, 5, 5.03877, 0.8124, 0.26473, 0.21587, 0.24338, 0.23291),
    GadreRun("d=512_l=8_h=4-0.5", 78914048, 789140480, 10, 4.16431, 0.73134, 0.29798, 0.21843, 0.25284, 0.23848),
    GadreRun("d=512_l=8_h=4-1.0", 78914048, 1578280960, 20, 3.89994, 0.72505, 0.32113, 0.22611, 0.26021, 0.2408),
    GadreRun("d=512_l=8_h=4-2.0", 78914048, 3156561920, 40, 3.74415, 0.70253, 0.32828, 0.22782, 0.26419, 0.24383),
    GadreRun("d=512_l=8_h=4-4.0", 78914048, 6313123840, 80, 3.63448, 0.699, 0.35396, 0.21758, 0.26897, 0.23739),
    GadreRun("d=512_l=8_h=4-8.0", 78914048, 12626247680, 160, 3.55251, 0.68178, 0.37163, 0.19966, 0.27265, 0.24068),
    GadreRun("d=512_l=8_h=4-16.0", 78914048, 25252495360, 320, 3.48952, 0.66809, 0.37921, 0.21502, 0.27614, 0.23942),
    GadreRun("d=512_l=8_h=4-32.0", 78914048, 50504990720, 640, 3.42538, 0.66339, 0.37963, 0.21928, 0.28251, 0.24471),
    GadreRun("d=576_l=24_h=8-0.25", 153677376, 768386880, 5, 4.07896, 0.74669, 0.29335, 0.22526, 0.25523, 0.23764),
    GadreRun("d=576_l=24_h=8-0.5", 153677376, 1536773760, 10, 3.73291, 0.69425, 0.32955, 0.20478, 0.2623, 0.24353),
    GadreRun("d=576_l=24_h=8-1.0", 153677376, 3073547520, 20, 3.53115, 0.67101, 0.36574, 0.20051, 0.26927, 0.24279),
    GadreRun("d=576_l=24_h=8-2.0", 153677376, 6147095040, 40, 3.40096, 0.66396, 0.36953, 0.21843, 0.28401, 0.24244),
    GadreRun("d=576_l=24_h=8-4.0", 153677376, 12294190080, 80, 3.31385, 0.65135, 0.3851, 0.22611, 0.29267, 0.23969),
    GadreRun("d=576_l=24_h=8-8.0", 153677376, 24588380160, 160, 3.23886, 0.63858, 0.4053, 0.23635, 0.30781, 0.24091),
    GadreRun("d=576_l=24_h=8-16.0", 153677376, 49176760320, 320, 3.16811, 0.62959, 0.43434, 0.22184, 0.31538, 0.24026),
    GadreRun("d=576_l=24_h=8-32.0", 153677376, 98353520640, 640, 3.1051, 0.61532, 0.43855, 0.23891, 0.32902, 0.24138),
    GadreRun("d=1024_l=24_h=8-0.25", 411616256, 2058081280, 5, 3.64517, 0.68058, 0.34343, 0.20904, 0.27405, 0.23879),
    GadreRun("d=1024_l=24_h=8-0.5", 411616256, 4116162560, 10, 3.27377, 0.65967, 0.40951, 0.21672, 0.30034, 0.24098),
    GadreRun("d=1024_l=24_h=8-1.0", 411616256, 8232325120, 20, 3.14977, 0.63655, 0.43771, 0.23294, 0.31687, 0.24075),
    GadreRun("d=1024_l=24_h=8-2.0", 411616256, 16464650240, 40, 3.04835, 0.61326, 0.45244, 0.23976, 0.34535, 0.24015),
    GadreRun("d=1024_l=24_h=8-4.0", 411616256, 32929300480, 80, 2.97394, 0.60806, 0.4638, 0.25512, 0.36487, 0.23482),
    GadreRun("d=1024_l=24_h=8-8.0", 411616256, 65858600960, 160, 2.90877, 0.59025, 0.49158, 0.26451, 0.38857, 0.24594),
    GadreRun("d=1024_l=24_h=8-16.0", 411616256, 131717201920, 320, 2.80352, 0.54906, 0.53367, 0.25768, 0.44005, 0.24224),
    GadreRun("d=1024_l=24_h=8-32.0", 411616256, 263434403840, 640, 2.76816, 0.54007, 0.55135, 0.26706, 0.46166, 0.23622),
    GadreRun("open_lm_1b-1.0", 1439795200, 28795904000, 20, 2.76876, 0.54733, 0.5484, 0.27901, 0.45389, 0.25146),
    GadreRun("open_lm_1b-32.0", 1439795200, 921468928000, 640, 2.50205, 0.47522, 0.66793, 0.36348, 0.63503, 0.24146),
    GadreRun("open_lm_7b-1.0", 6889410560, 137788211200, 20, 2.42499, 0.47164, 0.68098, 0.37372, 0.65226, 0.25459),
)

#: Benchmark groups of Llama 2's Table 3, in the table's column order.
BENCHMARKS: tuple[str, ...] = ("Code", "Commonsense", "World knowledge", "Reading comprehension", "Math", "MMLU",
                               "BBH", "AGI Eval")


@dataclass(frozen=True)
class BenchmarkRow:
    """One released base model: Table 3 scores (%) and its training size, each with its source."""

    model: str
    family: str
    params: float
    tokens: float
    scores: tuple[float, ...]
    """One score per entry of :data:`BENCHMARKS` (%)."""
    score_source: str
    size_source: str

    @property
    def compute(self) -> float:
        """Approximate training FLOPs ``6 N D``."""
        return 6.0 * self.params * self.tokens


def _row(model: str, family: str, n: float, d: float, scores: tuple[float, ...], size_source: str) -> BenchmarkRow:
    return BenchmarkRow(model, family, n, d, scores, LLAMA2_TABLE3, size_source)


_MPT = "MosaicML model card (huggingface.co/mosaicml/{}): 1T tokens"
_FALCON = "TII model card (huggingface.co/tiiuae/{}): {} tokens"

#: 12 models x 8 benchmark groups from Llama 2's Table 3 (arXiv:2307.09288), with training sizes.
BENCHMARK_TABLE: tuple[BenchmarkRow, ...] = (
    _row("MPT 7B", "MPT", 7e9, 1.0e12, (20.5, 57.4, 41.0, 57.5, 4.9, 26.8, 31.0, 23.5), _MPT.format("mpt-7b")),
    _row("MPT 30B", "MPT", 30e9, 1.0e12, (28.9, 64.9, 50.0, 64.7, 9.1, 46.9, 38.0, 33.8), _MPT.format("mpt-30b")),
    _row("Falcon 7B", "Falcon", 7e9, 1.5e12, (5.6, 56.1, 42.8, 36.0, 4.6, 26.2, 28.0, 21.2),
         _FALCON.format("falcon-7b", "1,500B")),
    _row("Falcon 40B", "Falcon", 40e9, 1.0e12, (15.2, 69.2, 56.7, 65.7, 12.6, 55.4, 37.1, 37.0),
         _FALCON.format("falcon-40b", "1,000B")),
    _row("Llama 1 7B", "Llama 1", 7e9, 1.0e12, (14.1, 60.8, 46.2, 58.5, 6.95, 35.1, 30.3, 23.9), _LLAMA1_T2),
    _row("Llama 1 13B", "Llama 1", 13e9, 1.0e12, (18.9, 66.1, 52.6, 62.3, 10.9, 46.9, 37.0, 33.9), _LLAMA1_T2),
    _row("Llama 1 33B", "Llama 1", 33e9, 1.4e12, (26.0, 70.0, 58.4, 67.6, 21.4, 57.8, 39.8, 41.7), _LLAMA1_T2),
    _row("Llama 1 65B", "Llama 1", 65e9, 1.4e12, (30.7, 70.7, 60.5, 68.6, 30.8, 63.4, 43.5, 47.6), _LLAMA1_T2),
    _row("Llama 2 7B", "Llama 2", 7e9, 2.0e12, (16.8, 63.9, 48.9, 61.3, 14.6, 45.3, 32.6, 29.3), _LLAMA2_T1),
    _row("Llama 2 13B", "Llama 2", 13e9, 2.0e12, (24.5, 66.9, 55.4, 65.8, 28.7, 54.8, 39.4, 39.1), _LLAMA2_T1),
    _row("Llama 2 34B", "Llama 2", 34e9, 2.0e12, (27.8, 69.9, 58.7, 68.0, 24.2, 62.6, 44.1, 43.4), _LLAMA2_T1),
    _row("Llama 2 70B", "Llama 2", 70e9, 2.0e12, (37.5, 71.9, 63.6, 69.4, 35.2, 68.9, 51.2, 54.2), _LLAMA2_T1),
)
