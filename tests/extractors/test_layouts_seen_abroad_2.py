"""Layouts and scan slips of the tune7 split (Uruguay, Chile, Mexico, Paraguay, Dominican Republic,
Spain): each rule they needed, fed as text."""
from datetime import date

from extractors import mentions, ocrfix
from extractors.counts import claims
from extractors.dates import find_periods
from extractors.organizations import organizations

TABLE = """MIRADOR DE GOBIERNO ABIERTO
Reporte de avance de hitos. Datos con corte al 31 de agosto de 2025.

| Compromiso | Hito | Responsable | Inicio | Fin | Avance |
| 3. Índice de transparencia activa | 3.1 Relevamiento del
cumplimiento en los 19 gobiernos departamentales | UAIP | mar-25 | jun-25 |
100 % |
| | 3.2 Planes de mejora acordados con cada intendencia | UAIP | nov-25 |
abr-25 | 0 % |
| | 3.3 Publicación de los resultados | UAIP / AGESIC | jul-25 | oct-25 | s/d |
"""


def test_a_wrapped_table_row_is_one_row_and_a_cell_spanned_from_above_leaves_it_whole(extract):
    r = extract(TABLE)
    assert [(m.commitment, m.number) for m in r.milestones] == [(3, 1), (3, 2), (3, 3)]
    assert r.milestones[0].description.startswith("Relevamiento del cumplimiento")


def test_a_hito_rows_cells_are_its_progress_and_its_range(extract):
    r = extract(TABLE)
    assert [m.periods[0].start for m in r.milestones] == ["2025-03", "2025-11", "2025-07"]
    assert [f.kind for f in r.flags if f.kind == "date_range_inverted"] == ["date_range_inverted"]
    assert [f.value for f in r.flags if f.kind == "milestone_without_progress"] == \
        ["Publicación de los resultados"]


FIELDS = """INFORME DE AVANCE - PRIMER SEMESTRE 2025

Compromiso 1. Apertura de datos de las contrataciones públicas

Hito 1.1 Guía ciudadana para el control de las compras públicas.
Fecha de inicio: 15/09/2025
Fecha de fin: 15/07/2025
Porcentaje de avance: 0 %
"""


def test_a_hitos_own_start_and_end_fields_are_its_range_and_an_inverted_one_is_flagged(extract):
    r = extract(FIELDS)
    assert [(p.start, p.end) for p in r.milestones[0].periods] == [("2025-09-15", "2025-07-15")]
    assert [f.kind for f in r.flags if f.kind == "date_range_inverted"] == ["date_range_inverted"]
    assert r.activities == []


LETTER = """Zapopan, Jalisco, a 3 de marzo de 2025.

Me permito informarle el estado que guarda el Compromiso 3 "Transparencia proactiva de la obra pública".

La primera actividad, "Publicación del padrón de obra pública en datos abiertos", con temporalidad de enero a marzo de 2025, presenta un avance del 80 %.

La segunda actividad, "Capacitación del personal de las Unidades de Transparencia", programada de febrero a junio de 2025, registra un avance del cuarenta y cinco por ciento.

La tercera actividad, "Instalación de la Mesa de Seguimiento Ciudadano", con temporalidad de marzo a mayo de 2025, presenta un avance del 20 %, que corresponde a la convocatoria publicada el 26 de febrero de 2025.
"""


def test_activities_a_letter_names_in_order_with_quoted_titles(extract):
    acts = extract(LETTER).activities
    assert [(a.commitment, a.milestone, a.number, a.progress) for a in acts] == \
        [(3, None, 1, 80), (3, None, 2, 45), (3, None, 3, 20)]
    # the clause that states the period, not a date later in the sentence
    assert [(p.start, p.end) for p in acts[2].periods] == [("2025-03", "2025-05")]


def test_a_hito_named_in_prose_at_100_percent_whose_paragraph_says_it_will_be_done_is_flagged(extract):
    text = ("Santiago, 11 de septiembre de 2025\n\nCompromiso 4. Transparencia algorítmica.\n\n"
            'c) Hito 4.3 "Repositorio público de fichas de algoritmos". La DGD reporta un 100% de avance; '
            "no obstante, el repositorio se publicará durante el mes de octubre.\n")
    flags = [f for f in extract(text).flags if f.kind == "progress_without_evidence"]
    assert [f.value for f in flags] == ["Repositorio público de fichas de algoritmos"]
    done = text.replace("no obstante, el repositorio se publicará durante el mes de octubre",
                        "el repositorio está en línea desde julio")
    assert not [f for f in extract(done).flags if f.kind == "progress_without_evidence"]


def test_quarters_written_as_spain_does_and_joined_as_a_range_are_one_period():
    assert [(p.start, p.end) for p in find_periods("1T 2025 – 4T 2025")] == [("2025-01", "2025-12")]
    assert [(p.start, p.end) for p in find_periods("Trimestre 3 2026 – Trimestre 2 2026")] == [("2026-07", "2026-06")]
    assert [(p.start, p.end) for p in find_periods("3T 2025 y 1T 2026")] == [("2025-07", "2025-09"), ("2026-01", "2026-03")]


def test_counts_with_their_figure_in_brackets_asides_in_brackets_and_no_time_of_day():
    found = claims("Se excusaron tres (3) instituciones convocadas: el Ministerio de Administración "
                   "Pública (MAP) y la Cámara de Cuentas (CCRD).")
    assert [(c.claimed, len(c.items)) for c in found] == [(3, 2)]
    found = claims("Se realizaron tres talleres departamentales: Central (Areguá, 14 de marzo de 2025), "
                   "Itapúa (Encarnación, 11 de abril) y Alto Paraná (Ciudad del Este, 23 de mayo), con 164 participantes.")
    assert [(c.claimed, len(c.items)) for c in found] == [(3, 3)]
    found = claims("se celebrarán jornadas en las tres capitales de provincia (Huesca, Teruel y Zaragoza), con la FAMCP.")
    assert [(c.claimed, len(c.items)) for c in found] == [(3, 3)]
    assert claims("siendo las diez horas de la mañana (10:00 a. m.) del día martes, se reunieron: Ana, Luis y Eva") == []


def test_readings_of_one_acronym_no_reading_outnumbers_are_spelt_as_most_of_them_read_it():
    text = ("La Secretaría Técnica (SYLCC) coordina el plan. La STLEC convoca a las mesas.\n"
            "Según la STLUC, el avance es del 60 %. Más en https://aula.stlcc.gob.hn/auditoria\n")
    names = {f.name for f in organizations(text, domains=("stlcc",), confidence=lambda s, e: 90.0)}
    assert "STLCC" in names and not names & {"SYLCC", "STLEC", "STLUC"}
    # on a text layer each spelling is the document's own
    names = {f.name for f in organizations(text, domains=("stlcc",))}
    assert {"SYLCC", "STLEC", "STLUC"} <= names


def test_an_acronyms_leading_i_read_as_a_bracket(extract):
    text = ("Líder: Instituto de Fomento y Asesoría Municipal ([FAM)\nApoyo: la Contraloría.\n\n"
            "Responsable: ¡FAM y UNGL\n\nVer el informe de la Contraloría (IFAM) y [AAIP) del año.\n")
    orgs = {o.name for o in extract(text, method="ocr").organizations}
    assert "IFAM" in orgs and "FAM" not in orgs and "IAAIP" not in orgs


def test_an_address_a_space_cut_and_a_country_label_a_space_set_apart():
    text = ("Gobierno Abierto del Gobierno Regional. Escriba al correo gobier noabierto(Pregioncusco.gob.pe, "
            "por favor.\n1.3.1 hups://repositorio.senacyt.gob gt/colecciones/informes-finales\n")
    assert [str(f.value) for f in mentions.emails(text, ocr=True)] == ["gobiernoabierto@regioncusco.gob.pe"]
    assert [h.value for h in ocrfix.ocr_urls(text)] == ["https://repositorio.senacyt.gob.gt/colecciones/informes-finales"]
    assert [h.value for h in ocrfix.ocr_urls("en https: //w-ww.gob.pe/datos-abiertos.\n")] == \
        ["https://www.gob.pe/datos-abiertos"]


def test_a_scans_degree_sign_before_a_reference_and_the_codes_letters_as_the_document_writes_them(extract):
    text = ("OFICINA NORMATIVA DE CONTRATACIÓN Y ADQUISICIONES DEL ESTADO (ONCAE)\n\n"
            "Oficio N* ONCAF-DE-0412-2024\n\nTegucigalpa, 16 de agosto de 2024\n\nSeñor\nJuan Pérez\nPresente\n\n"
            "Le remito el informe de la ONCAE.\n")
    assert extract(text, method="ocr").document.reference == "ONCAE-DE-0412-2024"
    assert extract(text.replace("ONCAF", "ONCAE").replace("N*", "N.?"), method="ocr").document.reference \
        == "ONCAE-DE-0412-2024"
    memo = "MEMO N? 087-C1PT/2025\n\nSantiago, 11 de septiembre de 2025\n\nOFICIO N° DO00231-2024-PCM\n"
    assert extract(memo, method="ocr").document.reference == "087-CIPT/2025"


def test_minutes_say_where_they_met_in_their_place_field_or_their_opening_formula(extract):
    head = ("ACTA DE SESIÓN ORDINARIA Nro. CCGA-GADML-2025-004\n\nFecha: 29 de mayo de 2025\n"
            "Lugar: {}\n\nEn la ciudad de Loja, a los veintinueve días del mes de mayo, se reúnen los miembros.\n")
    r = extract(head.format("Sala de Sesiones del Concejo Municipal"))
    assert (r.document.reference, r.document.place) == ("CCGA-GADML-2025-004", "Loja")
    assert extract(head.format("Santo Domingo, D. N.")).document.place == "Santo Domingo, D. N."
    # a scan read the acta's label right: it stays the label, no misread "Act."
    assert extract("ACTA No. 03-2025\n\nFecha: 9 de septiembre de 2025\n", method="ocr").document.reference == "03-2025"


def test_a_date_lines_place_loses_the_dot_a_scan_read_for_its_comma(extract):
    assert extract("Asunción. 3 de marzo de 2025\n\nSeñor\nJuan Pérez\nPresente\n", method="ocr").document.place == "Asunción"


def test_a_spanish_word_in_a_capitals_heading_is_no_institution(extract):
    orgs = {o.name for o in extract("2. AVANCE POR COMPROMISO\n\nLa SENACYT informa.\n").organizations}
    assert "POR" not in orgs and "SENACYT" in orgs


def test_a_speck_between_a_schemes_slashes_and_the_host_and_a_slash_read_as_i():
    for text in ("en\nhttps:/. www.gub.uy/agesic/actas.\n", "en\nhups:/%www.gub.uy/agesic/actas,\n",
                 "en https://¡www.gub.uy/agesic/actas\n"):
        assert [h.value for h in ocrfix.ocr_urls(text)] == ["https://www.gub.uy/agesic/actas"], text
    assert [h.value for h in ocrfix.ocr_urls("en https://www.heredia.go.crídatos-abiertos\n")] == \
        ["https://www.heredia.go.cr/datos-abiertos"]


def test_one_address_read_twice_on_a_scan_is_one_address_and_its_repeat_is_flagged(extract):
    text = ("Informe del Gobierno Abierto de la ONCAE sobre su plan de gobierno abierto.\n\nFicha: https://oncae.gob.hn/gobierno-abierta/c6/mapeo-ocds.pdf\n"
            "Mapeo (otra vez): https://oncae.gob.hn/gobierno-abierto/c6/mapeo-ocds.pdf\n\n"
            "Compromisos: https://www.argentina.gob.ar/jefatura/gobierno-abierto/compromiso-7 y\n"
            "https://www.argentina.gob.ar/jefatura/gobierno-abierto/compromiso-8\n")
    r = extract(text, method="ocr")
    assert [f.value for f in r.flags if f.kind == "duplicate_url"] == \
        ["https://oncae.gob.hn/gobierno-abierto/c6/mapeo-ocds.pdf"]  # two numbers are two addresses
    assert extract(text).flags == [f for f in extract(text).flags if f.kind != "duplicate_url"]  # a text layer's own


def test_a_post_a_scan_misspelt_or_written_in_common_words_is_no_signatory():
    from extractors.header import _clean_name
    for post in ("Subsecrerario de Fortalecimiento Institucional", "Directora de Transparencia y Gobierno Abierto",
                 "PERSONALES DEL ESTADO DE JALISCO"):
        assert _clean_name(post) is None, post
    for name in ("Gabriela Estefanía Ontaneda Paz", "María de la Paz Flores Campos", "Luz Marina Cruz Sol"):
        assert _clean_name(name) == name


def test_a_days_five_read_as_s_on_a_scan(extract):
    assert extract("FECHA : Cusco, S de abril de 2025\n", method="ocr").document.issued == date(2025, 4, 5)


def test_a_domain_label_a_slip_from_an_acronym_the_document_names_twice_is_that_acronym():
    text = "La STLCC coordina el plan; la STLCC publica. Escriba a gobiernoabierto@sticc.gob.hn\n"
    assert ocrfix.acronym_labels("gobiernoabierto@sticc.gob.hn", {"STLCC"}, text) == "gobiernoabierto@stlcc.gob.hn"
    assert ocrfix.acronym_labels("https://www.sticc.gob.hn/plan", {"STLCC"}, text) == "https://www.stlcc.gob.hn/plan"
    # an acronym read once may be the slip itself
    once = "La STLCO coordina el plan. https://www.stlcc.gob.hn/plan\n"
    assert ocrfix.acronym_labels("https://www.stlcc.gob.hn/plan", {"STLCO"}, once) == "https://www.stlcc.gob.hn/plan"


def test_a_date_or_a_number_in_words_before_a_colon_is_no_count():
    assert claims("a los veintinueve días del mes de mayo de dos mil veinticinco, se reúnen: Ana, Luis y Eva.") == []
    assert [(c.claimed, len(c.items)) for c in claims("Participaron tres municipios: Mixco, Villa Nueva y Amatitlán.")] \
        == [(3, 3)]


def test_percent_in_words_as_a_scan_prints_por_ciento():
    assert [f.value for f in mentions.percentages("el sesenta y cinco pos ciento de ellas", ocr=True)] == [65.0]


def test_each_countrys_lexicon_fires_only_where_the_document_names_that_country():
    from extractors import lexicon as lx
    peru = lx.institutions("Lima, 3 de marzo de 2025. La Contraloría General de la República del Perú ...")
    guatemala = lx.institutions("Guatemala, 3 de marzo de 2025. La Contraloría General de Cuentas ...")
    assert peru["acronyms"] and guatemala["acronyms"] and set(peru["acronyms"]) != set(guatemala["acronyms"])
    assert lx.institutions("3 de marzo de 2025. La Contraloría informa ...") == {"acronyms": {}, "names": []}


def test_a_scanned_acronym_snaps_to_a_known_one_only_when_read_unsure_and_by_a_lookalike_letter():
    from collections import Counter
    from extractors.organizations import known_acronym
    known = {"PDH": "Procuraduría de los Derechos Humanos", "CGC": "Contraloría General de Cuentas"}
    assert known_acronym("PDE", Counter({"PDE": 1}), known) == "PDH"  # E and H: a scan's slip
    assert known_acronym("CNC", Counter({"CNC": 1}), known) == "CNC"  # N and G: another institution
    text = "Guatemala, 3 de marzo de 2025. La PDE y la CNC informan.\n"
    unsure = {f.name for f in organizations(text, confidence=lambda s, e: 60.0)}
    sure = {f.name for f in organizations(text, confidence=lambda s, e: 96.0)}
    assert "PDH" in unsure and "PDE" in sure and "CNC" in unsure | sure


def test_a_bodys_internal_unit_named_without_an_acronym_is_no_institution():
    text = ("El Gobierno Regional de Tumbes, por medio de su Gerencia de Desarrollo Social y de la Oficina de "
            "Comunicaciones, informa a la Contraloría General de la República (CGR) y a la Oficina Nacional "
            "de Procesos Electorales (ONPE).\n")
    names = {f.name for f in organizations(text)}
    assert "CGR" in names and "ONPE" in names
    assert not any(n.startswith(("Gerencia", "Oficina de Comunicaciones")) for n in names)


def test_a_day_in_words_without_a_year_takes_the_documents_and_an_impossible_one_is_flagged(extract):
    text = ("Cusco, 22 de julio de 2025\n\nSeñor\nJuan Pérez\nPresente\n\n"
            "El comité se instaló el doce de junio. El taller será el miércoles siete de agosto, en Sicuani. "
            "Remitir a más tardar el treinta y uno de setiembre del presente año la relación.\n")
    r = extract(text)
    assert {str(d.value) for d in r.dates} >= {"2025-06-12", "2025-08-07"}
    kinds = {f.kind: f.value for f in r.flags}
    assert kinds.get("weekday_mismatch", "").startswith("miércoles siete de agosto")
    assert kinds.get("invalid_date") == "treinta y uno de setiembre del presente año"
    assert find_dates_in("uno de los tres talleres") == []


def find_dates_in(text):
    from extractors.dates import find_dates
    return find_dates(text, 2025)


def test_a_partitive_count_and_a_list_that_ends_at_a_heading_in_capitals():
    text = ("Se constata el quórum con la presencia de siete de sus miembros:\n\n1. Abg. Diego Jaramillo, Concejal.\n\n"
            "2. Ing. María Ordóñez, Directora.\n\n3. Sr. Luis Quizhpe, delegado.\n\nSEGUNDO: ORDEN DEL DÍA\n\n"
            "1. Constatación del quórum.\n\n2. Lectura del acta.\n")
    assert [(c.claimed, len(c.items)) for c in claims(text)] == [(7, 3)]


def test_a_hito_named_in_prose_with_a_comma_for_its_dot(extract):
    text = ("Lima, 3 de marzo de 2025\n\nEn la sesión del 19 de agosto de 2025 se revisó el Hito 4,1, "
            '"Publicación del padrón de concesiones y rutas en formato abierto", que registra 60 %.\n')
    assert [(m.commitment, m.number) for m in extract(text, method="ocr").milestones] == [(4, 1)]


def test_a_phone_with_one_digit_groups_after_its_country_code_and_a_scans_misread_calling_code():
    assert [f.value for f in mentions.phones("Consultas al teléfono +591 2 2821300.")] == ["59122821300"]
    assert [f.value for f in mentions.phones("Guatemala. Teléfono (302) 2321-4600.", ocr=True)] == ["50223214600"]
    # a code of a country the document does not name, or an area code, stays as read
    assert [f.value for f in mentions.phones("Teléfono (302) 2321-4600.", ocr=True)] == ["30223214600"]
    assert [f.value for f in mentions.phones("Medellín, Colombia. Tel. (606) 339 8300", ocr=True)] == ["6063398300"]
