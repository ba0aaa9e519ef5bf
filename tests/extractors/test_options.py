"""The extraction options tree: its thresholds reach the matchers, for one call only, and
decide whether finished files are reused."""
import pickle

import pytest
from pydantic import ValidationError

from extractors import extract_document, settings
from extractors import lexicon as lx
from ingest.options import RunOptions
from schemas.extraction import ExtractionOptions, MatchOptions, OcrRepairOptions
from tests.conftest import make_pages

LETTER = "Ciudad de Guatemala, 14 de agsto de 2020.\n\nEstimado señor:\n\nLe informo del avance.\n"


def test_a_threshold_reaches_the_matcher_for_one_call_only():
    assert lx.month("agsto") == 8  # 91 against "agosto": over the default 80
    strict = ExtractionOptions(match=MatchOptions(month=95, month_beside_year=95))
    with settings.using(strict):
        assert lx.month("agsto") is None
    assert lx.month("agsto") == 8


def test_extract_document_reads_dates_with_the_options_given():
    pages = make_pages(LETTER)
    assert [d.value.month for d in extract_document(pages).dates] == [8]
    strict = ExtractionOptions(match=MatchOptions(month=95, month_beside_year=95))
    assert extract_document(pages, strict).dates == []
    assert settings.current() == ExtractionOptions()  # nothing left behind


def test_options_are_checked_picklable_and_part_of_the_resume_key():
    with pytest.raises(ValidationError):
        OcrRepairOptions(variant_vote=120)
    with pytest.raises(ValidationError):
        MatchOptions(monht=80)  # a misspelt option is an error, not a silent default
    options = RunOptions(extraction=ExtractionOptions(ocr=OcrRepairOptions(variant_vote=60)))
    assert pickle.loads(pickle.dumps(options)) == options
    assert options.reading_fingerprint() != RunOptions().reading_fingerprint()
    assert RunOptions(extraction=ExtractionOptions()).reading_fingerprint() == RunOptions().reading_fingerprint()
