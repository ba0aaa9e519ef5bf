"""Each repair of OCR noise is kept on the provenance of the records it touched."""
from __future__ import annotations

PLAN = ("Compromiso 2\nHITO 1.\nDescripción larga del hito.\n{act} 2: Reunión de trabajo.\n"
        "Temporalidad\nMarzo de 2019.\nAvance 100%. Se realizó.\n")


def test_a_repaired_keyword_is_on_the_record(extract):
    r = extract(PLAN.format(act="Acfivdad"), "ocr")
    repairs = r.activities[0].provenance.repairs
    assert [(x.rule, x.before, x.after) for x in repairs] == [("structure_keyword", "Acfivdad", "Actividad")]


def test_a_clean_reading_has_no_repair(extract):
    r = extract(PLAN.format(act="Actividad"), "ocr")
    assert r.activities[0].provenance.repairs == ()


def test_a_text_layer_is_read_as_written(extract):
    r = extract(PLAN.format(act="Acfivdad"), "text")
    assert not r.activities and not any(m.provenance and m.provenance.repairs for m in r.milestones)


def test_a_repaired_url_keeps_what_the_page_says(extract):
    text = ("Las fichas están en https://www.ambiente.gub.uy/datos y en https://www.ambiente.gub.uy/fichas;\n"
            "el resto en https://www.ambiente.gub.uy/infarmes-anuales/2024 y https://www.ambiente.gub.uy/infarmes.\n"
            "Los informes anuales se publican cada año: informes de gestión e informes técnicos.\n")
    urls = {u.url: u.provenance.repairs for u in extract(text, "ocr").urls}
    assert "https://www.ambiente.gub.uy/datos" in urls  # a real second-level domain is not "repaired"
    assert urls["https://www.ambiente.gub.uy/datos"] == ()


TABLE = ("| N.º | Actividad | Inicio | Fin | Avance |\n"
         "| 1 | Mapeo del procedimiento | ene-24 | feb-24 | 100 % |\n"
         "| 2 | Propuesta de ordenanza | mar-24 | jun-24 180% |\n"
         "| 3 | Pruebas con usuarios | ago-24 | set-2410% |\n")


def test_a_bar_read_as_a_digit_goes_back_between_the_cells(extract):
    r = extract(TABLE, "ocr")
    assert sorted(p.value for p in r.percentages) == [0, 80, 100]
    fused = [x for p in r.percentages for x in p.provenance.repairs if x.rule == "fused_cell_bar"]
    assert fused, "the repair is kept on the record"


def test_a_text_layer_table_keeps_its_digits(extract):
    r = extract(TABLE, "text")
    assert sorted(p.value for p in r.percentages) == [100]


def test_a_percent_sign_set_apart(extract):
    r = extract("Avance: 80 Yo. Plazo: julio a diciembre - Avance: 50 9%\n", "ocr")
    assert sorted(p.value for p in r.percentages) == [50, 80]
    assert sorted(p.value for p in extract("Se visitaron 80 Yo municipios.\n", "text").percentages) == []


def test_misread_level_keywords_of_the_grammar_are_restored(extract):
    text = ("EJE 2. PARTICIPACIÓN CIUDADANA\n"
            "Enea de acción 2.1. Presupuestos participativos de barrio.\n"
            "Fose 1. Recogida de propuestas vecinales. Calendario: de enero a junio de 2025.\n"
            "£. ¿nea de acción 2.2. Reglamento de participación.\n"
            "Fase 1. Consulta pública previa. Calendario: de abril a mayo de 2025.\n")
    r = extract(text, "ocr")
    assert sorted((m.commitment, m.number) for m in r.milestones) == [(2, 1), (2, 2)]
    assert sorted((a.commitment, a.milestone, a.number) for a in r.activities) == [(2, 1, 1), (2, 2, 1)]
    rules = {x.rule for m in r.milestones for x in m.provenance.repairs}
    assert rules == {"structure_keyword"}


def test_a_label_or_header_with_one_letter_misread(extract):
    text = ("Compromiso 6\nHito: Capacitación de compradores públicos.\n"
            "Actividad 1. Diseño del módulo virtual.\nPerioda: enero - febrero 2024  Avance: 100 %\n"
            "Bito: Tablero ciudadano de precios.\nActividad 1. Publicación del tablero.\n"
            "Perioda: marzo - abril 2024  Avance: 40 %\nFecha: 19 de marzo de 2024\n")
    r = extract(text, "ocr")
    assert [m.number for m in r.milestones] == [1, 2]
    assert [(a.milestone, a.progress, [(p.start, p.end) for p in a.periods]) for a in r.activities] == [
        (1, 100, [("2024-01", "2024-02")]), (2, 40, [("2024-03", "2024-04")])]


def test_a_header_misread_past_the_keyword_repair_continues_the_numbered_headers_before_it(extract):
    text = ("Compromiso 4: Compras públicas abiertas\n"
            "Hito 1: Diagnóstico de las compras\nActividad 1: Levantamiento de datos. Avance 100%.\n"
            "Hito 2: Publicación de datos\nActividad 1: Definición de campos. Avance 50%.\n"
            "{word} 3: Capacitación y uso ciudadano\nActividad 1: Curso en línea. Avance 20%.\n")
    read = extract(text.format(word="Mio"), "ocr")
    assert [m.number for m in read.milestones] == [1, 2, 3]
    assert [(a.milestone, a.progress) for a in read.activities] == [(1, 100), (2, 50), (3, 20)]
    third = next(m for m in read.milestones if m.number == 3)
    assert [(r.rule, r.before, r.after) for r in third.provenance.repairs] == [("header_sequence", "Mio", "Hito")]
    # a word unlike the keyword, a number out of sequence, a text layer: read as written
    for word, method in (("Paso", "ocr"), ("Mio", "text")):
        assert [m.number for m in extract(text.format(word=word), method).milestones] == [1, 2]
    assert [m.number for m in extract(text.format(word="Mio").replace("Mio 3", "Mio 5"), "ocr").milestones] == [1, 2]


def test_a_word_in_a_numbered_headers_shape_is_no_field_label():
    from extractors.text import normalise_page
    # `Mio` is as near `Medio` (de verificación) as a label's first word gets, but a label takes no number
    assert normalise_page("Mio 3: Capacitación y uso ciudadano\n", ocr=True).text == \
        "Mio 3: Capacitación y uso ciudadano\n"


def test_a_scanned_line_ending_in_a_connector_does_not_run_into_a_numbered_header_below(extract):
    text = ("EJE 3 - INTEGRIDAD PÚBLICA y\n"
            "Línea de acción 3.1 - Declaraciones juradas patrimoniales en formato abierto.\n"
            "Etapa 1. Adecuación normativa. Periodo: marzo - julio 2024 Avance: 80 %\n")
    read = extract(text, "ocr")
    assert [(m.commitment, m.number) for m in read.milestones] == [(3, 1)]
    assert [(a.milestone, a.number, a.progress) for a in read.activities] == [(1, 1, 80)]
    # prose wrapped after a connector still joins
    from extractors.text import normalise_page
    assert normalise_page("La mesa revisó el plan y\nacordó publicarlo.\n", ocr=True).text.startswith(
        "La mesa revisó el plan y acordó")
