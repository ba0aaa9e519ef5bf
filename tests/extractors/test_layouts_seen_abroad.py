"""Layouts of other administrations' reports, letters and minutes (written for the tune6 split):
each rule of the grammar they needed, fed as text."""
from extractors import layout, ocrfix
from extractors.structure import RE_COMMIT_MENTION


def test_a_labelled_hito_with_a_dotted_number_heads_its_milestone_and_a_target_value_does_not():
    h = layout.header("Hito: 4.1 Inventario público de los acueductos comunales.")
    assert h is not None and h.path == (4, 1) and h.title.startswith("Inventario")
    assert layout.header("Meta: 100 %") is None
    assert layout.header("Meta: 4 sesiones por consejo") is None


def test_the_grammar_number_prefixes_state_a_commitment_in_prose():
    for text in ("del Compromiso N.° 2 del Plan", "el compromiso Nº 2", "el compromiso número 2"):
        m = RE_COMMIT_MENTION.search(text)
        assert m and m.group(2) == "2", text


CUADRO = """CUADRO DE SEGUIMIENTO DE HITOS

COMPROMISO N.° 4. Transparencia en la gestión comunitaria del agua

Hito: 4.1 Inventario público de los acueductos comunales.
Responsable: AyA
Fecha de inicio: 03/02/2025
Fecha de finalización: 30/06/2025
% de avance: 100 %

Hito: 4.2 Talleres regionales sobre datos abiertos del agua.
Responsable: AyA
Fecha de inicio: 01/04/2025
Fecha de finalización: 31/10/2025
% de avance: 50 %
"""


def test_labelled_hitos_of_a_tracking_sheet_are_the_commitments_milestones(extract):
    r = extract(CUADRO)
    assert [(m.commitment, m.number) for m in r.milestones] == [(4, 1), (4, 2)]
    assert r.milestones[0].description.startswith("Inventario público")


LETTER = """Asunto: Informa avance del Compromiso N.° 2 del Plan de Acción Regional

Respecto al primer hito, "Publicación del inventario regional de inversiones", le informo que se
publicaron los datos. En cuanto al segundo hito, "Implementación del visor territorial de inversiones",
el avance es de 60 %.
"""


def test_ordinal_hitos_with_quoted_titles_belong_to_the_one_commitment_the_letter_is_about(extract):
    r = extract(LETTER)
    assert [(m.commitment, m.number) for m in r.milestones] == [(2, 1), (2, 2)]
    assert r.milestones[1].description == "Implementación del visor territorial de inversiones"


MINUTES = """Informa que el Hito 1.1, expedición del reglamento cantonal de presupuesto participativo, se
encuentra cumplido al 100 %, con la ordenanza aprobada. El Hito 1.2, habilitación de la plataforma de
seguimiento de obras, registra un avance del 60 %.

El Compromiso 2 tiene el siguiente detalle:

| Hito | Descripción | Avance | Apoyo |
| 2.1 | Publicación mensual de procesos de contratación | 80 % | SERCOP |
| 2.2 | Capacitación a veedurías ciudadanas | 35 % | CPCCS |
"""


def test_appositive_hitos_in_prose_beside_a_table_of_another_commitments_hitos(extract):
    r = extract(MINUTES)
    found = {(m.commitment, m.number): m.description for m in r.milestones}
    assert found == {
        (1, 1): "Expedición del reglamento cantonal de presupuesto participativo",
        (1, 2): "Habilitación de la plataforma de seguimiento de obras",
        (2, 1): "Publicación mensual de procesos de contratación",
        (2, 2): "Capacitación a veedurías ciudadanas",
    }
    assert not r.activities


SELF_ASSESSMENT = """Para cada hito se consigna el estado y el porcentaje de avance declarado.

COMPROMISO I. Obra pública abierta

a) Publicación del tablero de obras viales.
   Estado: Completado | Avance: 100 %

b) Capacitación de uniones vecinales.
   Estado: Limitado | Avance: 30 %

COMPROMISO II. Compras abiertas

a) Publicación de los procesos de compra.
   Estado: Completado | Avance: 100 %
"""


def test_lettered_items_of_a_report_that_speaks_of_hitos_only_are_its_milestones(extract):
    r = extract(SELF_ASSESSMENT)
    assert [(m.commitment, m.number) for m in r.milestones] == [(1, 1), (1, 2), (2, 1)]
    assert not r.activities
    # the same list in a report about activities stays a list of activities
    r = extract(SELF_ASSESSMENT.replace("cada hito", "cada actividad"))
    assert [(a.commitment, a.number) for a in r.activities] == [(1, 1), (1, 2), (2, 1)]


PLAN_TABLE = """Compromiso 2. Agua abierta

Línea de acción 2.1 Apertura de los datos de operación.

| Clave | Actividad | Periodo |
| 2.1.1 | Inventario de bases de datos | Trimestre 1 2026 |
| 2.1.2 | Publicación de datos abiertos | Trimestre 3 2026 |

Responsables y entregables:
- 2.1.1: SIAPA, Gerencia de Tecnologías. Entregable: inventario validado.
- 2.1.2: CGIG. Entregable: 12 conjuntos de datos.
"""


def test_bullets_keyed_to_rows_read_already_are_remarks_not_more_activities(extract):
    r = extract(PLAN_TABLE)
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(2, 1, 1), (2, 1, 2)]


def test_a_signers_name_takes_the_spelling_the_document_writes_more_often(extract):
    from extractors import extract_document
    from tests.conftest import make_pages
    text = ("Loja, 29 de mayo de 2025\n\nEl Sr. Quizhpe pidió la palabra. El Sr. Quizhpe propuso el acuerdo.\n"
            "La Lcda. Estefanía Paz lo apoyó.\n\nAtentamente,\n\nLuis Alfredo Quishpe Guamán\nPresidente\n\n"
            "Gabriela Estefania Ontaneda Paz\nSecretaria\n")
    names = [s.name for s in extract_document(make_pages(text, "ocr")).document.signatories]
    assert "Luis Alfredo Quizhpe Guamán" in names and "Gabriela Estefanía Ontaneda Paz" in names
    # a text layer is as written
    names = [s.name for s in extract(text).document.signatories]
    assert "Luis Alfredo Quishpe Guamán" in names


def test_a_host_label_a_slip_from_the_label_other_hosts_of_the_document_write_is_that_label():
    text = ("Lineamientos de la SENACYT en https://consulta.senacvi.gob.gt/lineamientos y\n"
            "https://repositorio.senacyt.gob.gt/informes y https://www.senacyt.gob.gt/guia.\n")
    hits = ocrfix.ocr_urls(text)
    ocrfix.host_labels(hits, text)
    assert [h.host for h in hits] == ["consulta.senacyt.gob.gt", "repositorio.senacyt.gob.gt", "www.senacyt.gob.gt"]


def test_a_scans_degree_sign_and_roman_strokes_still_number_a_commitment():
    for text in ("el Compromiso N,* 2 del plan", "el Compromiso N.? 2 del plan"):
        assert RE_COMMIT_MENTION.search(text).group(2) == "2", text
    h = layout.ocr_header("COMPROMISO JIL Justicia de paz cercana", lambda token: None)
    assert h is not None and h.path == (3,) and h.title == "Justicia de paz cercana"
    assert layout.ocr_header("Fase inicial del plan", lambda token: None) is None


def test_a_newsrooms_masthead_makes_a_news_item_of_the_report_it_covers(extract):
    text = ("GOBERNACIÓN DE ANTIOQUIA\nSala de Prensa | Noticias\n\nAntioquia cumple el 68 % de su plan\n\n"
            "El informe de seguimiento fue presentado ante la Secretaría de Transparencia.\n\n"
            "Medellín, 2 de septiembre de 2025\n\nLa Gobernación presentó el balance del plan.\n")
    assert extract(text).document.type == "news"
    assert extract(text.replace("Sala de Prensa | Noticias\n", "")).document.type == "progress_report"


def test_a_hito_whose_progress_field_is_empty_is_flagged_though_a_date_and_a_commitment_total_follow(extract):
    text = CUADRO.replace("% de avance: 50 %", "% de avance:\nSemáforo: rojo") \
        + "\nAvance ponderado del Compromiso N.° 4: 50 %\n"
    flags = [f for f in extract(text).flags if f.kind == "milestone_without_progress"]
    assert [f.value for f in flags] == ["Talleres regionales sobre datos abiertos del agua."]
