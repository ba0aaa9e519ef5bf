"""The layout grammar (extractors/data/grammar.json) applied to lines and documents."""
from __future__ import annotations

import pytest

from extractors import layout
from extractors.text import normalise_page


@pytest.mark.parametrize("line, level, path, scheme", [
    ("Compromiso 10: Fortalecimiento", "compromiso", (10,), "arabic"),
    ("Hito 5.1 Implementar", "hito", (5, 1), "dotted"),
    ("Actividad 2.1.3 Taller", "actividad", (2, 1, 3), "dotted"),
    ("COMPROMISO IV", "compromiso", (4,), "roman"),
    ("Meta b) Reducir la mora", "meta", (2,), "letter"),
    ("Primera acción: Diseñar el curso", "accion", (1,), "ordinal"),
    ("Act. 3 Reunión", "actividad", (3,), "arabic"),
    ("Línea de acción 1.2: Portal", "linea", (1, 2), "dotted"),
    ("Fase I – Diagnóstico", "fase", (1,), "roman"),
    ("EJE No. 5 GOBIERNOS LOCALES", "eje", (5,), "arabic"),
    ("Linea de acción 2,1 - Mesas de cocreación", "linea", (2, 1), "dotted"),  # a comma OCR printed for a dot
    ("Acción 1,2,1 Aprobación de la ordenanza", "accion", (1, 2, 1), "dotted"),  # every dot a comma
    ("Actividad dos: Taller de validación", "actividad", (2,), "word"),
])
def test_headers_in_every_numbering_scheme(line, level, path, scheme):
    h = layout.header(line)
    assert (h.level.name, h.path, h.scheme) == (level, path, scheme)


@pytest.mark.parametrize("line", [
    "Compromiso 14 del Tercer Plan de Acción",  # a wrapped sentence, not a header
    "Compromiso 10, 11 y 12 fueron aprobados",
    "Meta 2030: reducir la mora judicial",  # a year names a target
    "HITO 99999999999999999999.",
    "Actividad 3000000000",
    "Producto a entregar",
    "Actividad de seguimiento: revisión",
])
def test_prose_and_out_of_range_numbers_are_no_headers(line):
    assert layout.header(line) is None


@pytest.mark.parametrize("levels, expected", [
    (["compromiso", "hito", "actividad"], {"compromiso": "commitment", "hito": "milestone", "actividad": "activity"}),
    (["eje", "linea", "fase"], {"eje": "commitment", "linea": "milestone", "fase": "activity"}),
    (["eje", "objetivo", "meta", "accion"],
     {"eje": "group", "objetivo": "commitment", "meta": "milestone", "accion": "activity"}),
    (["fase", "actividad"], {"fase": "milestone", "actividad": "activity"}),
    (["compromiso", "actividad"], {"compromiso": "commitment", "actividad": "activity"}),
])
def test_roles_come_from_the_levels_a_document_uses(levels, expected):
    lines = {"compromiso": "Compromiso 1: A", "hito": "Hito 1: B", "actividad": "Actividad 1: C",
             "eje": "Eje 1: D", "linea": "Línea de acción 1.1: E", "fase": "Fase I: F",
             "objetivo": "Objetivo 1: G", "meta": "Meta 1: H", "accion": "Acción 1: I"}
    headers = [(i, layout.header(lines[name])) for i, name in enumerate(levels)]
    assert layout.roles(headers) == expected


def test_several_fields_on_one_line():
    found = layout.fields("Fecha de inicio: 06/02/2025 – Fecha de fin: 28/02/2025")
    assert [(f.name, f.value) for f in found] == [("start", "06/02/2025"), ("end", "28/02/2025")]
    found = layout.fields("Período: I semestre 2024 Avance: 100 %")
    assert [(f.name, f.value) for f in found] == [("period", "I semestre 2024"), ("progress", "100 %")]


def test_a_one_word_label_needs_a_colon():
    assert layout.fields("Avance significativo en la publicación") == []
    assert [f.name for f in layout.fields("Avance: 40 %")] == ["progress"]


def test_fields_after_a_sentence():
    cut, found = layout.inline_fields("Diagnóstico del portal. Calendario: del 4 al 12 de abril de 2024.")
    assert cut == len("Diagnóstico del portal. ")
    assert [f.name for f in found] == ["period"]


def test_a_table_header_names_its_columns():
    row = layout.cells("| No. | Actividad | Inicio | Fin | Avance |")
    assert layout.column_names(row) == ["number", "title", "start", "end", "progress"]
    assert layout.cells("HITO 7. | | Ei") is None  # an empty cell inside: specks, no row


@pytest.mark.parametrize("token, value", [("Il", 2), ("HI", 3), ("EV", 4), ("I[", 2), ("Y", None), ("l", None)])
def test_roman_numerals_as_ocr_prints_their_strokes(token, value):
    assert layout.ocr_roman(token) == value


def test_table_bars_ocr_printed_as_brackets():
    text = "| N.° ¡ Actividad | Período ¡ Avance |\n| 1] Diseño del formato | ene-mar 2024 | 100% |\n"
    assert normalise_page(text, ocr=True).text.splitlines() == [
        "| N.° | Actividad | Período | Avance |", "| 1| Diseño del formato | ene-mar 2024 | 100% |"]
    assert normalise_page("Se reunió (en marzo) la mesa.\n", ocr=True).text == "Se reunió (en marzo) la mesa.\n"


def test_three_levels_that_start_with_two_roles_move_up_in_turn():
    from extractors.layout import header, roles
    lines = ["RESULTADO 1. Información municipal abierta", "Producto 1.1. Portal de datos",
             "Actividad 1.1.1. Inventario.", "Actividad 1.1.2. Publicación.", "Producto 1.2. Presupuesto",
             "Actividad 1.2.1. Guía.", "Tarea : :"]
    heads = [(i, h) for i, l in enumerate(lines) if (h := header(l))]
    assert roles(heads) == {"resultado": "commitment", "producto": "milestone", "actividad": "activity"}


def test_a_bar_printed_twice_after_a_number_cell_makes_no_empty_cell():
    from extractors import layout
    assert [c for c, _ in layout.cells("| a| | Actualizar el catálogo | 1 trimestre 2025 | 100 % |")] == [
        "a", "Actualizar el catálogo", "1 trimestre 2025", "100 %"]
    assert layout.cells("| Actualizar el catálogo | | 100 % |") is None  # an empty cell inside: no row


def test_after_a_semicolon_a_label_may_take_its_value_bare():
    from extractors import layout
    cut, found = layout.inline_fields("Levantamiento de requerimientos; periodo: octubre a diciembre de 2024; avance 100 %.")
    assert [(f.name, f.value) for f in found] == [("period", "octubre a diciembre de 2024"), ("progress", "100 %.")]


def test_a_header_rows_bar_read_as_a_letter_still_parts_two_column_names():
    row = layout.cells("| N.* i Actividad | Período | Avance |")
    assert layout.column_names(row) == ["number", "title", "period", "progress"]


@pytest.mark.parametrize("scan, text", [
    ("Cusco, 9 de abril de 2U25\n", "Cusco, 9 de abril de 2025\n"),
    ("Plazo: del 03/032025 al 2803/2025\n", "Plazo: del 03/03/2025 al 28/03/2025\n"),
    ("Periodo: del 03/03:2025 al 30:04/2025\n", "Periodo: del 03/03/2025 al 30/04/2025\n"),
    ("| Pruebas | 14042025 | 30/05/2025 |\n", "| Pruebas | 14/04/2025 | 30/05/2025 |\n"),
    ("del 14 Je julio al 8 de agosto\n", "del 14 de julio al 8 de agosto\n"),
    ("del 14 áe julio al 8 de agosto\n", "del 14 de julio al 8 de agosto\n"),
    ("Oficio de 30 dde julio de 2025\n", "Oficio de 30 de julio de 2025\n"),
    ("desde el 14 del julio pasado\n", "desde el 14 del julio pasado\n"),
    ("el período J de junio al 30 de junio\n", "el período 1 de junio al 30 de junio\n"),
    # not dates: a resolution's number, a time, a count
    ("Resolución 2803/2025 del Pleno\n", "Resolución 2803/2025 del Pleno\n"),
    ("de 12:30/2024\n", "de 12:30/2024\n"),
    ("son 21 de las mesas\n", "son 21 de las mesas\n"),
])
def test_dates_a_scan_garbled_are_read_as_printed(scan, text):
    assert normalise_page(scan, ocr=True).text == text
    assert normalise_page(scan, ocr=False).text == scan  # a text layer says what it says


@pytest.mark.parametrize("scan, text", [
    ("Avance: B0 %\n", "Avance: 80 %\n"),
    ("Avance: O %. Sin inicio.\n", "Avance: 0 %. Sin inicio.\n"),
    ("un avance global del 73 %%. Se destaca\n", "un avance global del 73 %. Se destaca\n"),
    ("Ayance: 80 oh Verificación\n", "Avance: 80 % Verificación\n"),
    ("Avance: 26 Y.\n", "Avance: 26 %.\n"),
    # words elsewhere: only a progress label makes `Y` a percent sign
    ("entre 20 Y 30 personas\n", "entre 20 Y 30 personas\n"),
    ("Oficio lO %\n", "Oficio lO %\n"),
])
def test_percent_signs_and_digits_a_scan_misread(scan, text):
    assert normalise_page(scan, ocr=True).text == text


@pytest.mark.parametrize("row", ["UN. Hito / actividad | Fecha de inicio | Fecha de término |",
                                 "| N.? | Hito / actividad | Fecha de inicio | Fecha de término |"])
def test_a_number_column_a_scan_glued_to_the_next_or_misread_is_still_one(row):
    assert layout.column_names(layout.cells(row)) == ["number", "title", "start", "end"]


def test_a_column_name_with_an_ocr_letter_confusion_and_a_letter_misread_names_its_column():
    from extractors import layout
    # `Ciaye`: Clave with i for l (a confusion OCR makes) and y for v
    assert [c for c, _ in layout.spaced_header("Ciaye Actividad Inicio Término Avance")] == \
        ["Ciaye", "Actividad", "Inicio", "Término", "Avance"]
    assert layout.column_names(layout.spaced_header("Ciaye Actividad Inicio Término Avance"))[0] == "number"
    # two letters misread with no confusion among them: no name
    assert layout.spaced_header("Crame Actividad Inicio Término Avance") is None


def test_a_date_cell_whose_months_first_letter_a_scan_printed_as_a_mark_keeps_its_row():
    from extractors import layout
    columns = layout.column_names(layout.spaced_header("Clave Actividad Inicio Término Avance"))
    row = layout.typed_row("1.2 Estandarización de campos de datos abr-2025 ¡un-2025 100 %", columns)
    assert [c for c, _ in row] == ["1.2", "Estandarización de campos de datos", "abr-2025", "¡un-2025", "100 %"]
    # a mark before two letters only: `¡a-2025` is no month
    assert layout.typed_row("1.2 Estandarización de campos de datos abr-2025 ¡a-2025 100 %", columns) is None


def test_after_a_dotted_numbers_own_dot_a_lower_case_word_is_a_title_not_prose():
    from extractors import layout
    h = layout.header("Línea de acción 3.1. fortalecimiento del Portal Único de Transparencia.")
    assert h is not None and h.path == (3, 1) and h.title.startswith("fortalecimiento")
    # a plain number before lower case is prose a wrap brought to the line's start
    assert layout.header("Compromiso 14 del Tercer Plan de Acción") is None


def test_a_check_box_as_a_scan_prints_it_before_a_header_is_no_part_of_it():
    from extractors import layout
    for line in ("| | Act. 3.2.3 Pruebas de usabilidad", "[=] Act. 3.2.3 Pruebas de usabilidad"):
        h = layout.header(line)
        assert h is not None and h.path == (3, 2, 3) and h.title == "Pruebas de usabilidad"
