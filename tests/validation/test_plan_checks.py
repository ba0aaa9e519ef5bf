"""The action plan's own years, periods outside them, and progress outside 0-100."""
import pytest

from evaluation.export import to_eval
from extractors.plan import own_plan, plans
from schemas.records import Document, DocumentRecords, Email, Period, PlanPeriod
from tests.conftest import SAMPLES
from tests.noise import KINDS, noisy
from validation import check


def kinds(records):
    return [f.kind for f in records.flags]


def years(text):
    found = own_plan(text)
    return found and (found.first_year, found.last_year)


@pytest.mark.parametrize("text", [
    "fue aprobado el Cuarto Plan de Acción Nacional de Gobierno Abierto 2018-2020, el cual consta",
    "el Plan de Acción Nacional de Gobierno Abierto 2018–2020.",
    "el Plan de Acción Nacional de Gobierno Abierto 2018 — 2020",
    "el Plan de Acción Nacional de Gobierno Abierto (2018-2020)",
    "del Plan de Acción Nacional de Gobierno\nAbierto 2018- 2020",
    "el Plan de Acción Nacional de Gobierno Abierto de 2018 a 2020",
    "el IV Plan de Acción 2018-2020",
    "en el marco del Cuarto Plan 2018-2020",
    "compromisos del PAN 2018-2020",
])
def test_the_plan_is_found_however_it_is_written(text):
    assert years(text) == (2018, 2020)


PLAN_SENTENCE = ("Informe OGP: el Comité aprobó el Tercer Plan de Acción Nacional de Gobierno Abierto "
                 "2016-2018, diseñado para su implementación municipal. Dicho plan consta")
RANDOM_KINDS = {"l_to_1", "I_to_l", "O_to_0"}  # the only kinds whose result depends on the seed


@pytest.mark.parametrize("kind, seed", [(k, s) for k in KINDS for s in ([1, 3, 4] if k in RANDOM_KINDS else [0])])
def test_the_plan_is_found_in_ocr_noise(kind, seed):
    text = noisy(PLAN_SENTENCE, kind, seed=seed)
    assert text != PLAN_SENTENCE  # the case really is noisy
    assert years(text) == (2016, 2018)


@pytest.mark.parametrize("text", ["el Pian de Acci6n Naciona! de Gobiemo Abierto 2O18-2O2O",
                                  "el P1an de Accidn Nacional de Gobierno Abiertu 20l8 -2020"])
def test_the_plan_is_found_in_misread_letters_and_digits(text):
    assert years(text) == (2018, 2020)


@pytest.mark.parametrize("text", [
    "Elaboración de Plan y cronograma de trabajo de Gobierno Abierto 2019-2020.",
    "El Plan Operativo Anual 2019-2020 de la municipalidad.",
    "Ver el Plan de Acción Nacional de Gobierno Abierto aprobado en 2018.",
    "Plan de Acción Nacional de Gobierno Abierto 2018-2030",  # no plan runs twelve years
    "Plan de Acción Nacional de Gobierno Abierto 2020-2018",
    "Tercer informe 2016-2018",
])
def test_no_plan_where_none_is_named(text):
    assert years(text) is None


def test_of_several_plans_the_latest_is_the_documents_own():
    text = ("En seguimiento al compromiso 8 del tercer PAN 2016-2018 y al Segundo Plan de Acción "
            "Nacional de Gobierno Abierto 2014-2016, el Cuarto Plan de Acción Nacional de Gobierno "
            "Abierto 2018-2020 establece el hito 7.")
    assert [(p.first_year, p.last_year) for p in plans(text)] == [(2016, 2018), (2014, 2016), (2018, 2020)]
    assert years(text) == (2018, 2020)


@pytest.mark.parametrize("stem, expected", [("000", (2018, 2020)), ("001", (2016, 2018)),
                                            ("002", (2018, 2020)), ("003", (2018, 2020)),
                                            ("004", (2021, 2023))])
def test_the_samples_plans(extract, stem, expected):
    text = (SAMPLES / "gt" / f"{stem}.gt.txt").read_text(encoding="utf-8")
    plan = extract(text).document.plan_period
    assert (plan.first_year, plan.last_year) == expected
    assert plan.provenance.raw.endswith(f"{expected[1]}")


def test_plan_period_compares_years_not_strings():
    plan = PlanPeriod(first_year=2018, last_year=2020)
    assert plan.contains(Period(start="2018-01-02", end="2020-12-31"))
    assert plan.contains(Period(start="2020-12", end="2020-12"))
    assert not plan.contains(Period(start="2017-12-31", end="2018-03-01"))
    assert not plan.contains(Period(start="2020-11", end="2021-01"))


PLAN = ("Cronograma del Cuarto Plan de Acción Nacional de Gobierno Abierto 2018-2020\n"
        "Compromiso 3\nActividad 1: Tarea.\nTemporalidad\n{}\nProducto a entregar\nX.\n")


@pytest.mark.parametrize("period", ["Enero 2017 – marzo 2019.", "Noviembre 2020 – enero 2021.",
                                    "Fecha de inicio: 06/02/2020 – Fecha de fin: 15/01/2021"])
def test_period_outside_plan(extract, period):
    r = extract(PLAN.format(period))
    flags = [f for f in r.flags if f.kind == "period_outside_plan"]
    assert [f.value for f in flags] == [period.rstrip(".")]
    assert "2018–2020" in flags[0].explanation and flags[0].provenance.raw == period.rstrip(".")


@pytest.mark.parametrize("period", ["Enero 2018 – marzo 2019.", "Noviembre 2020 – diciembre 2020.",
                                    "Fecha de inicio: 06/02/2020 – Fecha de fin: 31/12/2020"])
def test_period_inside_plan(extract, period):
    assert kinds(extract(PLAN.format(period))) == []


def test_no_plan_no_period_check(extract):
    text = PLAN.format("Enero 2010 – marzo 2011.")
    assert kinds(extract(text[text.index("\n"):])) == []


def test_period_outside_a_noisy_plan(extract):
    text = noisy(noisy(PLAN.format("Enero 2017 – marzo 2019."), "drop_accents"), "rn_to_m")
    assert kinds(extract(text, "ocr")) == ["period_outside_plan"]


REPORT = "Informe de avance\nCompromiso 2\nHITO 1.\nDatos abiertos.\nActividad 1. Reunión técnica.\n{}\n"


@pytest.mark.parametrize("statement, stated", [("Avance 120%. Se realizó.", 120),
                                               ("Avance 150 %. Hecho.", 150)])
def test_progress_out_of_range(extract, statement, stated):
    r = extract(REPORT.format(statement))
    (activity,) = r.activities
    assert activity.progress is None and activity.stated_progress == stated
    assert [(f.kind, f.value) for f in r.flags] == [("progress_out_of_range", f"Avance {stated}%")]
    assert r.flags[0].provenance == activity.provenance


def test_progress_in_range(extract):
    r = extract(REPORT.format("Avance 100%. Se realizó la reunión."))
    assert (r.activities[0].progress, r.activities[0].stated_progress) == (100, 100)
    assert kinds(r) == []


def test_a_speck_on_100_is_still_100_on_a_scan(extract):
    """OCR turns a 0 of "100" into a digit it resembles; an unlike digit is what was written."""
    scanned = extract(REPORT.format("Avance 1O8%. Se realizó la reunión."), "ocr")
    assert scanned.activities[0].progress == 100 and kinds(scanned) == []
    assert kinds(extract(REPORT.format("Avance 150%. Hecho."), "ocr")) == ["progress_out_of_range"]


def test_duplicate_email(extract):
    r = extract("Escriba a ssanchez@infom.gob.gt o a info@infom.gob.gt; copia a SSanchez@INFOM.gob.gt.")
    assert [(f.kind, f.value) for f in r.flags] == [("duplicate_email", "ssanchez@infom.gob.gt")]
    assert r.flags[0].provenance.raw == "SSanchez@INFOM.gob.gt"
    assert kinds(extract("Escriba a ssanchez@infom.gob.gt o a info@infom.gob.gt.")) == []


def test_emails_are_compared_without_case():
    doc = Document(type="letter", source="a.pdf", sha256="0" * 64)
    emails = [Email(email="SSanchez@infom.gob.gt"), Email(email="ssanchez@INFOM.gob.gt")]
    flags = check(DocumentRecords(document=doc, emails=emails))
    assert [(f.kind, f.value) for f in flags] == [("duplicate_email", "ssanchez@INFOM.gob.gt")]


def test_duplicate_phone(extract):
    r = extract("Tel. 2422-1425 o al 5179-1311. Para dudas, teléfono 2422 1425 o 2422.1425.")
    assert [(f.kind, f.value) for f in r.flags] == [("duplicate_phone", "24221425")]
    assert r.flags[0].provenance.raw == "2422 1425"
    assert kinds(extract("Tel. 2422-1425 o al 5179-1311. Para dudas, teléfono 2422-1426.")) == []


def test_the_evaluation_export_keeps_only_the_formats_flag_kinds(extract):
    text = (PLAN.format("Enero 2017 – marzo 2019.") + "Ver https://a.gob.gt/ y https://a.gob.gt/\n"
            "Tel. 2422-1425 y 2422-1425, correo a@b.gob.gt y a@b.gob.gt.\n")
    r = extract(text)
    assert {"period_outside_plan", "duplicate_phone", "duplicate_email", "duplicate_url"} <= set(kinds(r))
    assert to_eval(r, "doc.pdf")["flags"] == [{"kind": "duplicate_url", "value": "https://a.gob.gt/"}]
