"""The quality gate: extraction scored on the samples and on the project's own corpus.

The real command runs over real files (text layers, and Tesseract on the scans); its
`eval/` files are scored with the reference rules (`evaluation.scoring`, the same as
shared/eval/score.py) against hand-labelled gold. Each set must stay at or above the
floor measured when it was set (`FLOORS`, each a little under the measured score, as
the note of the issue that set it records): a change that costs accuracy anywhere
fails here. Raise a floor when a change raises its score; never lower one to go green.

`corpus/holdout` to `corpus/holdout5` are the parts of the corpus kept aside
while the extractors were tuned on `corpus/tune` to `corpus/tune8` (see
corpus/README.md): their floors say how the extractors do on documents they were not written for.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evaluation.scoring import evaluate_dirs
from tests.conftest import ROOT, SAMPLES, once_per_session, run_cli

CORPUS = ROOT / "corpus"
FORMS = ("digital", "scan-light", "scan-heavy")
SPLITS = ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9",
          "holdout", "holdout2", "holdout3", "holdout4", "holdout5")

# (set, form): overall F1 floor, 0.01 to 0.015 under the score measured when it was set
# (2026-12-04, end of a session: samples 1.000 / 0.948 / 0.927; tune 0.982 / 0.851 / 0.707;
#  tune2 0.966 / 0.789 / 0.650; tune3 0.963 / 0.802 / 0.626; tune4 0.941 / 0.769 / 0.606;
#  holdout 0.882 / 0.721 / 0.591; holdout2 0.888 / 0.760 / 0.665; holdout3 0.874 / 0.718 / 0.579;
#  2026-12-05, heavy scans smoothed by speckle: samples 0.922, tune 0.738, tune2 0.753, tune3 0.709,
#  tune4 0.678, holdout 0.631, holdout2 0.719, holdout3 0.615;
#  2026-12-06, end of a session: samples 1.000 / 0.948 / 0.922; tune 0.985 / 0.871 / 0.760;
#  tune2 0.967 / 0.820 / 0.768; tune3 0.964 / 0.810 / 0.757; tune4 0.946 / 0.807 / 0.694;
#  tune5 0.917 / 0.811 / 0.719; holdout 0.886 / 0.727 / 0.632; holdout2 0.886 / 0.771 / 0.741;
#  holdout3 0.874 / 0.721 / 0.618;
#  2026-12-06, second session: samples 1.000 / 0.948 / 0.931; tune 0.985 / 0.879 / 0.772;
#  tune2 0.967 / 0.834 / 0.779; tune3 0.964 / 0.825 / 0.762; tune4 0.946 / 0.824 / 0.699;
#  tune5 0.917 / 0.818 / 0.732; holdout 0.886 / 0.737 / 0.647; holdout2 0.886 / 0.778 / 0.747;
#  holdout3 0.874 / 0.733 / 0.624; holdout4, first scored, 0.880 / 0.736 / 0.668;
#  2026-12-07, end of a session: samples 1.000 / 0.948 / 0.941; tune 0.985 / 0.887 / 0.789;
#  tune2 0.975 / 0.852 / 0.793; tune3 0.966 / 0.828 / 0.760; tune4 0.946 / 0.835 / 0.711;
#  tune5 0.932 / 0.828 / 0.747; tune6 0.981 / 0.833 / 0.772; tune7 0.946 / 0.812 / 0.679;
#  holdout 0.892 / 0.781 / 0.673; holdout2 0.891 / 0.797 / 0.760; holdout3 0.877 / 0.752 / 0.628;
#  holdout4 0.891 / 0.735 / 0.679;
#  2026-12-07, second session: tune8 0.947 / 0.807 / 0.751 (first read 0.877 / 0.783 / 0.725);
#  holdout5, first scored, 0.874 / 0.714 / 0.615 (the session's starting extractors: 0.849 / 0.711 / 0.610);
#  2026-12-07, third session (scans: bars from OCR boxes, flat words, header sequence, count lists): samples
#  1.000 / 0.948 / 0.943; tune 0.985 / 0.905 / 0.814; tune2 0.977 / 0.871 / 0.814; tune3 0.966 / 0.837 /
#  0.789; tune4 0.946 / 0.849 / 0.729; tune5 0.932 / 0.835 / 0.760; tune6 0.981 / 0.843 / 0.773;
#  tune7 0.946 / 0.827 / 0.698; tune8 0.947 / 0.807 / 0.748; holdout 0.895 / 0.786 / 0.671;
#  holdout2 0.895 / 0.805 / 0.764; holdout3 0.878 / 0.756 / 0.651; holdout4 0.891 / 0.744 / 0.682;
#  holdout5 0.874 / 0.719 / 0.621;
#  2026-12-07, fourth session (a hito stating its progress missing is quoted by that statement):
#  tune7 0.950 / 0.832 / 0.698; tune8 0.957 / 0.817 / 0.757; every other set unchanged;
#  2026-12-07, fifth session (OCR repairs: connectors between capitals, a www by its shape, a
#  government second level, a misread `de` in a date, an impossible period year; name twins):
#  and recipients' and phones' cues, activity numbers their neighbours make certain: samples heavy
#  0.948; tune 0.985 / 0.909 / 0.817; tune2 0.977 / 0.874 / 0.823; tune3 0.966 / 0.839 / 0.795;
#  tune4 0.946 / 0.853 / 0.729; tune5 0.932 / 0.835 / 0.763; tune6 0.981 / 0.846 / 0.779;
#  tune7 0.950 / 0.841 / 0.703; tune8 0.957 / 0.821 / 0.757; holdout2 0.895 / 0.808 / 0.766;
#  holdout3 0.878 / 0.759 / 0.657; holdout4 0.891 / 0.746 / 0.686; holdout5 0.874 / 0.724 / 0.621;
#  holdout 0.895 / 0.786 / 0.672;
#  2026-12-07, sixth session (items numbered by the open hito's path, `Avance del hito:`, dotted and
#  hyphenated day dates): tune9, first scored with them, 0.910 / 0.783 / 0.750; holdout4 0.901 / 0.749 /
#  0.697; 2026-12-08, seventh (field labels that are level words, progress in words and at 0 %, date-range
#  lines, prose hitos by ordinal): tune9 0.942 / 0.791 / 0.763; tune4 heavy 0.739; holdout5 heavy 0.619)
FLOORS = {
    ("samples", "digital"): 1.00,
    ("samples", "scan-light"): 0.935,
    ("samples", "scan-heavy"): 0.93,
    ("tune", "digital"): 0.975,
    ("tune", "scan-light"): 0.89,
    ("tune", "scan-heavy"): 0.80,
    ("tune2", "digital"): 0.965,
    ("tune2", "scan-light"): 0.86,
    ("tune2", "scan-heavy"): 0.805,
    ("tune3", "digital"): 0.955,
    ("tune3", "scan-light"): 0.825,
    ("tune3", "scan-heavy"): 0.78,
    ("tune4", "digital"): 0.935,
    ("tune4", "scan-light"): 0.84,
    ("tune4", "scan-heavy"): 0.705,
    ("tune5", "digital"): 0.92,
    ("tune5", "scan-light"): 0.82,
    ("tune5", "scan-heavy"): 0.745,
    ("tune6", "digital"): 0.97,
    ("tune6", "scan-light"): 0.83,
    ("tune6", "scan-heavy"): 0.765,
    ("tune7", "digital"): 0.94,
    ("tune7", "scan-light"): 0.83,
    ("tune7", "scan-heavy"): 0.69,
    ("holdout", "digital"): 0.88,
    ("holdout", "scan-light"): 0.775,
    ("holdout", "scan-heavy"): 0.66,
    ("holdout2", "digital"): 0.88,
    ("holdout2", "scan-light"): 0.795,
    ("holdout2", "scan-heavy"): 0.745,
    ("holdout3", "digital"): 0.865,
    ("holdout3", "scan-light"): 0.74,
    ("holdout3", "scan-heavy"): 0.635,
    ("holdout4", "digital"): 0.89,
    ("holdout4", "scan-light"): 0.73,
    ("holdout4", "scan-heavy"): 0.68,
    ("tune8", "digital"): 0.945,
    ("tune8", "scan-light"): 0.81,
    ("tune8", "scan-heavy"): 0.745,
    ("tune9", "digital"): 0.93,
    ("tune9", "scan-light"): 0.78,
    ("tune9", "scan-heavy"): 0.75,
    ("holdout5", "digital"): 0.86,
    ("holdout5", "scan-light"): 0.71,
    ("holdout5", "scan-heavy"): 0.60,
}


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    files = sorted(str(p) for split in SPLITS for p in (CORPUS / split / "pdf").glob("*.pdf"))
    # The gate scores extraction; the review page of 300 files would only lengthen CI (tests/review has its own).
    # The time limit guards against a hung run, not against slowness: 300 files take about 10 min here.
    return once_per_session(tmp_path_factory, "corpus",
                            lambda out: run_cli(*files, "--no-review", "-q", out=out, timeout=1800))


def _score(run, gold: Path, form: str, tmp_path: Path) -> float:
    """overall F1 of the run's eval files of one form against one gold folder."""
    picked = tmp_path / f"{gold.parent.name}-{form}"
    picked.mkdir()
    stems = {p.name.split(".")[0] for p in gold.glob("*.gold.json")}
    for path in (run.out / "eval").glob("*.json"):
        source = Path(json.loads(path.read_text("utf-8"))["source"]).name
        if source.split(".")[0] in stems and source.endswith(f".{form}.pdf"):
            shutil.copy(path, picked / path.name)
    assert any(picked.iterdir()), f"no {form} predictions for {gold}"
    return evaluate_dirs(str(picked), str(gold))["overall_f1"]


@pytest.mark.parametrize("form", FORMS)
def test_samples_hold_their_scores(samples_run, form, tmp_path):
    assert samples_run.returncode in (0, 1), samples_run.stderr[-2000:]
    score = _score(samples_run, SAMPLES / "gold", form, tmp_path)
    assert score >= FLOORS[("samples", form)], f"samples {form}: overall F1 {score:.4f}"


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("form", FORMS)
def test_corpus_holds_its_scores(corpus_run, split, form, tmp_path):
    assert corpus_run.returncode in (0, 1), corpus_run.stderr[-2000:]
    score = _score(corpus_run, CORPUS / split / "gold", form, tmp_path)
    assert score >= FLOORS[(split, form)], f"{split} {form}: overall F1 {score:.4f}"
