"""A commitment header misread by one digit is outvoted by the rest of the document."""
import pytest

from extractors import structure
from tests.noise import noisy

REPORT = """Informe Final del cumplimiento de los compromisos 4 y 27 con sus hitos, al 15 de Marzo 2021.
Compromiso 4
Mejora de servicios en línea.
HITO 1.
Descripción: Publicar datos abiertos de compras.
Actividad 1. Diseño del catálogo de datos.
Avance 100%. Se publicó el catálogo para los compromisos 4 y 27.
Compromiso 27. Coordinación interinstitucional de datos.
HITO 1.
Descripción: Crear un tablero de seguimiento.
Actividad 1. Construcción del tablero.
Avance 100%. Se terminó.
"""

PLAN = """El 3 de mayo se presentó el cronograma del Compromiso {said} del plan.
La entidad invita a la Presentación del cronograma del compromiso {title} del plan nacional
Impulsar la apertura de datos municipales en todo el país según el plan aprobado.
Actividad 1: Inventario de datos.
Temporalidad
Enero de 2021 – marzo de 2021
"""


def _keys(records):
    return [(a.commitment, a.milestone, a.number) for a in records.activities]


@pytest.mark.parametrize("method", ["text", "ocr"])
def test_clean_headers_stay(extract, method):
    r = extract(REPORT, method)
    assert [c.number for c in r.commitments] == [4, 27]
    assert _keys(r) == [(4, 1, 1), (27, 1, 1)]


@pytest.mark.parametrize("kind", ["drop_accents", "l_to_1", "I_to_l", "O_to_0"])
def test_noisy_clean_headers_stay(extract, kind):
    text = noisy(REPORT, kind, seed=1)
    assert text != REPORT  # the case really is noisy
    r = extract(text, "ocr")
    assert [c.number for c in r.commitments] == [4, 27]


@pytest.mark.parametrize("misread", ["Compromiso 9", "Compromiso 6"])  # 4 is not confusable with 9/6
def test_unconfusable_header_is_kept(extract, misread):
    r = extract(REPORT.replace("Compromiso 4\n", misread + "\n"), "ocr")
    assert r.commitments[0].number == int(misread.split()[1])


@pytest.mark.parametrize("misread, right", [("Compromiso 21.", 27), ("Compromiso 29.", 27)])
def test_misread_header_digit_is_outvoted(extract, misread, right):
    text = REPORT.replace("Compromiso 27.", misread)
    r = extract(text, "ocr")
    assert [c.number for c in r.commitments] == [4, right]
    assert _keys(r) == [(4, 1, 1), (right, 1, 1)]
    assert r.commitments[1].title.startswith("Coordinación")


def test_digital_text_keeps_printed_header(extract):
    r = extract(REPORT.replace("Compromiso 27.", "Compromiso 21."))
    assert [c.number for c in r.commitments] == [4, 21]


def test_header_listed_next_to_another_header(extract):
    # stated once in the title list, next to the other header's number: the header
    # number that appears nowhere else is the misreading
    text = REPORT.replace("para los compromisos 4 y 27", "para el plan").replace(
        "Compromiso 27.", "Compromiso 57.")
    r = extract(text, "ocr")
    assert [c.number for c in r.commitments] == [4, 27]


def test_header_stated_repeatedly_is_kept(extract):
    text = REPORT.replace("Compromiso 27.", "Compromiso 29.").replace(
        "Se terminó.", "Se terminó el compromiso 29 en marzo.")
    r = extract(text, "ocr")
    assert [c.number for c in r.commitments] == [4, 29]


def test_plan_without_header_prefers_the_lighter_reading_on_a_tie(extract):
    r = extract(PLAN.format(said=19, title=10), "ocr")
    assert {a.commitment for a in r.activities} == {10}
    r = extract(PLAN.format(said=10, title=19), "ocr")
    assert {a.commitment for a in r.activities} == {10}


def test_plan_without_header_clean(extract):
    for method in ("text", "ocr"):
        r = extract(PLAN.format(said=10, title=10), method)
        assert {a.commitment for a in r.activities} == {10}
    # digital text: the first mention, as printed
    r = extract(PLAN.format(said=19, title=10))
    assert {a.commitment for a in r.activities} == {19}


def test_commitment_mentions_lists():
    found = structure.commitment_mentions("los compromisos 10 y 19, el compromiso número 8\n28 de")
    assert [(n, listed) for n, _, listed in found] == [(10, True), (19, True), (8, False)]
    assert [n for n, _, _ in structure.commitment_mentions("compromisos 1 10\n28 de Agosto")] == [1, 10]


def test_consensus_headers_unit():
    text = "compromisos 10 y 19\nCompromiso 16\ncompromisos 10 y 19\nCompromiso 39\n"
    assert structure.consensus_headers([16, 39], text) == [10, 19]
    assert structure.consensus_headers([10, 19], text) == [10, 19]


@pytest.mark.parametrize("method", ["text", "ocr"])
def test_orphans_follow_a_header_not_a_stray_mention(extract, method):
    text = ("El informe cita el resultado del compromiso 8 del plan anterior.\n"
            "Actividad 1. Inventario de datos.\nAvance 100%. Hecho.\n"
            "Compromiso 27. Coordinación interinstitucional de datos.\n"
            "HITO 1.\nDescripción: Crear un tablero.\nActividad 1. Construcción del tablero.\nAvance 50%.\n")
    r = extract(text, method)
    assert {a.commitment for a in r.activities} == {27}
    assert [c.number for c in r.commitments] == [27]


@pytest.mark.parametrize("misread", ["Compromiso 4Ú", "Compromiso Ú"])
def test_header_number_nothing_stated_fits_is_not_guessed(extract, misread):
    # "4?" fits no number the text states; a lone "Ú" is no number at all
    r = extract(REPORT.replace("Compromiso 4\n", misread + "\n"), "ocr")
    assert [c.number for c in r.commitments] == [27]


def test_unreadable_header_digit_resolved_from_the_documents_mentions(extract):
    text = REPORT.replace("compromisos 4 y 27", "compromisos 14 y 27").replace(
        "compromisos 4 y 27.", "compromisos 14 y 27.").replace("Compromiso 4\n", "Compromiso 1Ú\n")
    r = extract(text, "ocr")
    assert [c.number for c in r.commitments] == [14, 27]
    assert _keys(r) == [(14, 1, 1), (27, 1, 1)]


def test_header_digit_read_as_a_mapped_letter(extract):
    r = extract(REPORT.replace("Compromiso 27.", "Compromiso 2T."), "ocr")
    assert [c.number for c in r.commitments] == [4, 27]


def test_header_number_unit():
    assert structure.header_number("10") == 10
    assert structure.header_number("l0") == 10
    assert structure.header_number("1Ú") == "1?"
    text = "los compromisos 10 y 19\ncompromisos 1 10\n"
    assert structure.fill_unreadable(["1?", 19], text) == [10, 19]
    assert structure.fill_unreadable(["1?", 10], text) == [19, 10]  # never a number another header has
    assert structure.fill_unreadable(["5?"], text) == [None]


CITED = ("Gobierno Abierto del Cuarto Plan de Acción Nacional de Gobierno Abierto 2018-2020.\n"
         "El 19 de marzo se presentó el cronograma del Compromiso {said} del plan.\n"
         "Presentación del cronograma del {keyword}{title} del IV Plan de Acción Nacional\n"
         "Continuidad del resultado alcanzado del compromiso número 3 del tercer PAN 2016-2018.\n"
         "Actividad 1: Inventario de datos.\nTemporalidad\nEnero de 2021 – marzo de 2021\n")


def test_commitment_of_an_earlier_plan_does_not_vote():
    text = CITED.format(said=10, keyword="compromiso ", title=10)
    assert [n for n, _, _ in structure.commitment_mentions(text)] == [10, 10]


def test_garbled_keyword_still_states_a_number():
    text = CITED.format(said=10, keyword="comproíniso'", title=10)
    assert [n for n, _, _ in structure.commitment_mentions(text)] == [10, 10]


def test_tie_between_readings_one_digit_apart_goes_to_the_lighter(extract):
    r = extract(CITED.format(said=30, keyword="comproíniso'", title=10), "ocr")
    assert {a.commitment for a in r.activities} == {10}
    r = extract(CITED.format(said=30, keyword="compromiso ", title=10), "text")
    assert {a.commitment for a in r.activities} == {30}  # a text layer: the first mention, as printed
