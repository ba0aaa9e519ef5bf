"""Hostile text in a page: numbers too large for any column, digits that are not ASCII, lines whose
length must not make extraction superlinear. The records of the rest of the file must survive."""
from __future__ import annotations

import time

import pytest

from extractors import extract_document
from ingest.errors import ExtractionTimeoutError
from ingest.executor import ProcessExecutor
from schemas.page import FileRecord
from sinks.database import connect, row_counts, write_run
from tests.conftest import make_pages
from tests.extractors.test_structure import REPORT

INT32 = 2**31 - 1  # PostgreSQL's INTEGER, the narrowest column a record's number is loaded into


def ints(value) -> list[int]:
    """Every integer anywhere in a dumped record."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in ints(v)]
    if isinstance(value, list):
        return [n for v in value for n in ints(v)]
    return []


def keys(records) -> dict[str, set]:
    return {"commitments": {c.number for c in records.commitments},
            "milestones": {(m.commitment, m.number) for m in records.milestones},
            "activities": {(a.commitment, a.milestone, a.number) for a in records.activities},
            "dates": {d.value for d in records.dates},
            "percentages": {p.value for p in records.percentages}}


@pytest.mark.parametrize("method", ["text", "ocr"])
def test_a_twenty_digit_hito_number_does_not_reach_the_records(method):
    for text in ("HITO 99999999999999999999.", REPORT.replace("HITO 2.", "HITO 99999999999999999999.")):
        records = extract_document(make_pages(text, method))
        huge = [n for n in ints(records.model_dump(mode="json")) if abs(n) > INT32]
        assert huge == [], text[:60]


@pytest.mark.parametrize("hostile", [
    pytest.param("Los ejes ¹: salud", id="superscript-digit"),
    pytest.param("Actividad " + "7" * 5000, id="5000-digit-activity"),
])
@pytest.mark.parametrize("method", ["text", "ocr"])
def test_a_hostile_line_does_not_cost_the_other_records(hostile, method):
    base = keys(extract_document(make_pages(REPORT, method)))
    assert base["activities"]  # the report has records to lose
    for text in (REPORT + "\n" + hostile + "\n", REPORT.replace("Avance del 50%.", f"Avance del 50%. {hostile}.")):
        found = keys(extract_document(make_pages(text, method)))
        lost = {name: base[name] - found[name] for name in base if base[name] - found[name]}
        assert lost == {}, hostile[:40]


def test_activity_3000000000_loads_into_the_database(url):
    text = REPORT.replace("Actividad 2.", "Actividad 3000000000.")
    pages = make_pages(text)
    records = extract_document(pages)
    file = FileRecord(path="doc.pdf", sha256="0" * 64, kind="pdf", pages=len(pages), status="ok",
                      pages_ok=len(pages), methods={"text": len(pages)})
    counts = write_run(url, [file], pages, [records])  # a DatabaseError fails the test
    assert counts["activities"] == len(records.activities) > 0
    assert row_counts(connect(url))["files"] == 1


# -- time: a line ten times longer may take at most about ten times longer ------------------

def timed(text: str) -> float:
    """Run in a worker (forked by the project's executor): seconds extract_document takes on `text`."""
    pages = make_pages(text)
    started = time.perf_counter()
    extract_document(pages)
    return time.perf_counter() - started


def _warm() -> None:
    extract_document(make_pages("Guatemala, 2 de enero de 2020."))


@pytest.mark.parametrize("unit, length", [
    pytest.param("a", 50_000, id="letters"),
    pytest.param("%", 10_000, id="percent-signs"),
    pytest.param("ana.lopez@muni.gob.gt,", 50_000, id="e-mail-like"),
    pytest.param("contacto.unidad-de-acceso.informacion.", 50_000, id="dotted-words"),
])
def test_extraction_time_grows_about_linearly_with_the_line(unit, length):
    """Within 20 times the time of a line a tenth as long, plus a second: a fair linear bound that no
    quadratic pass meets, on any machine. The long line runs in a worker that is stopped at the bound,
    so a pathological case fails in seconds instead of hanging the suite."""
    line = (unit * (length // len(unit) + 1))[:length]
    short = line[: length // 10]
    with ProcessExecutor(1, 600, 6144, timeout_error=ExtractionTimeoutError, warm_up=_warm) as pool:
        baselines = [pool.call(timed, short, path="short") for _ in range(3)]
    assert not any(isinstance(b, Exception) for b in baselines), baselines
    baseline = min(baselines)
    bound = 20 * baseline + 1.0
    with ProcessExecutor(1, bound, 6144, timeout_error=ExtractionTimeoutError, warm_up=_warm) as pool:
        spent = pool.call(timed, line, path=f"{length} x {unit!r}")
    assert not isinstance(spent, Exception), (
        f"{length:,} chars: still running after {bound:.2f} s (20 x {baseline:.3f} s + 1 s)")
    assert spent <= bound

