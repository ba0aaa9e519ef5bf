import pytest

from extractors.counts import claims
from tests.noise import noisy

REPORT = """Informe Final del cumplimiento del compromiso 4, al 15 de Marzo 2021.
Compromiso 4
Mejora de servicios en línea.
HITO 1.
Descripción: Publicar datos abiertos de compras. Incluye anexos.
Actividad 1. Diseño del catálogo de datos.
Avance 100%. Se publicó el catálogo.
Actividad 2. Capacitación a enlaces.
Avance del 50%. Se realizaron dos talleres.
HITO 2.
Crear un tablero de seguimiento.
Actividad 1. Construcción del tablero.
Avance 100%. Se invitará a las entidades a revisarlo.
HITO 3.
Fortalecer la rendición de cuentas.
Las actividades las coordina otra entidad.
"""

PLAN = """Presentación del cronograma del Compromiso 7 del plan.
Impulsar la apertura de datos municipales en todo el país según el plan aprobado.
Actividad 1: Inventario de datos.
Temporalidad
Enero de 2021 – marzo de 2021
Producto a entregar
Inventario.
Medio de verificación
Informe.
Actividad 2: Publicación del inventario.
Temporalidad
Abril – junio 2021.
Producto a entregar
Portal.
Medio de verificación
Enlace.
Fortalecer las capacidades de las oficinas de acceso a la información pública municipal.
Actividad 1: Reunión para el desarrollo del hito 4.
Temporalidad
Julio de 2021.
Producto a entregar
Agenda.
Medio de verificación
Fotos.
"""


def _keys(records):
    return [(a.commitment, a.milestone, a.number) for a in records.activities]


def test_report_structure(extract):
    r = extract(REPORT)
    assert r.document.type == "progress_report"
    assert [(m.commitment, m.number) for m in r.milestones] == [(4, 1), (4, 2), (4, 3)]
    assert r.milestones[0].description == "Publicar datos abiertos de compras."
    assert _keys(r) == [(4, 1, 1), (4, 1, 2), (4, 2, 1)]
    assert [a.progress for a in r.activities] == [100, 50, 100]


@pytest.mark.parametrize("kind", ["drop_accents", "l_to_1", "I_to_l", "o_acute_to_e"])
def test_report_structure_survives_noise(extract, kind):
    r = extract(noisy(REPORT, kind, seed=3), "ocr")
    assert [(m.commitment, m.number) for m in r.milestones] == [(4, 1), (4, 2), (4, 3)]
    assert [a.progress for a in r.activities] == [100, 50, 100]


@pytest.mark.parametrize("header", ["HlTO 2.", "HITO €.", "Hito II."])
def test_misread_hito_headers(extract, header):
    r = extract(REPORT.replace("HITO 2.", header), "ocr")
    assert [m.number for m in r.milestones] == [1, 2, 3]


def test_misread_activity_keyword(extract):
    r = extract(REPORT.replace("Actividad 2.", "Actividdad 2.").replace("Avance del 50%", "Avanoe del 50 %"),
                "ocr")
    assert _keys(r)[1] == (4, 1, 2) and r.activities[1].progress == 50


def test_plan_with_unnumbered_hitos(extract):
    r = extract(PLAN)
    assert r.document.type == "work_plan"
    assert [(m.commitment, m.number) for m in r.milestones] == [(7, 1), (7, 4)]
    assert _keys(r) == [(7, 1, 1), (7, 1, 2), (7, 4, 1)]
    assert [(p.start, p.end) for p in r.activities[1].periods] == [("2021-04", "2021-06")]
    assert r.activities[0].product == "Inventario."


def test_repeated_number_between_neighbours_is_corrected(extract):
    text = PLAN.replace("Actividad 2: Publicación", "Actividad 1: Publicación").replace(
        "Actividad 1: Inventario", "Actividad 1: Inventario", 1)
    text = text.replace("Enlace.\n", "Enlace.\nActividad 3: Cierre.\nTemporalidad\nJulio 2021.\n", 1)
    r = extract(text)
    first = [a for a in r.activities if a.milestone == 1]
    assert [a.number for a in first] == [1, 2, 3]
    assert first[1].printed_number == 1


def test_letter_header_and_prose_hito(extract):
    text = ("ABC-0012-2021\nGuatemala, 3 de mayo de 2021\nSeñora\nAna Lucía Pérez Díaz\nAlcaldesa\n"
            "Estimada señora:\nSe ha establecido el hito 2, que es la publicación de datos en el portal. "
            "La reunión será el 10 de mayo del presente año.\nAtentamente\nLic. Juan Carlos Rosales\n")
    r = extract(text)
    d = r.document
    assert (d.type, d.reference, d.place) == ("letter", "ABC-0012-2021", "Guatemala")
    assert d.issued.isoformat() == "2021-05-03"
    assert [p.name for p in d.recipients] == ["Ana Lucía Pérez Díaz"]
    assert [p.name for p in d.signatories] == ["Juan Carlos Rosales"]
    assert [(m.commitment, m.number) for m in r.milestones] == [(None, 2)]
    assert "2021-05-10" in [x.value.isoformat() for x in r.dates]


def test_provenance_points_into_page_text(extract):
    r = extract(REPORT + "\f" + "Actividad 9. Otra cosa.\nAvance 100%. Hecho.\n")
    last = r.activities[-1]
    assert last.provenance.page == 2
    page_text = "Actividad 9. Otra cosa.\nAvance 100%. Hecho.\n"
    p = last.provenance
    assert page_text[p.start:p.end] == p.raw and p.raw.startswith("Actividad 9")


def test_unnumbered_commitment_headers_do_not_fail_the_document(extract):
    text = ("Compromiso: Transparencia en compras.\nActividad 1. Publicar datos.\nAvance: 50 %\n"
            "Compromiso: Participación ciudadana.\nActividad 1. Mesas de diálogo.\nAvance: 20 %\n")
    r = extract(text)
    assert [a.progress for a in r.activities] == [50, 20]


@pytest.mark.parametrize("sentence", [
    "En el marco del Compromiso 9 del plan.\nEl taller corresponde al hito 2 del referido compromiso, «Capacidades locales en transparencia», y se hará en junio.",
    "Se informa del avance del compromiso 9 y en especial de su hito 2: «Capacidades locales en transparencia».",
    "Del compromiso 9, el hito 9.2 —capacidades locales en transparencia— alcanzó un 40 %.",
])
def test_hitos_named_in_prose(extract, sentence):
    r = extract(sentence + "\n")
    assert [(m.commitment, m.number) for m in r.milestones] == [(9, 2)]
    assert "transparencia" in r.milestones[0].description.lower()


def test_a_table_of_hitos_numbered_inside_the_title_cell(extract):
    text = ("Compromiso 5\n| Hito | Avance reportado | Fecha límite |\n"
            "| 5.2 Publicación mensual de giros | 20 % | 30/09/2024 |\n"
            "| 5.3 Tablero territorial | 15 % | 31/10/2024 |\n")
    assert [(m.commitment, m.number) for m in extract(text).milestones] == [(5, 2), (5, 3)]


def test_signatures_closing_minutes_and_letters(extract):
    body = ("Se trataron los avances del plan de acción y los compromisos de seguimiento de cada\n"
            "institución participante, con los plazos y responsables acordados en la sesión anterior.\n")
    minutes = ("Acta N° 41\nMontevideo, 12 de marzo de 2025\n" + body + "Se da por finalizada la reunión.\n"
               "Lucía Beatriz Ferreira Olivera\nCoordinación, AGESIC\nSantiago Nicolás Barrios Correa\nARCE\n")
    assert [p.name for p in extract(minutes).document.signatories] == [
        "Lucía Beatriz Ferreira Olivera", "Santiago Nicolás Barrios Correa"]
    letter = ("Oficio No. 12-2024\nLima, 3 de marzo de 2024\nSeñora\nAna Pérez Soto\nPresente\n"
              + body + "Saludo a usted muy atentamente,\nQ.F. Andrea Soledad Pereyra Núñez\n"
              "Directora Nacional\n")
    assert [p.name for p in extract(letter).document.signatories] == ["Andrea Soledad Pereyra Núñez"]


def test_a_list_a_heading_announces_is_of_activities(extract):
    text = ("Compromiso 3\nHito 3.1 Portal de datos abiertos.\nActividades previstas:\n"
            "• Inventario de los conjuntos de datos de la institución.\n"
            "• Publicación de los conjuntos priorizados en el portal.\n"
            "Hito 3.2 Rendición de cuentas.\nSe informará en el segundo semestre.\n"
            "• Un punto que no es actividad.\n")
    assert [(a.commitment, a.milestone, a.number) for a in extract(text).activities] == [(3, 1, 1), (3, 1, 2)]


MIXED_TABLE = ("| N.° | Hito / actividad | Inicio | Fin | Avance |\n"
               "| 2.1 | HITO: Simplificación del procedimiento | | | |\n"
               "| 2.1.1 | Mapeo del procedimiento vigente | ene-24 | feb-24 | 100 % |\n"
               "| 2.2 | Plataforma de licencias en línea | | | |\n"
               "| 2.2.1 | Desarrollo del módulo de solicitud | abr-24 | jul-24 | 70 % |\n")


def test_mixed_table_rows_with_empty_cells_are_hitos(extract):
    r = extract(MIXED_TABLE, "text")
    assert sorted((m.commitment, m.number) for m in r.milestones) == [(2, 1), (2, 2)]
    assert sorted((a.commitment, a.milestone, a.number, a.progress) for a in r.activities) == [
        (2, 1, 1, 100), (2, 2, 1, 70)]


def test_scanned_table_keeps_its_columns_across_a_garbled_row(extract):
    text = ("¡N.? | Hito / actividad | Inicio | Fini Avance ¡\n"
            "¡2.1! HITO: Simplificación del procedimiento ¡|\n"
            "| 2.1.1 | Mapeo del procedimiento vigente | ene-24 | feb-24 | 100 % |\n"
            "!2,1.2/ Aprobación mediante ordenanza municipal | may-24 | jun-24 180% ||\n"
            "12.2 HITO: Plataforma de licencias en línea | |j'\n"
            "'2,2.1 | Desarrollo del módulo de solicitud | abr-24 | jul-24 | 70% |\n")
    r = extract(text, "ocr")
    assert sorted((a.commitment, a.milestone, a.number, a.progress) for a in r.activities) == [
        (2, 1, 1, 100), (2, 1, 2, 80), (2, 2, 1, 70)]


def test_a_roman_commitment_misread_takes_its_number_from_the_order(extract):
    text = ("COMPROMISO 1418 Publicar en formato abierto la información presupuestaria.\n"
            "Meta 1: Portal de datos abiertos operativo.\n"
            "Acción 1. Inventario de la información pública.\nAvance: 100 %\n"
            "COMPROMISO IV. Fortalecer la participación ciudadana.\n"
            "Meta 1: Presupuesto participativo construido.\n"
            "Acción 1. Asambleas parroquiales.\nAvance: 15 %\n")
    assert sorted(c.number for c in extract(text, "ocr").commitments) == [3, 4]
    assert sorted(c.number for c in extract(text.replace("IV.", "4."), "ocr").commitments) == [4, 1418]


def test_a_table_without_rules_is_read_by_its_typed_cells(extract):
    text = ("Compromiso 1. Padrón abierto de beneficiarios\n"
            "Clave Actividad Inicio Término Avance\n"
            "1.1 Diagnóstico de padrones existentes ene-2025 mar-2025 100 %\n"
            "1.2 Publicación del padrón en datos abiertos jul-2025 sep-2025 80 %\n"
            "Avance promedio del plan al corte: 69 %.\n")
    r = extract(text, "text")
    assert [(a.commitment, a.milestone, a.number, a.progress, [(p.start, p.end) for p in a.periods])
            for a in r.activities] == [(1, None, 1, 100, [("2025-01", "2025-03")]),
                                       (1, None, 2, 80, [("2025-07", "2025-09")])]


def test_a_misread_phrase_keyword_takes_the_closest_form(extract):
    r = extract("EJE ESTRATÉGICO 2. INTEGRIDAD EN LA GESTIÓN\nLínea de acción 2.1. Contratos abiertos.\n"
                "Actividad 1. Publicar contratos. Avance: 50 %\n", "ocr")
    assert [(c.number, c.title) for c in r.commitments][0][0] == 2
    assert [(m.commitment, m.number) for m in r.milestones] == [(2, 1)]


def test_a_status_report_with_check_boxes(extract):
    text = ("COMPROMISO 3: DATOS ABIERTOS DE CONTRATACIÓN PÚBLICA\n"
            "Hito 3.1. Publicación de la contratación pública en formato abierto\n"
            "[x] Act. 3.1.1 Mapeo de los campos del sistema\n"
            "Concluida (100 %) – Período: enero – marzo 2024\n"
            "[~] Act. 3.1.2 Publicación trimestral de los conjuntos de datos\n"
            "Estado: En ejecución – 60 % – Período: abril – diciembre 2024\n")
    r = extract(text, "text")
    assert [(a.commitment, a.milestone, a.number, a.progress, [(p.start, p.end) for p in a.periods])
            for a in r.activities] == [(3, 1, 1, 100, [("2024-01", "2024-03")]),
                                       (3, 1, 2, 60, [("2024-04", "2024-12")])]


def test_a_section_number_before_a_header_and_activities_named_in_prose(extract):
    text = ("2.1 Compromiso 4. Portal Único de Solicitudes\n"
            "2.1.1 Hito 4.1. Integración de las instituciones al portal\n"
            "La actividad 4.1.2, \"Migración del historial de solicitudes\", programada de marzo a "
            "septiembre de 2024, alcanzó un 75 % de avance.\n")
    r = extract(text, "text")
    assert [(m.commitment, m.number) for m in r.milestones] == [(4, 1)]
    assert [(a.commitment, a.milestone, a.number, a.progress, [(p.start, p.end) for p in a.periods])
            for a in r.activities] == [(4, 1, 2, 75, [("2024-03", "2024-09")])]


def test_a_printed_e_mail_thread(extract):
    text = ("De: Carolina Andrea Fuentes Valdés <cfuentes@chilecompra.cl>\n"
            "Fecha: lunes, 3 de marzo de 2025 10:42\n"
            "Para: Rodrigo Ignacio Palma Sepúlveda <rpalma@minsegpres.gob.cl>\n"
            "Asunto: RV: Avance Compromiso 4\n"
            "Estimado Rodrigo:\nTe reenvío el resumen del Compromiso 4.\n"
            "Saludos cordiales,\nCarolina Andrea Fuentes Valdés\nJefa de División de Datos\n"
            "---------- Mensaje reenviado ----------\n"
            "De: Matías Alejandro Rojas Contreras <mrojas@chilecompra.cl>\n"
            "Fecha: jueves, 27 de febrero de 2025 17:15\n"
            "Para: Carolina Andrea Fuentes Valdés <cfuentes@chilecompra.cl>\n"
            "Asunto: Avance Compromiso 4\n"
            "Te dejo el estado de las actividades del Compromiso 4:\n"
            "1. Publicación de las órdenes de compra. Período: enero a marzo de 2025. Avance: 100 %.\n"
            "2. Mesa de trabajo con municipios. Período: enero de 2025. Avance: 50 %.\n"
            "Saludos,\nMatías Alejandro Rojas Contreras\nAnalista de Datos Abiertos\n"
            "División de Datos y Transparencia – ChileCompra\n")
    r = extract(text, "text")
    assert str(r.document.issued) == "2025-03-03"
    assert sorted(s.name for s in r.document.signatories) == ["Carolina Andrea Fuentes Valdés", "Matías Alejandro Rojas Contreras"]
    assert sorted(x.name for x in r.document.recipients) == ["Carolina Andrea Fuentes Valdés", "Rodrigo Ignacio Palma Sepúlveda"]
    assert [(a.commitment, a.number, a.progress) for a in r.activities] == [(4, 1, 100), (4, 2, 50)]


def test_hitos_listed_in_prose_each_once(extract):
    text = ("Esta Subsecretaría es responsable del Compromiso 7. El compromiso comprende tres hitos: "
            "Hito 7.1, publicación del tablero de dotación; Hito 7.2, apertura de los datos de concursos; "
            "e Hito 7.3, mesa de trabajo con organizaciones. No hay actas del Hito 7.3, toda vez que "
            "su primera reunión se reprogramó. Ver compromisos (hito 4, hito 5, hito 6).\n")
    r = extract(text, "text")
    assert [(m.commitment, m.number) for m in r.milestones] == [(7, 1), (7, 2), (7, 3)]
    assert not [f for f in r.flags if f.kind == "numbering_error"]


def test_a_numbered_list_ends_at_its_first_unnumbered_line():
    (c,) = claims("se remiten los siguientes cinco enlaces:\n1. Ficha: https://a.gob.ar/x\n"
                  "2. Tablero: https://b.gob.ar\n3. Datos: https://c.gob.ar\nPunto 4. Actas.\n")
    assert (c.claimed, len(c.items)) == (5, 3)


def test_a_resolution_and_a_letter_to_several(extract):
    text = ("CITE: GAMEA/UTLCC/PT-014/2026\nAsunción, 8 de julio de 2025\nSeñores\n"
            "Abog. Ramón Escobar Villalba, Director General de Transparencia, Ministerio de Educación\n"
            "Lic. Norma Beatriz Giménez Ortiz, Directora de Acceso a la Información, Ministerio de Salud\n"
            "Presentes\nTengo el agrado de dirigirme a ustedes.\n"
            "Artículo 1.º.- APROBAR el Plan de Acción de Gobierno Abierto de la Municipalidad.\n"
            "Artículo 2.º.- ENCARGAR a la Gerencia Municipal el cumplimiento del Plan.\n")
    r = extract(text, "text")
    assert r.document.reference == "GAMEA/UTLCC/PT-014/2026"
    assert [p.name for p in r.document.recipients] == ["Ramón Escobar Villalba", "Norma Beatriz Giménez Ortiz"]
    assert not {"APROBAR", "ENCARGAR"} & {o.name for o in r.organizations}


def test_activities_numbered_under_a_hito_no_header_names_imply_it(extract):
    text = ("El Compromiso 2 registra un avance del 58 %. Las actividades del hito se encuentran así:\n"
            "Actividad 2.3.1. Inventario de conjuntos de datos. Período: marzo – junio 2025. Avance: 100 %.\n"
            "Actividad 2.3.2. Publicación en el portal. Período: II semestre 2025. Avance: 20 %.\n")
    r = extract(text, "text")
    assert [(m.commitment, m.number) for m in r.milestones] == [(2, 3)]
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(2, 3, 1), (2, 3, 2)]


def test_scanned_check_boxes_and_rule_less_rows(extract):
    text = ("COMPROMISO 3: DATOS ABIERTOS\nHito 3.1. Publicación de la contratación\n"
            "[xj Act. 3.1.1 Mapeo de los campos del sistema\nConcluida (100 %) — Período: abril 2024\n"
            "«| Act, 3.1.2 Publicación trimestral de los conjuntos\nEstado: En ejecución - 60% - Período: mayo 2024\n"
            "Compromiso 2. Obra pública municipal\nClave Actividad Inicio Término Avance\n"
            "2.1 Selección de municipios piloto feb-2025 mar-2025 100 %\n"
            "2.2 Capacitación a comités de obra abr-2025 ago-2025 90 %%\n"
            "2.3 Microsiño de obras en ejecución jun-2025 sep-2025 ciento\n"
            "2.4 Informe de hallazgos ciudadanos mav-2025 feb-2026 0 %\n")
    r = extract(text, "ocr")
    assert [(a.commitment, a.milestone, a.number, a.progress) for a in r.activities] == [
        (3, 1, 1, 100), (3, 1, 2, 60), (2, None, 1, 100), (2, None, 2, 90), (2, None, 4, 0)]


@pytest.mark.parametrize("method, hitos, under", [("text", "Hitos", "Actividades del segundo hito"),
                                                  ("ocr", "Mitos", "Actividades del seguado hito")])
def test_a_heading_announces_a_list_of_hitos_and_the_hito_activities_hang_under(extract, method, hitos, under):
    text = (f"ANEXO I — ESTADO DE AVANCE DEL COMPROMISO 12\n{hitos}\n"
            "- Relevamiento de la información publicada. Estado: cumplido (100%).\n"
            "- Apertura de datos de sesiones y votaciones. Estado: en ejecución, 60 %.\n"
            "- Sistema de seguimiento de proyectos de ordenanza. Estado: en ejecución, 20 %.\n"
            f"{under}\n"
            "- Act. 1 Definición del esquema de datos. Avance 100 %.\n"
            "- Act 2 Publicación del primer lote de votaciones. Avance 50 %.\n")
    r = extract(text, method)
    assert [(m.commitment, m.number) for m in r.milestones] == [(12, 1), (12, 2), (12, 3)]
    assert r.milestones[1].description.startswith("Apertura de datos")
    acts = [(a.commitment, a.milestone, a.number) for a in r.activities]
    # `Act 2` without its dot is a header only on a scan, which may have lost the dot
    assert acts == ([(12, 2, 1), (12, 2, 2)] if method == "ocr" else [(12, 2, 1)])


def test_a_documents_own_abbreviation_heads_units_and_the_numbering_states_the_hierarchy(extract):
    text = ("EJE I: TRANSPARENCIA Y ACCESO A LA INFORMACIÓN\n"
            "Objetivo Específico 1.1: Publicar la información de la gestión municipal.\n"
            "ACP 1.1.1 Actualización mensual del portal de transparencia.\nPlazo: enero a diciembre de 2025\n"
            "ACP 1.1.2 Publicación de los procesos de contratación.\nPlazo: 1er trimestre 2025\n"
            "EJE II: PARTICIPACIÓN Y CONTROL SOCIAL\n"
            "Objetivo Específico 2.1: Fortalecer la rendición pública de cuentas.\n"
            "ACP 2.1.1 Realización de tres audiencias públicas.\nPlazo: febrero, julio y diciembre de 2025\n")
    r = extract(text, "text")
    assert [c.number for c in r.commitments] == [1, 2]
    assert [(m.commitment, m.number) for m in r.milestones] == [(1, 1), (2, 1)]
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(1, 1, 1), (1, 1, 2), (2, 1, 1)]
    assert "ACP" not in {o.name for o in r.organizations}


def test_hitos_named_in_prose_with_their_description_in_brackets(extract):
    text = ("Compromiso 1. Portal de obras. Hito 1.1 (registro de obras en ejecución): grado de avance del "
            "80 por ciento. Hito 1.2 (fichas de obra georreferenciadas): avance del 35 %.\n")
    r = extract(text, "text")
    assert [(m.commitment, m.number, m.description) for m in r.milestones] == [
        (1, 1, "Registro de obras en ejecución"), (1, 2, "Fichas de obra georreferenciadas")]
    assert [p.value for p in r.percentages] == [80, 35]


def test_a_news_item_names_commitments_and_their_hitos_in_prose(extract):
    text = ("Panamá, 22 de agosto de 2024. La Autoridad Nacional de Transparencia reunió a los enlaces. "
            "El Ministerio informó que el compromiso 3, «Transparencia en la gestión del agua», tiene su hito 2 "
            "al 60 %, mientras que la Dirección reportó que el compromiso 1 ya cumplió sus hitos 1 y 2.\n"
            "Durante el plan anterior, el compromiso 7 alcanzó su meta y su hito 7.3 (publicación de "
            "presupuestos abiertos) quedó con un avance del 40 %.\n")
    r = extract(text, "text")
    assert r.document.type == "news" and r.document.place == "Panamá"
    assert r.document.issued.isoformat() == "2024-08-22"
    assert [(c.number, c.title) for c in r.commitments][:2] == [(3, "Transparencia en la gestión del agua"), (1, None)]
    assert sorted((m.commitment, m.number) for m in r.milestones) == [(1, 1), (1, 2), (3, 2), (7, 3)]


def test_dotted_numbers_whose_dots_a_scan_lost(extract):
    text = ("Compromiso 2. Participación juvenil\nHito 2.1 Consejo juvenil instalado\n"
            "Actividad 2.1.1 Convocatoria abierta. Avance: 100 %\nActividad 212 Elección de delegados. Avance: 50 %\n"
            "Hito 22 Presupuesto joven\nActividad 2.2.1 Votación de proyectos. Avance: 0 %\n"
            "Hito 2.3 Rendición de cuentas\n")
    r = extract(text, "ocr")
    assert [(m.commitment, m.number) for m in r.milestones] == [(2, 1), (2, 2), (2, 3)]
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(2, 1, 1), (2, 1, 2), (2, 2, 1)]
    assert [(a.commitment, a.milestone, a.number) for a in extract(text, "text").activities][1] == (2, 1, 212)


def test_a_table_header_row_that_opens_with_a_level_word_is_a_row_not_a_header(extract):
    text = ("Línea de acción 2.2. Capacitación de las unidades de compras\n"
            "Act. | Descripción | Período | Avance |\n"
            "| a | Actualizar el catálogo de datos | I trimestre 2025 | 100 % |\n"
            "a) Certificación de oficiales de compras.\nPeríodo: II trimestre 2025  Avance: 100 %\n")
    r = extract(text, "ocr")
    assert not any(a.title and "Descripción" in a.title for a in r.activities)
    assert "Certificación de oficiales de compras." in [a.title for a in r.activities]


def test_a_rule_less_table_with_a_hito_column_then_activities_and_notes_that_are_no_units(extract):
    text = ("Compromiso 4: Presupuesto participativo\nHito Actividad Período Avance\n"
            "4.1 4.1.1 Asambleas comunitarias por zona 01/02 a 28/02 100 %\n\n"
            "4.1 4.1.2 Asamblea municipal de delegados marzo 2025 85 %\n\n"
            "4.2 4.2.1 Publicación de obras priorizadas abr.–jun. 2025 sin dato\n\n"
            "4.2 4.2.2 Informe de ejecución a la comunidad T3 2025 —\n\n"
            "Notas\n1. Las fechas corresponden al año 2025.\n2. El promedio de avance al corte es de 48 %.\n")
    r = extract(text, "text")  # (blank lines: plain text has no line geometry to keep rows apart)
    assert [(a.commitment, a.milestone, a.number, a.progress) for a in r.activities] == [
        (4, 1, 1, 100), (4, 1, 2, 85), (4, 2, 1, None), (4, 2, 2, None)]
    assert [(m.commitment, m.number) for m in r.milestones] == [(4, 1), (4, 2)]


def test_sign_off_lines_and_a_resolutions_closing_formula(extract):
    report = ("Informe de avance del compromiso.\n\nElaborado por: Daniela Fernanda Yépez Cordero, Analista\n\n"
              "Revisado por: Jorge Andrés Villacís Mora, Director de Gobierno Electrónico\n")
    assert [p.name for p in extract(report).document.signatories] == [
        "Daniela Fernanda Yépez Cordero", "Jorge Andrés Villacís Mora"]
    resolution = ("SE RESUELVE:\nArtículo 1.º Aprobar el plan.\n\nREGÍSTRESE, COMUNÍQUESE Y CÚMPLASE.\n\n"
                  "Ing. Rubén Darío Huamaní Pillaca\n\nAlcalde Provincial\n")
    assert [p.name for p in extract(resolution).document.signatories] == ["Rubén Darío Huamaní Pillaca"]


def test_a_letter_names_the_commitment_in_passing_then_quotes_its_title_and_a_dotted_hito(extract):
    r = extract("Oficio N.° 0482-2025-JUS\n\nAsunto: Avance del compromiso 5 del Plan de Acción 2024-2026\n\n"
                "Remito el informe del compromiso 5 \"Transparencia en las contrataciones públicas\", "
                "cuyo hito 5.2 registra un avance de 60 %.\n\nAtentamente,\n")
    assert [(c.number, c.title) for c in r.commitments] == [(5, "Transparencia en las contrataciones públicas")]
    assert [(m.commitment, m.number) for m in r.milestones] == [(5, 2)]


def test_letter_spaced_words_close_up(extract):
    r = extract("Ciudad de México, a 2 de junio de 2025\n\nC. Mtra. Laura Elena Castañeda Ruiz\n"
                "Titular de la Unidad de Transparencia\nP r e s e n t e\n\nMe refiero al Plan de Acción 2025-2027 de la "
                "Alianza para el Gobierno Abierto. Al respecto, le informo que las actividades del compromiso\n"
                "3 presentan un avance del 50 % en su conjunto, según el tablero de seguimiento publicado.\n\n"
                "A t e n t a m e n t e\n\nLic. Ernesto Iván Salgado Peña\n")
    assert [p.name for p in r.document.recipients] == ["Laura Elena Castañeda Ruiz"]
    assert [p.name for p in r.document.signatories] == ["Ernesto Iván Salgado Peña"]


def test_two_levels_numbered_n_and_n_k_with_no_commitment_level_read_as_commitment_and_milestone(extract):
    r = extract("Resultado 1: Servidores públicos capacitados en ética.\n"
                "Producto 1.1: Programa de formación virtual en ética pública.\n"
                "Producto 1.2: Certificación de unidades de transparencia.\n"
                "Resultado 2: Ciudadanía con acceso a información.\n"
                "Producto 2.1: Guía de trámites en lenguas oficiales.\n")
    assert [c.number for c in r.commitments] == [1, 2]
    assert [(m.commitment, m.number) for m in r.milestones] == [(1, 1), (1, 2), (2, 1)]
    assert r.activities == []
    # a word that names its role keeps it: these hitos belong to a commitment named elsewhere
    r = extract("Compromiso 5 del plan.\n\nHito 1: Diagnóstico.\nActividad 1.1: Taller de arranque.\n"
                "Hito 2: Portal.\nActividad 2.1: Publicación.\n")
    assert [(m.commitment, m.number) for m in r.milestones] == [(5, 1), (5, 2)]


def test_ordinal_hitos_in_prose_with_their_descriptions(extract):
    r = extract("El compromiso 6 se implementa en cinco municipios. Según el informe, el primer hito, la "
                "publicación de los presupuestos en formato abierto, alcanzó un 100 % de cumplimiento, "
                "mientras que el segundo hito, los consejos comunales de datos, registra un avance del 60 %.\n\n"
                "El tercer hito del compromiso, la formación de monitores ciudadanos, comenzará en julio.\n")
    assert [(m.commitment, m.number, m.description) for m in r.milestones] == [
        (6, 1, "la publicación de los presupuestos en formato abierto"),
        (6, 2, "los consejos comunales de datos"), (6, 3, "la formación de monitores ciudadanos")]


def test_an_annex_heading_a_qualified_label_and_two_stacked_recipients(extract):
    r = extract("Oficio No. SABG/UTGA/215/2025\n\nCiudad de México, a 3 de junio de 2025\n\nMtra. Daniela Ortega Villaseñor\n"
                "Coordinadora del Núcleo de Organizaciones de la Sociedad Civil\nLic. Arturo Beltrán Castañeda\n"
                "Director General de Gobierno Abierto\nP r e s e n t e s\n\n"
                "Solicito el ajuste de la hoja de ruta del Compromiso 2, según el anexo adjunto a esta carta, "
                "en los términos que en él se detallan para su consideración.\n\n"
                "ANEXO. HOJA DE RUTA AJUSTADA DEL COMPROMISO 2\n\n"
                "Actividad 2.1. Diagnóstico de los padrones. Periodo: enero-marzo 2025. Avance: 100 %.\n"
                "Actividad 2.2. Publicación de los padrones. Periodo propuesto: septiembre-noviembre 2025. Avance: 0 %.\n")
    assert [p.name for p in r.document.recipients] == ["Daniela Ortega Villaseñor", "Arturo Beltrán Castañeda"]
    assert r.milestones == []
    assert [(a.commitment, a.milestone, a.number, a.progress, [(str(p.start), str(p.end)) for p in a.periods])
            for a in r.activities] == [(2, None, 1, 100, [("2025-01", "2025-03")]),
                                       (2, None, 2, 0, [("2025-09", "2025-11")])]


def test_units_of_any_level_named_in_prose_with_quoted_titles_and_dotted_numbers(extract):
    r = extract('Primero. En la página 18, en el Eje 2, "Participación ciudadana en la elaboración normativa", '
                'Línea de acción 2.3, "Consulta pública previa", Actuación 2.3.1, donde dice: "hasta el 31 de '
                'abril", debe decir: "hasta el 30 de abril".\n\nSegundo. En la Línea de acción 2.3, Actuación '
                '2.3.2, "Publicación de los informes de respuesta", donde dice: "40 %", debe decir: "75 %".\n')
    assert [(c.number, c.title) for c in r.commitments] == [(2, "Participación ciudadana en la elaboración normativa")]
    assert [(m.commitment, m.number, m.description) for m in r.milestones] == [(2, 3, "Consulta pública previa")]
    assert [(a.commitment, a.milestone, a.number, a.title) for a in r.activities] == [
        (2, 3, 1, None), (2, 3, 2, "Publicación de los informes de respuesta")]


def test_a_table_whose_first_column_is_a_level_lists_units_of_it(extract):
    r = extract("Aportes por compromiso\n\nCompromiso Aportes Incorporados % incorporado\n"
                "1. Compras abiertas 52 31 60 %\n2. Salud transparente 47 19 40 %\n\n"
                "Los aportes no incorporados se responderán antes del 30 de septiembre de 2025.\n\n"
                "4. Próximos pasos\n")
    assert [(c.number, c.title) for c in r.commitments] == [(1, "Compras abiertas"), (2, "Salud transparente")]


def test_a_list_heading_may_carry_a_qualifier(extract):
    r = extract("El Grupo de Trabajo convoca a la mesa de diálogo del compromiso propuesto.\n\n"
                "Hitos propuestos para la discusión\n\n- Publicación de las mediciones de calidad del aire.\n"
                "- Instancia anual de rendición de cuentas.\n")
    assert [(m.number, m.description) for m in r.milestones] == [
        (1, "Publicación de las mediciones de calidad del aire."), (2, "Instancia anual de rendición de cuentas.")]


def test_a_signer_over_a_post_before_a_sign_off_cue(extract):
    r = extract("INFORME N.° 12-2025\n\nEl informe da cuenta del avance del trimestre en cada una de las tareas del "
                "compromiso,\ncon los medios de verificación que cada responsable remitió a la coordinación.\n\nValidación\n\n"
                "Lorena Beatriz Giménez Acosta\nPunto focal de Gobierno Abierto, MITIC\n\n"
                "Visto bueno: Hugo Sebastián Cáceres Benítez\nDirector General de Gobierno Electrónico\n")
    assert [p.name for p in r.document.signatories] == ["Lorena Beatriz Giménez Acosta", "Hugo Sebastián Cáceres Benítez"]


def test_a_schedule_of_months_marked_with_x_gives_each_activity_its_periods(extract):
    r = extract("Eje 1. Acceso a la información\nProducto 1.1: Portal actualizado.\n"
                "- Actividad 1.1.1: Relevamiento de la información.\n- Actividad 1.1.2: Publicación bimestral.\n\n"
                "Cronograma mensual (gestión 2026)\n| Cód. | E | F | M | A | M | J | J | A | S | O | N | D |\n"
                "| 1.1.1 | X | X |   |   |   |   |   |   |   |   |   |   |\n"
                "| 1.1.2 |   | X |   | X | X |   |   |   |   |   |   |   |\n")
    assert [[(str(p.start), str(p.end)) for p in a.periods] for a in r.activities] == [
        [("2026-01", "2026-02")], [("2026-02", "2026-02"), ("2026-04", "2026-05")]]


def test_a_place_on_the_line_above_the_date_and_an_al_field(extract):
    r = extract("OFICIO N° 234-2025-DGGA\n\nSanto Domingo, D. N.\n3 de marzo de 2025\n\n"
                "Al        : Lic. Pedro Antonio Guzmán Reyes\n            Director General de Ética\n\n"
                "Asunto    : Informe de avance del compromiso 4.\n\nMe dirijo a usted para informarle sobre el avance "
                "del plan de gobierno abierto en cada una de las regiones del país.\n\nAtentamente,\n\n"
                "Ana María Torres Ruiz\nDirectora General\n")
    assert (r.document.place, str(r.document.issued)) == ("Santo Domingo, D. N.", "2025-03-03")
    assert [p.name for p in r.document.recipients] == ["Pedro Antonio Guzmán Reyes"]


MEMO = ("MINISTERIO DE JUSTICIA\nMEMORÁNDUM CIRCULAR\nCITE: MJ/DG/MC/0014/2025\n"
        "A: Directores Generales y Jefes de Unidad del Ministerio\nDE: Lic. Rodrigo Quiroga Salinas\n"
        "REF.: REPORTE DE AVANCE DEL PLAN DE ESTADO ABIERTO\nFECHA: La Paz, 9 de abril de 2025\n"
        "De mi consideración:\nSe instruye remitir el reporte del primer trimestre.\n"
        "Producto 1.1: Programa de formación virtual.\nAtentamente,\nLic. Rodrigo Quiroga Salinas\n")


def test_a_memo_that_asks_for_a_report_is_a_letter(extract):
    # its subject line names a report; the memo carries none, and it is addressed to a group, not a name
    assert extract(MEMO).document.type == "letter"
    annexed = MEMO + "\nANEXO I - REPORTE DE AVANCE\nProducto 1.1: avance 40 %.\n"
    assert extract(annexed).document.type == "progress_report"


def test_roman_phases_a_scan_misread_are_numbered_by_their_order(extract):
    # Tesseract prints the strokes of I, II, III as `T`, `H`, `HT`: a keyword and a misread
    # numeral, not a keyword spaced out, and the roman level numbers them in order.
    text = ("EJE 1. TRANSPARENCIA\nLínea de acción 1.1. Portal renovado.\n"
            "Fase T. Diagnóstico del portal. Calendario: marzo de 2024.\n"
            "Fase H, Migración de contenidos. Calendario: mayo de 2024.\n"
            "Fase HT. Evaluación externa. Calendario: noviembre de 2024.\n"
            "Línea de acción 1.2. Rendición de cuentas.\n"
            "Fase I. Informe anual. Calendario: enero de 2025.\n"
            "Fase Il. Audiencia pública. Calendario: marzo de 2025.\n")
    r = extract(text, "ocr")
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [
        (1, 1, 1), (1, 1, 2), (1, 1, 3), (1, 2, 1), (1, 2, 2)]


def test_a_keyword_misread_before_a_dotted_number_takes_its_place_in_the_list(extract):
    text = ("Hito 4.2 Publicación de datos.\n"
            "Actividad 4.2.1 Habilitación del sitio.\nFecha de inicio: 05/08/2024 - Fecha de fin: 30/09/2024\n"
            "Actividad 4.2.2 Carga inicial.\nFecha de inicio: 15/10/2024 - Fecha de fin: 30/10/2024\n"
            "Acúvidad 4.2.3 Publicación mensual.\nFecha de inicio: 01/11/2024 - Fecha de fin: 31/10/2025\n")
    assert [(a.milestone, a.number) for a in extract(text, "ocr").activities] == [(2, 1), (2, 2), (2, 3)]
    # prose with a dotted number is no header: the shape alone is not enough without a near keyword
    prose = text.replace("Acúvidad 4.2.3", "Consulte 4.2.3")
    assert [(a.milestone, a.number) for a in extract(prose, "ocr").activities] == [(2, 1), (2, 2)]


def test_a_heading_in_capitals_is_not_joined_to_the_sentence_before_it_on_a_scan(extract):
    # the scan read the sentence's full stop as a comma, so the line does not look ended
    text = ("ACTA DE LA SESIÓN ORDINARIA N.° 06/2024 DE LA MESA REGIONAL\n"
            "Se revisaron los avances del compromiso y se tomaron los acuerdos que constan más arriba en esta acta\n"
            "Siendo las 12:20 horas, y no habiendo otros temas que tratar, se levanta la sesión,\n"
            "FIRMAS\n"
            "| Francisca Andrea Vidal Rosas | Matías Ignacio Oyarzún Pérez |\n"
            "| Presidenta de la Mesa | Secretario de Actas |\n")
    names = [p.name for p in extract(text, "ocr").document.signatories]
    assert names == ["Francisca Andrea Vidal Rosas", "Matías Ignacio Oyarzún Pérez"]


def test_row_numbers_a_scan_glued_a_bar_to_take_their_place_under_the_open_hito(extract):
    # the bar before a number cell read as `1` (`17.1.1`, `141.31`), dots lost (`171,2`)
    text = ("Compromiso 4. Obra pública federal\n"
            "| Código | Hito / actividad | Período | Avance |\n"
            "| Hito 4.1 | Mapa federal de obras | | |\n"
            "| 4.1.1 | Relevamiento de fuentes | ene-mar 2025 | 100 % |\n"
            "| 4.1.2 | Publicación de datos | abr-jun 2025 | 100 % |\n"
            "| 141.31 | Actualización mensual | jul-dic 2025 | 45 % |\n"
            "Compromiso 7. Acceso a la información\n"
            "| Código | Hito / actividad | Período | Avance |\n"
            "| Hito 7.1 | Estadísticas de solicitudes | | |\n"
            "| 17.1.1 | Esquema de datos | ene-mar 2025 | 100 % |\n"
            "| 171,2 | Publicación trimestral | abr-jun 2025 | 100 % |\n")
    assert [(a.commitment, a.milestone, a.number) for a in extract(text, "ocr").activities] == [
        (4, 1, 1), (4, 1, 2), (4, 1, 3), (7, 1, 1), (7, 1, 2)]
    # a text layer says what it says
    assert [(a.commitment, a.milestone, a.number) for a in extract(text, "text").activities][2:] == [
        (4, 141, 31), (17, 1, 1), (7, 171, 2)]


def test_roman_strokes_read_as_letters_yield_to_a_numeral_printed_as_one(extract):
    text = ("COMPROMISO ll Publicar en formato abierto la información presupuestaria.\n"
            "Meta 1: Portal de datos abiertos operativo.\nAcción 1. Inventario.\nAvance: 100 %\n"
            "COMPROMISO IV. Fortalecer la participación ciudadana.\n"
            "Meta 1: Presupuesto participativo.\nAcción 1. Asambleas.\nAvance: 15 %\n")
    assert [c.number for c in extract(text, "ocr").commitments] == [3, 4]


def test_a_misread_keyword_after_a_section_number_and_a_speck_heads_its_unit(extract):
    text = ("2. Resumen del semestre\nEl avance acumulado fue de 61 %.\n"
            ". 3. Comproaiiso 9: Datos abiertos de movilidad urbana\n"
            "Hito 1 — Publicación de los horarios.\nActividad 1.1 Relevamiento de recorridos. Avance: 100 %.\n"
            "4. Compromiso 10: Presupuesto participativo\n"
            "Hito 1 — Mapa de obras.\nActividad 1.1 Georreferenciación. Avance: 80 %.\n")
    r = extract(text, "ocr")
    assert [c.number for c in r.commitments] == [9, 10]
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(9, 1, 1), (10, 1, 1)]


def test_a_hito_named_in_prose_whose_dot_a_scan_lost_keeps_its_number(extract):
    text = ("ACTA DE SESIÓN\nCompromiso 1. Portal de obras. Hito 11 (registro de obras): grado de avance "
            "del 80 por ciento. Hito 1.2 (fichas de obra): cumplido.\n"
            "Compromiso 2. Presupuesto abierto. Hito 2.1 (actas de los talleres): cumplido.\n")
    keys = sorted((m.commitment, m.number) for m in extract(text, "ocr").milestones)
    assert keys == [(1, 1), (1, 2), (2, 1)]


def test_levels_the_document_heads_by_initials_and_remarks_on_listed_activities(extract):
    # `OE 1.` (objetivo estratégico: a commitment), `AE 1.1` (a level with no name, by its depth),
    # remarks on activity 1.1.2 after the table, and a target column that is no title
    text = ("OE 1. Fortalecer la transparencia activa\n"
            "| Cód. | Actividad | Meta física | Periodo | % de avance |\n"
            "| AE 1.1 | Portal de Transparencia actualizado | - | - | 90 % |\n"
            "| 1.1.1 | Diagnóstico del portal | 1 | ene-25 – feb-25 | 100 % |\n"
            "| 1.1.2 | Validación del reglamento | 1 | may-25 – jun-25 | 100 % |\n"
            "OE 2. Promover la participación ciudadana\n"
            "| Cód. | Actividad | Meta física | Periodo | % de avance |\n"
            "| AE 2.1 | Presupuesto participativo | - | - | 70 % |\n"
            "| 2.1.1 | Registro de agentes | 1 | ene-25 – mar-25 | 100 % |\n"
            "IV. OBSERVACIONES\n"
            "1. Act. 1.1.2: reportada como concluida; el taller de validación se realizará el 10 de julio.\n")
    r = extract(text, "text")
    assert [c.number for c in r.commitments] == [1, 2]
    assert [(m.commitment, m.number) for m in r.milestones] == [(1, 1), (2, 1)]
    assert [(a.commitment, a.milestone, a.number, a.title) for a in r.activities] == [
        (1, 1, 1, "Diagnóstico del portal"), (1, 1, 2, "Validación del reglamento"), (2, 1, 1, "Registro de agentes")]
    assert [f.value for f in r.flags if f.kind == "progress_without_evidence"] == ["Validación del reglamento"]


MINUTES = """ORDEN DEL DÍA:
1. Verificación del quórum.
2. Seguimiento al Compromiso 3 del plan.
3. Presentación del tablero de datos abiertos.

DESARROLLO:
1. Verificación del quórum. Se verificó la asistencia.
2. Seguimiento al Compromiso 3 "Regalías abiertas". Se presentó el avance de los hitos:

Hito 3.1. Publicación del mapa de inversiones. Avance: 100 %.

Hito 3.2. Publicación de contratos de los proyectos. Avance: 60 %.
- Actividad 3.2.1. Cargue de contratos en el portal (marzo a junio de 2025). Avance: 100 %.
- Actividad 3.2.2. Informes trimestrales de ejecución (III trimestre, informe de avance). Avance: 20 %.

Hito 3.3. Audiencias de rendición de cuentas en las subregiones.

3. Presentación del tablero de datos abiertos. El departamento tiene el 70 % de los conjuntos publicados.
"""


def test_a_bracket_that_holds_only_a_period_is_the_activity_period(extract):
    r = extract(MINUTES)
    first, second = r.activities
    assert [(p.start, p.end) for p in first.periods] == [("2025-03", "2025-06")]
    assert first.title == "Cargue de contratos en el portal."
    assert first.periods[0].provenance.raw == "marzo a junio de 2025"
    assert second.periods == [] and "(III trimestre, informe de avance)" in second.title


def test_the_agenda_list_resuming_ends_the_open_hito(extract):
    # "3. Presentación ..." continues the numbered sections, not Hito 3.3: its 70 % is no progress of the hito
    r = extract(MINUTES)
    last = next(m for m in r.milestones if m.number == 3)
    assert "70 %" not in (last.text or "") and "Presentación" not in (last.text or "")


SCANNED_MATRIX = """OE 1, Fortalecer la transparencia activa
| Cód, | Actividad | Meta física | Unid. medida | Periodo | % de avance |
|AE 1.1| Portal de Transparencia actualizado | - | - | - | 90% |
| 1.1.1 1 Diagnóstico del portal | 1 Informe | ene-25 - feb-25 | 100 % |
| 1.1.2 | Capacitación en el portal | 4 | Taller | mar-25 - jun-25 80 % |
| AE.1.2 | Datos abiertos regionales publicados | - | - | - | 70% |
| 1.2.1 | Priorización de datos | 1 | Acta | feb-25 - mar-25 | 100 % |
"""


def test_a_scanned_matrix_whose_rows_lost_bars(extract):
    # `Cód,` for `Cód.`, `AE.1.2` and `|AE 1.1|` as levels, a number cell fused with the title and a
    # row two bars short: the period and the progress still go to their columns
    r = extract(SCANNED_MATRIX, "ocr")
    assert [(m.commitment, m.number) for m in r.milestones] == [(1, 1), (1, 2)]
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(1, 1, 1), (1, 1, 2), (1, 2, 1)]
    first, second, _ = r.activities
    assert first.title.startswith("Diagnóstico") and first.progress == 100
    assert [(p.start, p.end) for p in first.periods] == [("2025-01", "2025-02")]
    assert second.progress == 80 and [(p.start, p.end) for p in second.periods] == [("2025-03", "2025-06")]


SCANNED_OFICIO = """OFICIO NÚM.: ITP/PRES/0612/2025
ASUNTO: Seguimiento al Compromiso 4.

Puebla de Zaragoza, Pue.. a 3 de septiembre de 2025

C. MARIANA ITZEL CORONA BENÍTEZ

TITULAR DE LA UNIDAD DE TRANSPARENCIA

SECRETARÍA DE MOVILIDAD Y TRANSPORTE DEL ESTADO DE PUEBLA
PRE SIENTE

Por este medio me permito hacer de su conocimiento el estado que guarda el Compromiso 4.

Licda. Ana Lucía Cifuentes Orellana
Enlace Institucional de Gobierno Abierto
Ministerio de Desarrollo Social

Vo.Bo. Ing. Marco Tulio Ajcip Sirín
Director de Transparencia y Acceso a la Información Pública
"""


def test_a_scanned_letter_head_and_a_visto_bueno_below_the_signer(extract):
    # the spaced-out PRESENTE misread, the comma before `a` read as a dot; "Vo.Bo." under the signer's block
    r = extract(SCANNED_OFICIO, "ocr")
    assert [p.name for p in r.document.recipients] == ["MARIANA ITZEL CORONA BENÍTEZ"]
    assert r.document.place == "Puebla de Zaragoza, Pue."
    assert [p.name for p in r.document.signatories] == ["Ana Lucía Cifuentes Orellana", "Marco Tulio Ajcip Sirín"]


@pytest.mark.parametrize("stated, period", [("Trimestre 3 2024.", ("2024-07", "2024-09")),
                                            ("oct.–dic. 2024.", ("2024-10", "2024-12")),
                                            ("Fase I, primer semestre de 2025.", ("2025-01", "2025-06"))])
def test_a_closing_sentence_that_states_only_a_period_is_the_activity_period(extract, stated, period):
    r = extract(f"Compromiso 9: Datos de movilidad\nHito 1 — Horarios del transporte.\n"
                f"Actividad 1.1 Relevamiento de recorridos con las empresas. {stated} Avance: 100 %.\n"
                f"Actividad 1.2 Publicación de los datos. Se publicarán en el portal nacional. Avance: 50 %.\n")
    first, second = r.activities
    assert [(p.start, p.end) for p in first.periods] == [period]
    assert first.title == "Relevamiento de recorridos con las empresas."
    assert second.periods == [] and "portal nacional" in second.title


SCANNED_DASHBOARD = """Compromiso 4. Transparencia en la obra pública
| Código | Hito / actividad | Período | Avance |
| Hito 4.1 | Mapa federal de obras con datos abiertos | | |
| 4.1.1 | Relevamiento de fuentes en organismos | I trim. 2025 | 100 % |
| 4.3.2 | Publicación de datos georreferenciados | II trim. 2025 | 100 % |
¡Hito 4.21 Participación ciudadana en el monitoreo de obras [| |
| 4.2.1 | Diseño del protocolo de monitoreo | II trim. 2025 | 90 % |
| 4 .2.2 | Mesas de monitoreo en provincias piloto | III trim. 2025 | 10 % |
"""


def test_scanned_row_and_hito_numbers_read_in_the_order_of_the_table(extract):
    # a middle digit misread (4.3.2 as the second row under Hito 4.1), a bar glued to a hito's
    # number (Hito 4.21 after Hito 4.1), a space beside a dot (4 .2.2)
    r = extract(SCANNED_DASHBOARD, "ocr")
    assert [(m.commitment, m.number) for m in r.milestones] == [(4, 1), (4, 2)]
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [
        (4, 1, 1), (4, 1, 2), (4, 2, 1), (4, 2, 2)]


def test_list_marks_a_scan_misread_are_the_numbers_the_order_gives(extract):
    text = ("Resumen de las actividades del Compromiso 4:\n\n"
            "L. Publicación de las órdenes de compra. Período: enero a junio de 2025.\nAvance: 85 %.\n\n"
            "2, Mesa de trabajo con la asociación. Período: enero de 2025.\nAvance: 100 %.\n\n"
            "3. Tablero público de compras. Período: febrero a abril de 2025.\nAvance: 60 %.\n")
    acts = extract(text, "ocr").activities
    assert [(a.number, a.progress) for a in acts] == [(1, 85), (2, 100), (3, 60)]
    # on a text layer the marks are as printed: `L.` is no 1, `2,` opens no item
    assert not {1, 2} & {a.number for a in extract(text).activities}


def test_a_row_number_the_bar_before_it_made_longer_is_read_under_its_commitment():
    from extractors import extract_document
    from tests.conftest import make_pages
    table = ("Compromiso 3: Portal de transparencia municipal estandarizado\n"
             "| N.º | Hito / actividad | Inicio | Fin | Avance |\n"
             "13.1 | Hito: diagnóstico del subportal actual | -- | -- |\n"
             "1 3.1.1 | Inventario de secciones publicadas | ene-2025 | feb-2025 | 100 % |\n"
             "1 3.1.2 | Cotejo con la matriz de la DIGEIG | feb-2025 | mar-2025 | 70 % |\n"
             "13.2 | Hito: migración a la plantilla estándar | -- | -- |\n"
             "| 3.2.1 | Contratación del soporte técnico | mar-2025 | abr-2025 | 30 % |\n")
    r = extract_document(make_pages(table, "ocr"))
    assert [(m.commitment, m.number) for m in r.milestones] == [(3, 1), (3, 2)]
    assert [(a.milestone, a.number, a.progress) for a in r.activities] == [(1, 1, 100), (1, 2, 70), (2, 1, 30)]
    # under Compromiso 13, 13.1 is its first hito: the number as printed
    r = extract_document(make_pages(table.replace("Compromiso 3:", "Compromiso 13:"), "ocr"))
    assert (13, 1) in [(m.commitment, m.number) for m in r.milestones]


def test_a_rows_number_and_the_bar_after_it_read_as_a_semicolon_is_the_number_and_the_bar():
    from extractors import extract_document
    from tests.conftest import make_pages
    table = ("Compromiso 7: Trazabilidad de la inversión en vías terciarias\n"
             "| N.º | Hito / actividad | Fecha de inicio | Fecha de término |\n"
             "| 7.2 | Tablero abierto de trazabilidad publicado | 01/07/2025 | 19/12/2025 |\n"
             "7.2.1; Diseño del modelo de datos abiertos | 01/07/2025 | 29/08/2025 |\n"
             "| 7.2.2 | Desarrollo y pruebas del tablero | 15/09/2025 | 30/11/2025 |\n")
    r = extract_document(make_pages(table, "ocr"))
    assert [(a.milestone, a.number, a.title) for a in r.activities] == [
        (2, 1, "Diseño del modelo de datos abiertos"), (2, 2, "Desarrollo y pruebas del tablero")]


def test_a_rows_first_digit_misread_after_a_row_of_its_hito_is_read_under_the_hito():
    from extractors import extract_document
    from tests.conftest import make_pages
    table = ("OE 1, Fortalecer la transparencia activa y la apertura de datos regionales\n"
             "| Cód, | Actividad | Meta física | Unid. medida | Periodo | % de avance |\n"
             "|AE 1.1| Portal de Transparencia Estándar actualizado | -[-1-]90% |\n"
             "|1.1.1 | Diagnostico del PTE | 1 | Informe | ene-25 — feb-25 | 100 % |\n"
             "| AE.1.2| Datos abiertos regionales publicados | -i-!- | 70%]\n"
             "| 1.2.1| Priorización de datos | 1 | Acta | feb-25 -— mar-25 | 100 % |\n"
             "| 4.2,2 | Publicación de datasets | 10 | Dataset || abr-25 - dic-25 | 40 % |\n")
    r = extract_document(make_pages(table, "ocr"))
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(1, 1, 1), (1, 2, 1), (1, 2, 2)]
    # the first row under a hito has no row of the hito before it: as read
    alone = table.replace("| 1.2.1| Priorización de datos | 1 | Acta | feb-25 -— mar-25 | 100 % |\n", "").replace(
        "4.2,2", "4.2,1")
    assert (1, 2, 1) not in [(a.commitment, a.milestone, a.number)
                             for a in extract_document(make_pages(alone, "ocr")).activities]
