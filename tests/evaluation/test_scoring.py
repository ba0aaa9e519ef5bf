import json

import pytest

from evaluation.export import to_eval
from evaluation.scoring import evaluate_dirs, format_report
from extractors import extract_document
from schemas.page import Page


def _doc(source, **kw):
    base = {"format": "ingest-eval/1", "source": source, "doc_type": "letter", "reference": None,
            "issued": None, "place": None, "signatories": [], "recipients": [], "commitments": [],
            "milestones": [], "activities": [], "percentages": [], "dates": [], "urls": [],
            "emails": [], "phones": [], "organizations": [], "count_claims": [], "flags": []}
    base.update(kw)
    return base


def test_known_numbers(tmp_path):
    gold = _doc("007", dates=["2020-01-01", "2020-02-02"], percentages=[100, 100, 20],
                urls=["https://a.gt/"], phones=["(502) 2422-1425"],
                activities=[{"commitment": 1, "milestone": 2, "number": 3, "title": "Diseño del curso",
                             "progress": 100, "periods": [{"start": "2019-01", "end": "2019-03"}]}],
                flags=[{"kind": "duplicate_url", "value": "https://a.gt/"},
                       {"kind": "count_mismatch", "value": "doce ejes prioritarios"}],
                place="Guatemala")
    pred = _doc("007.scan-light.pdf", dates=["2020-01-01", "2021-01-01"], percentages=[100, 20, 5],
                urls=["HTTPS://a.gt"], phones=["50224221425"],
                activities=[{"commitment": 1, "milestone": 2, "number": 3, "title": "diseno del curso",
                             "progress": 90, "periods": [{"start": "2019-01", "end": "2019-03"}]}],
                flags=[{"kind": "duplicate_url", "value": "https://a.gt"},
                       {"kind": "count_mismatch", "value": "doce ejes"}],
                place="guatemala")
    (tmp_path / "g").mkdir()
    (tmp_path / "p").mkdir()
    (tmp_path / "g" / "007.gold.json").write_text(json.dumps(gold))
    (tmp_path / "p" / "x.json").write_text(json.dumps(pred))
    r = evaluate_dirs(str(tmp_path / "p"), str(tmp_path / "g"))
    f = r["fields"]
    assert (f["dates"]["tp"], f["dates"]["fp"], f["dates"]["fn"]) == (1, 1, 1)
    assert (f["percentages"]["tp"], f["percentages"]["fp"], f["percentages"]["fn"]) == (2, 1, 1)
    assert f["urls"]["f1"] == 1.0 and f["phones"]["f1"] == 1.0
    assert (f["flags"]["tp"], f["flags"]["fp"], f["flags"]["fn"]) == (1, 1, 1)
    assert r["attributes"]["activities.title"]["accuracy"] == 1.0
    assert r["attributes"]["activities.progress"]["accuracy"] == 0.0
    assert r["attributes"]["activities.periods"]["accuracy"] == 1.0
    assert r["scalars"]["place"]["accuracy"] == 1.0
    # tp: dates 1, percentages 2, urls 1, phones 1, activities 1, flags 1; fp and fn 3 each
    assert r["overall"]["tp"] == 7 and r["overall"]["fp"] == 3 and r["overall"]["fn"] == 3
    assert r["overall_f1"] == pytest.approx(14 / 20)
    assert "overall_f1 0.7000" in format_report(r)


def test_missing_prediction_scores_zero(tmp_path):
    (tmp_path / "g").mkdir()
    (tmp_path / "p").mkdir()
    (tmp_path / "g" / "1.json").write_text(json.dumps(_doc("001", dates=["2020-01-01"])))
    r = evaluate_dirs(str(tmp_path / "p"), str(tmp_path / "g"))
    assert r["overall_f1"] == 0.0 and r["scalars"]["doc_type"]["accuracy"] == 0.0


def test_export_shape():
    page = Page(source="a.pdf", sha256="0" * 64, page=1, method="text",
                text="Guatemala, 2 de enero de 2020\nVer https://a.gob.gt/ y https://a.gob.gt/")
    out = to_eval(extract_document([page]), "a.pdf")
    assert out["format"] == "ingest-eval/1" and out["source"] == "a.pdf"
    assert out["urls"] == ["https://a.gob.gt/"] and out["dates"] == ["2020-01-02"]
    assert out["flags"] == [{"kind": "duplicate_url", "value": "https://a.gob.gt/"}]


def test_records_export_json_schema():
    from schemas.records import DocumentRecords
    schema = DocumentRecords.model_json_schema()
    assert "Activity" in schema["$defs"] and "Flag" in schema["$defs"]
