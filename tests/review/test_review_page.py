"""The review page of the session's run over every sample, opened from file:// in a real headless Chromium."""
from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from ingest.options import ReviewOptions
from tests.conftest import ROOT, run_cli

LABELS = json.loads((ROOT / "review" / "data" / "labels.json").read_text(encoding="utf-8"))

FLAGS_ON_PAGE = """return [...document.querySelectorAll('section.document')].flatMap(s =>
  [...s.querySelectorAll('tr.flag')].map(r => [s.querySelector('h2').textContent, r.dataset.kind,
    r.querySelector('.value').textContent, r.querySelector('.explanation').textContent]));"""
VISIBLE = "return [...document.querySelectorAll(arguments[0])].filter(e => e.offsetParent !== null).length;"


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]


def _open(browser, out: Path) -> None:
    browser.get((out / "review" / "index.html").as_uri())


@pytest.fixture
def page(samples_run, browser):
    """The page loaded, and what the browser logged while loading it."""
    _open(browser, samples_run.out)
    return browser.get_log("browser")


def test_page_loads_from_file_without_console_errors(page, browser):
    assert browser.find_element(By.TAG_NAME, "h1").text == LABELS["es"]["title"]  # Spanish by default
    assert [entry for entry in page if entry["level"] == "SEVERE"] == []


def test_every_flag_in_records_is_on_the_page(samples_run, page, browser):
    expected = Counter((r["document"]["source"], f["kind"], f["value"], f["explanation"])
                       for r in _records(samples_run.out) for f in r["flags"])
    assert len(expected) >= 5, "the samples are known to carry flags of several kinds"
    assert Counter(tuple(row) for row in browser.execute_script(FLAGS_ON_PAGE)) == expected


def test_every_crop_exists_is_an_image_and_loads(samples_run, page, browser):
    sources = browser.execute_script("return [...document.querySelectorAll('img.crop')].map(i => i.src);")
    assert len(sources) > 100
    folder = samples_run.out / "review"
    for src in set(sources):
        path = Path(src.removeprefix("file://"))
        assert path.parent == folder / "crops"
        with Image.open(path) as image:
            image.verify()
    unloaded = browser.execute_script(
        "return [...document.querySelectorAll('img.crop')].filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.src);")
    assert unloaded == []
    assert {p.name for p in (folder / "crops").iterdir()} == {Path(src).name for src in sources}
    without = browser.execute_script(
        "return [...document.querySelectorAll('td.where')].filter(c => !c.querySelector('img.crop'))"
        ".map(c => c.querySelector('.nocrop').textContent);")
    assert without and set(without) <= {LABELS["es"]["no_box"]} | {t for t in without
                                                                  if t.startswith(LABELS["es"]["no_image"])}


def test_filters_hide_and_show_rows(samples_run, page, browser):
    kinds = Counter(f["kind"] for r in _records(samples_run.out) for f in r["flags"])
    kind = kinds.most_common(1)[0][0]
    everything = browser.execute_script(VISIBLE, "tr.flag")
    assert everything == sum(kinds.values())

    Select(browser.find_element(By.ID, "filter-kind")).select_by_value(kind)
    assert browser.execute_script(VISIBLE, "tr.flag") == kinds[kind] < everything
    assert {r.get_attribute("data-kind") for r in browser.find_elements(By.CSS_SELECTOR, "tr.flag")
            if r.is_displayed()} == {kind}
    Select(browser.find_element(By.ID, "filter-kind")).select_by_value("")
    assert browser.execute_script(VISIBLE, "tr.flag") == everything

    sections = browser.execute_script(VISIBLE, "section.document")
    assert sections == len(samples_run.files())
    tracked = browser.execute_script(VISIBLE, "#tracker tbody tr")
    report = next(o for o in browser.find_elements(By.CSS_SELECTOR, "#filter-doc option")
                  if o.text.endswith("003.digital.pdf"))
    Select(browser.find_element(By.ID, "filter-doc")).select_by_value(report.get_attribute("value"))
    shown = [s for s in browser.find_elements(By.CSS_SELECTOR, "section.document") if s.is_displayed()]
    assert [s.find_element(By.TAG_NAME, "h2").text for s in shown] == [report.text]
    assert 0 < browser.execute_script(VISIBLE, "#tracker tbody tr") <= tracked
    Select(browser.find_element(By.ID, "filter-doc")).select_by_value("")
    assert browser.execute_script(VISIBLE, "section.document") == sections


def test_low_confidence_values_are_marked(samples_run, page, browser):
    marked = browser.find_elements(By.CSS_SELECTOR, "tr.low .low-mark")
    assert marked, "the heavy scans have words under the threshold"
    for mark in marked:
        assert int(mark.text.rsplit("(", 1)[1].rstrip(")")) < ReviewOptions().low_confidence


def test_screenshot_is_not_blank(page, browser):
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    assert len(shot.getcolors(maxcolors=1 << 24)) > 200


def test_english_option_changes_the_labels(samples_run, browser, tmp_path):
    """Run again into a copy of the session's folder with --review-lang en: every file is reused, the page
    is written again in English."""
    out = tmp_path / "out"
    shutil.copytree(samples_run.out, out, ignore=shutil.ignore_patterns("lock"))
    inputs = [r["path"] for r in map(json.loads, (out / "files.jsonl").read_text(encoding="utf-8").splitlines())]
    run = run_cli(*inputs, "--review-lang", "en", "-q", out=out)
    assert run.returncode == samples_run.returncode, run.stderr
    _open(browser, out)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.TAG_NAME, "h1").text == LABELS["en"]["title"] != LABELS["es"]["title"]
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.flags th")][:5]
    assert headers == [LABELS["en"][k] for k in ("kind", "value", "explanation", "page", "region")]
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
