"""Layouts met in a sixth round (tune9 read again: a Guatemalan oficio with its report, Colombian
committee minutes, a Chilean self-assessment, a Honduran press release): each rule they needed,
fed as text written here."""
from extractors import extract_document
from extractors.organizations import organizations
from tests.conftest import make_pages

REPORT = """INFORME DE AVANCE

Compromiso 2: Compras públicas abiertas en los municipios

Hito 2.1. Portal de compras municipales en datos abiertos.

Actividad 2.1.1. Inventario de los sistemas de compras de los municipios.
Temporalidad: enero - marzo 2024
Producto: Inventario de sistemas.
Medio de verificación: Informe aprobado.
Avance: 100%

Actividad 2.1.2. Curso de datos abiertos con la Escuela Nacional de
Administración Municipal.
Temporalidad: abril - junio 2024
Producto: Curso impartido.
Medio de verificación: Listado de participantes.
Avance: treinta por ciento

Actividad 2.1.3. Publicación del portal.
Del 01/09/2024 al 30/06/2024 | Avance: 0%
"""


def test_a_field_label_that_is_also_a_level_word_is_a_field_under_numbered_activities():
    r = extract_document(make_pages(REPORT))
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(2, 1, 1), (2, 1, 2), (2, 1, 3)]
    assert r.activities[0].product == "Inventario de sistemas."


def test_progress_in_words_and_at_zero_are_read():
    r = extract_document(make_pages(REPORT))
    assert [a.progress for a in r.activities] == [100, 30, 0]


def test_a_header_title_broken_after_a_connector_goes_on_in_a_text_layer():
    r = extract_document(make_pages(REPORT))
    assert r.activities[1].title == "Curso de datos abiertos con la Escuela Nacional de Administración Municipal."


def test_a_line_that_is_only_a_date_range_is_its_activitys_period():
    r = extract_document(make_pages(REPORT))
    assert [(p.start, p.end) for p in r.activities[2].periods] == [("2024-09-01", "2024-06-30")]
    assert "date_range_inverted" in {f.kind for f in r.flags}


def test_a_sentence_opening_with_a_range_is_no_period_line():
    text = REPORT.replace("Del 01/09/2024 al 30/06/2024 | Avance: 0%",
                          "Marzo a junio de 2024. Se reunieron los equipos técnicos.")
    assert extract_document(make_pages(text)).activities[2].periods == []


MINUTES = """ACTA DE LA TERCERA SESIÓN DEL COMITÉ DE GOBIERNO ABIERTO

Fecha: 12 de marzo de 2025
Lugar: Sala de juntas, segundo piso, Palacio Municipal

1. Verificación del quórum. Se verifica el quórum con siete integrantes.
2. Seguimiento del plan. La secretaría presenta el avance de los compromisos.

Siendo las 11:00 a.m. se levanta la sesión. Para constancia se firma en Pereira, a los doce (12) días del mes de marzo de 2025.

MARTA LUCÍA GÓMEZ RESTREPO
Presidenta del Comité

CARLOS ANDRÉS VILLEGAS MEJÍA
Secretario Técnico

Cel. 311 555 0101
Anexo: listado de asistencia (1 folio).
"""


def test_minutes_signed_by_two_above_contact_and_annex_lines():
    r = extract_document(make_pages(MINUTES))
    assert [s.name.lower() for s in r.document.signatories] == ["marta lucía gómez restrepo", "carlos andrés villegas mejía"]


def test_the_closing_formula_names_the_place_of_minutes():
    assert extract_document(make_pages(MINUTES)).document.place == "Pereira"


NEWS = """NOTA DE PRENSA

Ciudad de Guatemala, 3 de julio de 2025. El Ministerio de Comunicaciones presentó el avance del
Compromiso 5 del plan de acción, sobre la transparencia en la obra pública.

Hito 1, cumplido

El primer hito del compromiso, que consiste en publicar los contratos de obra vial en datos abiertos, se cumplió en marzo. Se ejecutaron dos actividades:

- Actividad 1.1: revisión de los contratos vigentes, realizada durante el I trimestre de 2025, con un avance del 100%.
- Actividad 1.2: carga de los contratos en el portal, ejecutada de enero a marzo de 2025, con un avance del 100%.

El segundo hito, la capacitación de los auditores sociales, avanza según lo previsto. La Actividad 2.1, formación de los auditores en los departamentos, programada de abril a junio de 2025, lleva un 40%. La Actividad 2.2, publicación del informe de auditoría, aún no registra avance (0%).
"""


def test_hitos_named_in_prose_by_ordinal_with_activities_listed_and_in_sentences():
    r = extract_document(make_pages(NEWS))
    assert [(m.commitment, m.number) for m in r.milestones] == [(5, 1), (5, 2)]
    assert r.milestones[0].description.startswith("Publicar los contratos de obra vial")
    assert [(a.commitment, a.milestone, a.number, a.progress) for a in r.activities] == [
        (5, 1, 1, 100), (5, 1, 2, 100), (5, 2, 1, 40), (5, 2, 2, 0)]
    assert r.activities[0].title.lower() == "revisión de los contratos vigentes"  # the clauses that date it cut off
    assert [(p.start, p.end) for p in r.activities[0].periods] == [("2025-01", "2025-03")]
    assert [(p.start, p.end) for p in r.activities[2].periods] == [("2025-04", "2025-06")]


def test_a_post_before_a_common_word_names_no_body():
    assert organizations("Responsable: Coordinadora de Participación\nAcción 3.2 – Informe final") == []
