"""Copies of a document become one group; activities become one tracker entry."""
from __future__ import annotations

import json
import random
from datetime import date

from dedup import Reading, build_tracker, group_readings
from schemas.records import Activity, Document, DocumentRecords, Period
from tests.conftest import SAMPLES
from tests.noise import noisy


def reading(source: str, sha: str, text: str, doc_type="other", issued=None, activities=(),
            confidence=None) -> Reading:
    doc = Document(type=doc_type, source=source, sha256=sha, issued=issued)
    return Reading(records=DocumentRecords(document=doc, activities=list(activities)), text=text,
                   ocr_confidence=confidence)


def gt(stem: str) -> str:
    return (SAMPLES / "gt" / f"{stem}.gt.txt").read_text(encoding="utf-8")


def test_a_scan_and_its_digital_original_are_one_group():
    text = gt("003")
    scanned = text
    for kind in ("drop_accents", "l_to_1", "O_to_0", "split_word", "join_words"):
        scanned = noisy(scanned, kind, seed=3)
    groups = group_readings([reading("a.pdf", "1" * 64, text),
                             reading("a.scan.pdf", "2" * 64, scanned, confidence=88.0),
                             reading("b.pdf", "3" * 64, gt("002"))])
    assert sorted(len(g.readings) for g in groups) == [1, 2]
    merged = next(g for g in groups if len(g.readings) == 2)
    assert merged.best.source == "a.pdf"  # the text layer wins over the scan


def test_different_documents_stay_apart():
    groups = group_readings([reading(f"{s}.pdf", s * 64, gt(f"00{s}")) for s in "01234"])
    assert len(groups) == 5


def test_grouping_does_not_depend_on_input_order():
    readings = [reading(f"{s}-{k}.pdf", f"{s}{k}" * 32, gt(f"00{s}")) for s in "0123" for k in "ab"]
    first = [(g.id, g.sources) for g in group_readings(readings)]
    random.Random(1).shuffle(readings)
    assert [(g.id, g.sources) for g in group_readings(readings)] == first
    assert len(first) == 4


def act(number, title, progress=None, periods=(), printed=None, milestone=7):
    return Activity(commitment=10, milestone=milestone, number=number, printed_number=printed, title=title,
                    progress=progress, periods=[Period(start=a, end=b) for a, b in periods])


def test_plan_and_report_link_into_one_entry_per_activity():
    plan = reading("plan.pdf", "a" * 64, "plan text", "work_plan", activities=[
        act(5, "Comunicación con municipalidades", periods=[("2019-04", "2019-06")]),
        act(6, "Reunión de coordinación con alcaldes", periods=[("2019-06", "2019-06")], printed=7)])
    report = reading("report.pdf", "b" * 64, "report text", "progress_report", issued=date(2020, 8, 28),
                     activities=[act(5, "Comunicación con Municipalidades", progress=100),
                                 act(6, "Reunión de coordinación con Alcaldes.", progress=40)])
    entries = build_tracker(group_readings([report, plan]))
    assert [(e.milestone, e.activity) for e in entries] == [(7, 5), (7, 6)]
    done, half = entries
    assert done.status == "completed" and done.planned_periods[0].start == "2019-04"
    assert half.status == "in_progress" and half.progress_date == date(2020, 8, 28)
    assert half.sources == ["plan.pdf", "report.pdf"]
    # linked by its intended number; the number the plan printed is a disagreement to see
    assert half.flags == ["number_mismatch: printed 7, linked as activity 6 (plan.pdf)"] and not done.flags


def test_disagreeing_titles_are_flagged_not_hidden():
    plan = reading("plan.pdf", "a" * 64, "plan", "work_plan", activities=[act(3, "Desarrollo de talleres")])
    report = reading("rep.pdf", "b" * 64, "rep", "progress_report", issued=date(2020, 1, 1),
                     activities=[act(3, "Publicación del presupuesto municipal", progress=100)])
    (entry,) = build_tracker(group_readings([plan, report]))
    assert any(f.startswith("title_mismatch") for f in entry.flags)


def test_samples_in_every_form_give_one_entry_per_real_activity(samples_run):
    entries = [json.loads(line) for line in (samples_run.out / "tracker.jsonl").read_text().splitlines()]
    keys = [(e["commitment"], e["milestone"], e["activity"]) for e in entries]
    real = set()
    for stem in ("002", "003"):
        gold = json.loads((SAMPLES / "gold" / f"{stem}.gold.json").read_text(encoding="utf-8"))
        real |= {(a["commitment"], a["milestone"], a["number"]) for a in gold["activities"]}
    assert len(keys) == len(set(keys)) and set(keys) == real
    groups = [json.loads(line) for line in (samples_run.out / "groups.jsonl").read_text().splitlines()]
    assert len(groups) == 5  # five documents, however many files each came as


def test_a_page_scanned_on_its_own_joins_its_document():
    whole = gt("003")
    first_page = whole.split("\f")[0]
    groups = group_readings([reading("report.pdf", "1" * 64, whole),
                             reading("page1.png", "2" * 64, noisy(first_page, "drop_accents"), confidence=90.0),
                             reading("other.pdf", "3" * 64, gt("002").split("\f")[0])])
    assert sorted(g.sources for g in groups) == [["other.pdf"], ["page1.png", "report.pdf"]]
