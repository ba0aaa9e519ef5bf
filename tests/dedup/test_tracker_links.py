"""The sample work plan (002) and progress report (003) link activity by activity."""
import pytest

from dedup import Reading, build_tracker, group_readings
from extractors import extract_document
from schemas.page import Page
from schemas.records import Activity, Document, DocumentRecords, Period
from tests.conftest import SAMPLES
from tests.noise import noisy


def read(stem: str, source: str, noise: str | None = None) -> Reading:
    text = (SAMPLES / "gt" / f"{stem}.gt.txt").read_text(encoding="utf-8")
    text = noisy(text, noise) if noise else text
    pages = [Page(source=source, sha256=source.ljust(64, "0"), page=i + 1, method="text", text=t)
             for i, t in enumerate(text.split("\f"))]
    return Reading(records=extract_document(pages), text=text, ocr_confidence=None)


@pytest.fixture(scope="module")
def plan():
    return read("002", "plan.pdf")


@pytest.fixture(scope="module")
def entries(plan):
    return {(e.commitment, e.milestone, e.activity): e
            for e in build_tracker(group_readings([read("003", "report.pdf"), plan]))}


def test_every_planned_activity_links_to_its_reported_progress(plan, entries):
    planned = {(a.commitment, a.milestone, a.number) for a in plan.records.activities}
    assert len(planned) == 21
    for key in planned:
        entry = entries[key]
        assert entry.sources == ["plan.pdf", "report.pdf"], key
        assert entry.planned_periods and entry.progress == 100 and entry.status == "completed", key
        assert not [f for f in entry.flags if f.startswith(("title_mismatch", "period_mismatch"))], key


def test_a_reported_activity_the_plan_lacks_stands_alone(entries):
    alone = [k for k, e in entries.items() if e.sources == ["report.pdf"]]
    assert alone == [(10, 2, 2), (19, None, 6)]
    assert not entries[10, 2, 2].planned_periods


def test_a_printed_number_that_differs_from_the_link_is_flagged(entries):
    flags = entries[10, 7, 6].flags
    assert "number_mismatch: printed 7, linked as activity 6 (plan.pdf)" in flags
    assert any(f.startswith("numbering_error: Actividad 7") for f in flags)


def test_a_flag_read_at_an_activitys_period_follows_it(entries):
    assert entries[10, 4, 3].flags == ["date_range_inverted: Mayo 2019 – agosto 2010"]


@pytest.mark.parametrize("noise", ["drop_accents", "o_acute_to_e", "split_word"])
def test_links_survive_a_noisy_report(plan, noise):
    linked = build_tracker(group_readings([read("003", "report.pdf", noise), plan]))
    both = [e for e in linked if e.sources == ["plan.pdf", "report.pdf"]]
    assert len(both) == 21
    assert not [f for e in both for f in e.flags if f.startswith("title_mismatch")]


def test_two_plans_disagreeing_on_a_period_are_flagged():
    def plan_reading(source: str, sha: str, start: str) -> Reading:
        act = Activity(commitment=1, milestone=1, number=1, title="Talleres",
                       periods=[Period(start=start, end="2019-06")])
        doc = Document(type="work_plan", source=source, sha256=sha)
        records = DocumentRecords(document=doc, activities=[act])
        return Reading(records=records, text=source, ocr_confidence=None)

    (entry,) = build_tracker(group_readings([plan_reading("a.pdf", "a" * 64, "2019-01"),
                                             plan_reading("b.pdf", "b" * 64, "2019-03")]))
    assert [f.split(":")[0] for f in entry.flags] == ["period_mismatch"]
