"""progress_without_evidence with the real es_core_news_sm morphology, and without it."""
import logging
import pickle
import warnings

import pytest
from click.testing import CliRunner

from extractors import extract_document
from ingest.cli import cli
from ingest.options import RunOptions
from schemas.extraction import ExtractionOptions
from tests.conftest import make_pages
from tests.noise import noisy
from validation import morphology
from validation.checks import speaks_of_future

MODEL = "es_core_news_sm"  # a dev dependency: these tests use the real model


@pytest.mark.parametrize("statement", [
    "Avance 100%. La municipalidad va a publicar el portal.",
    "Avance 100%. Los portales se van a publicar en junio.",
    "Avance 100%. Los talleres iniciarán en mayo.",
    "Avance 100%. Las municipalidades publicaran sus portales.",  # a future that lost its accent
])
def test_morphology_hears_the_future_the_lexicon_misses(statement):
    assert speaks_of_future(statement, MODEL)
    assert not speaks_of_future(statement)


@pytest.mark.parametrize("statement", ["Avance 100%. Se considera cumplida la actividad.",
                                       "Avance 100%. Se genera el reporte mensual."])
def test_morphology_tells_a_present_from_a_future_ending(statement):
    assert not speaks_of_future(statement, MODEL)
    assert speaks_of_future(statement)  # the lexicon's "se ...era" ending cannot


@pytest.mark.parametrize("statement", ["Avance 100%. Se realizó la reunión.",
                                       "Avance 100%. Se iba a realizar la reunión y se realizó.",
                                       "Avance 100%. Se cuenta con la guía, para el seguimiento se "
                                       "verificará el plan."])
def test_morphology_leaves_done_work_alone(statement):
    assert not speaks_of_future(statement, MODEL)


FUTURE = "Avance 100%. Se capacitará a los alcaldes del INFOM en la próxima reunión del Comité."
DONE = "Avance 100%. Se capacitó a los alcaldes del INFOM en la última reunión del Comité."


@pytest.mark.parametrize("kind", ["drop_accents", "e_acute_to_6", "o_acute_to_e", "I_to_l", "O_to_0"])
def test_morphology_is_tolerant_of_lost_accents(kind):
    future, done = noisy(FUTURE, kind, seed=1), noisy(DONE, kind, seed=1)
    assert future != FUTURE and done != DONE  # the case really is noisy
    assert speaks_of_future(future, MODEL)
    assert not speaks_of_future(done, MODEL)


REPORT = "Informe de avance\nCompromiso 2\nHITO 1.\nDatos abiertos.\nActividad 1. Portal.\n{}\n"


def test_the_check_uses_the_model_it_is_given():
    pages = make_pages(REPORT.format("Avance 100%. La municipalidad va a publicar el portal."))
    flagged = extract_document(pages, ExtractionOptions(nlp_model=MODEL)).flags
    assert [(f.kind, f.value) for f in flagged] == [("progress_without_evidence", "Portal.")]
    assert extract_document(pages).flags == []


def test_a_missing_model_falls_back_to_the_lexicon_with_one_warning(caplog):
    statement = "Avance 100%. Se genera el reporte mensual."
    with caplog.at_level(logging.WARNING, logger="validation.morphology"):
        assert speaks_of_future(statement, "xx_missing_model_a")  # the lexicon's answer
        assert speaks_of_future(statement, "xx_missing_model_a")
    assert [r.getMessage() for r in caplog.records] == [
        "spaCy model 'xx_missing_model_a' is not installed: progress statements are checked "
        "with the lexicon of future and pending forms"]


def test_the_model_is_loaded_only_when_a_completed_activity_needs_it(caplog):
    with caplog.at_level(logging.WARNING, logger="validation.morphology"):
        extract_document(make_pages(REPORT.format("Avance 40%. Se publicará el portal.")),
                         ExtractionOptions(nlp_model="xx_missing_model_b"))
        assert caplog.records == []
        extract_document(make_pages(REPORT.format("Avance 100%. Se publicó el portal.")),
                         ExtractionOptions(nlp_model="xx_missing_model_b"))
    assert len(caplog.records) == 1 and "xx_missing_model_b" in caplog.records[0].getMessage()


def test_loading_the_older_model_is_quiet_about_its_version():
    morphology._load.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert morphology.announces_future("Se publicará el portal", MODEL)
    assert not [w for w in caught if "W095" in str(w.message)]


def test_the_option_travels_to_workers_and_decides_reuse():
    options = RunOptions(extraction=ExtractionOptions(nlp_model=MODEL))
    assert pickle.loads(pickle.dumps(options)) == options
    assert RunOptions().reading_fingerprint() == RunOptions(
        extraction=ExtractionOptions(nlp_model=None)).reading_fingerprint()
    assert options.reading_fingerprint() != RunOptions().reading_fingerprint()


def test_the_cli_offers_the_option():
    result = CliRunner().invoke(cli, ["run", "--help"])
    assert result.exit_code == 0 and "--spacy-model NAME" in result.output
