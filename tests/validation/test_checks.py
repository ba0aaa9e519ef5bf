import pytest

from extractors import extract_document
from tests.conftest import scanned_pages
from validation.checks import speaks_of_future


def kinds(records):
    return [f.kind for f in records.flags]


def test_invalid_date(extract):
    assert "invalid_date" in kinds(extract("Ayuda de memoria de fecha 03 de marzo del 20189."))
    assert "invalid_date" not in kinds(extract("Ayuda de memoria de fecha 03 de marzo del 2019."))


def test_weekday_mismatch(extract):
    assert "weekday_mismatch" in kinds(extract("a más tardar el jueves 29 de enero de 2020"))
    assert "weekday_mismatch" not in kinds(extract("a más tardar el miércoles 29 de enero de 2020"))


PLAN = "Compromiso 3\nActividad 1: Tarea.\nTemporalidad\n{}\nProducto a entregar\nX.\n"


def test_date_range_inverted(extract):
    r = extract(PLAN.format("Mayo 2019 – agosto 2010."))
    assert [(f.kind, f.value) for f in r.flags] == [("date_range_inverted", "Mayo 2019 – agosto 2010")]
    assert kinds(extract(PLAN.format("Mayo 2019 – agosto 2020."))) == []


def test_duplicate_url(extract):
    r = extract("Ver https://a.gob.gt/ y https://b.gob.gt/ y https://a.gob.gt/")
    assert [(f.kind, f.value) for f in r.flags] == [("duplicate_url", "https://a.gob.gt/")]
    assert kinds(extract("Ver https://a.gob.gt/ y https://b.gob.gt/")) == []


def test_count_mismatch(extract):
    assert "count_mismatch" in kinds(extract("Son los tres ejes: agua, suelo, aire y fuego."))
    assert "count_mismatch" not in kinds(extract("Son los cuatro ejes: agua, suelo, aire y fuego."))


REPORT = "Informe de avance\nCompromiso 2\nHITO 1.\nDatos abiertos.\nActividad 1. Reunión técnica.\nAvance 100%. {}\n"


@pytest.mark.parametrize("statement", ["Se invitará a las instituciones.", "Se invitara a las instituciones.",
                                       "Pendiente de aprobación.", "Se realizara la reunión en mayo."])
def test_progress_without_evidence(extract, statement):
    assert "progress_without_evidence" in kinds(extract(REPORT.format(statement)))


@pytest.mark.parametrize("statement", ["Se realizó la reunión.",
                                       "Se cuenta con la guía, para el seguimiento se verificará el plan."])
def test_progress_with_evidence(extract, statement):
    assert "progress_without_evidence" not in kinds(extract(REPORT.format(statement)))


def test_speaks_of_future_is_accent_tolerant():
    assert speaks_of_future("Avance 100%. Se procedera a la entrega.")
    assert not speaks_of_future("Avance 100%. Se procedió a la entrega.")


@pytest.mark.parametrize("statement", ["100 %. La audiencia se realizará en junio.",
                                       "100 % de avance. Para esta actividad se realizarán dos talleres.",
                                       "Porcentaje de avance: 100 %). Se publicará el informe."])
def test_speaks_of_future_after_an_opening_figure_in_any_phrasing(statement):
    assert speaks_of_future(statement)
    assert not speaks_of_future(statement.replace("se realizará", "se realizó").replace("se realizarán", "se realizaron")
                                .replace("Se publicará", "Se publicó"))


NOTED = ("Informe de avance\nCompromiso 2\nActividad 1. Lanzamiento del portal.\nAvance: 100 %\n"
         "Observación: {}\n")


def test_progress_without_evidence_reads_a_remark_field(extract):
    assert "progress_without_evidence" in kinds(extract(NOTED.format("el lanzamiento se realizará en octubre.")))
    assert "progress_without_evidence" not in kinds(extract(NOTED.format("el lanzamiento se realizó en octubre.")))


MINUTE = ("Informe de avance\nCompromiso 6\nHito 6.2 Participación.\nActividad 6.2.1 Convocatoria pública.\n"
          "Avance: 100 %\nActividad 6.2.2 Registro de iniciativas.\nAvance: 100 %\n\n{}\n")


@pytest.mark.parametrize("remark", ["Respecto de la actividad 6.2.1, el Sr. Pérez señala que la convocatoria se publicará en mayo.",
                                    "Observaciones:\n• 6.2.1: la convocatoria se publicará en mayo."])
def test_progress_without_evidence_reads_a_remark_naming_the_activity(extract, remark):
    flagged = [f.value for f in extract(MINUTE.format(remark)).flags if f.kind == "progress_without_evidence"]
    assert flagged == ["Convocatoria pública."]
    past = remark.replace("se publicará", "se publicó")
    assert "progress_without_evidence" not in kinds(extract(MINUTE.format(past)))


def test_progress_stated_inside_another_field(extract):
    r = extract("Informe de avance\nCompromiso 2\nActividad 1. Lanzamiento del portal.\n"
                "Periodo: I semestre 2024 (avance 100%)\n")
    assert [a.progress for a in r.activities] == [100]


def test_milestone_without_progress(extract):
    text = REPORT.format("Hecho.") + "HITO 2.\nRendición de cuentas.\nLo coordina otra entidad.\n"
    r = extract(text)
    assert [(f.kind, f.value) for f in r.flags] == [("milestone_without_progress", "HITO 2")]
    plan = text.replace("Informe de avance", "Cronograma")
    assert "milestone_without_progress" not in kinds(extract(plan))


def test_a_letter_reporting_the_progress_of_its_hitos_is_checked_like_a_report(extract):
    letter = ("Oficio No. 12-2025\nBogotá, 3 de marzo de 2025\nSeñora\nAna Ruiz\nDirectora\n"
              "Le informo el avance del Compromiso 6.\n"
              "Hito 6.1 Publicación del inventario de datos. Avance: 100 %.\n"
              "Hito 6.2 Capacitación a servidores. Avance: 60 %.\n"
              "Hito 6.3 Mesas con veedurías ciudadanas. Pendiente de reporte.\n"
              "Atentamente,\nLuis Gómez\n")
    flagged = [f.value for f in extract(letter).flags if f.kind == "milestone_without_progress"]
    assert flagged == ["Mesas con veedurías ciudadanas."]
    # minutes name hitos in passing: one without a figure there is not a missing report
    minutes = letter.replace("Oficio No. 12-2025", "ACTA DE LA SESIÓN 4").replace("Le informo", "Se revisó")
    assert "milestone_without_progress" not in kinds(extract(minutes))


def test_numbering_error_repeated_and_skipped(extract):
    base = "Informe de avance\nCompromiso 2\nHITO 1.\nX.\n"
    acts = lambda nums: "".join(f"Actividad {n}. Tarea {chr(65 + i)}.\nAvance 100%. Hecho.\n"
                                for i, n in enumerate(nums))
    r = extract(base + acts([5, 7, 7, 8]))
    assert [a.number for a in r.activities] == [5, 6, 7, 8]
    assert [f.value for f in r.flags if f.kind == "numbering_error"] == ["Actividad 7. Tarea B."]
    assert "numbering_error" in kinds(extract(base + acts([1, 2, 4])))
    assert "numbering_error" not in kinds(extract(base + acts([1, 2, 3])))
    # on a scan a gap is most often a header OCR lost: not flagged; a repeat still is
    scanned = lambda text: extract_document(scanned_pages(text))  # noqa: E731
    assert "numbering_error" not in kinds(scanned(base + acts([1, 2, 4])))
    assert "numbering_error" in kinds(scanned(base + acts([5, 7, 7, 8])))


def test_numbering_error_of_hitos_quotes_the_heading(extract):
    text = ("Compromiso 2\nLínea de acción 2.1. Portal.\nFase I. Diagnóstico. Plazo: marzo de 2024.\n"
            "Línea de acción 2.2. Datos.\nFase I. Inventario. Plazo: abril de 2024.\n"
            "Línea de acción 2.4. Consejos.\nFase I. Constitución. Plazo: mayo de 2024.\n")
    r = extract(text)
    assert [(m.commitment, m.number) for m in r.milestones] == [(2, 1), (2, 2), (2, 4)]
    assert [f.value for f in r.flags if f.kind == "numbering_error"] == ["Línea de acción 2.4. Consejos."]


def test_a_hito_stating_its_own_progress_has_progress_and_a_flag_quotes_its_description(extract):
    report = ("INFORME DE AVANCE\nCompromiso 3: Datos abiertos.\n"
              "Hito 1: Definición del estándar de datos. Estado: Completado. Avance: 100 %.\n"
              "Hito 2: Socialización de los datos con las autoridades.\n"
              "Medio de verificación: pendiente.\n")
    r = extract(report)
    assert [(f.kind, f.value) for f in r.flags if f.kind == "milestone_without_progress"] == [
        ("milestone_without_progress", "Socialización de los datos con las autoridades.")]


def test_a_numbering_flag_quotes_the_heading_without_check_box_or_row_cells(extract):
    r = extract("Compromiso 3\nHito 3.2 Rediseño de trámites\n[x] Act. 3.2.1 Diagnóstico de trámites\n"
                "[ ] Act. 3.2.3 Pruebas de usabilidad con veedurías\n")
    assert [f.value for f in r.flags if f.kind == "numbering_error"] == ["Act. 3.2.3 Pruebas de usabilidad con veedurías"]


def test_a_hito_saying_its_progress_is_missing_is_flagged_with_that_statement(extract):
    # The statement is the item at fault, quoted after the hito's label and number as printed;
    # it ends where the next field's label (a capitalised word) or sentence begins.
    letter = ("Oficio 12-2025\nCompromiso 6\nHito 6.4. Ruta pública de consulta de subsidios.\n"
              "Avance: pendiente de reporte por parte de la CVP\nLos soportes se encuentran cargados.\n")
    assert [f.value for f in extract(letter).flags if f.kind == "milestone_without_progress"] == [
        "Hito 6.4: pendiente de reporte por parte de la CVP"]
    minutes = ("ACTA DE REUNIÓN\nCompromiso 3\nHito 3.2. Panel público de indicadores.\n"
               "Avance: sin dato. El enlace indica que la ficha está pendiente.\n")
    assert [f.value for f in extract(minutes).flags if f.kind == "milestone_without_progress"] == [
        "Hito 3.2: sin dato"]
