"""OCR repairs: each on clean input (left alone) and on noisy input (repaired)."""
import re
import pytest

from extractors import ocrfix
from extractors.mentions import emails, phones, urls
from extractors.organizations import organizations
from extractors.structure import parse_number
from extractors.text import build
from tests.conftest import make_pages
from tests.noise import noisy


def _urls(text, ocr=True):
    return [f.value for f in urls(text, ocr=ocr)]


# --- URL scheme and separator ------------------------------------------------

@pytest.mark.parametrize("raw", ["btps://", "htps://", "hups://", "attps:/A", "https: //",
                                 "htips:/á", "htps//", "intps: “"])
def test_misread_https_scheme_is_repaired(raw):
    assert _urls(f"Portal: {raw}www.ejemplo.gob.hn/datos\n") == ["https://www.ejemplo.gob.hn/datos"]


@pytest.mark.parametrize("raw", ["hitp://", "http:1/", "htp://"])
def test_misread_http_scheme_is_repaired(raw):
    assert _urls(f"Ver {raw}10.20.30.40/avisos\n") == ["http://10.20.30.40/avisos"]


def test_clean_url_unchanged_by_ocr_reader():
    assert _urls("Ver https://datos.ejemplo.org/es/ y más") == ["https://datos.ejemplo.org/es/"]


def test_word_before_colon_is_not_a_scheme():
    assert _urls("Hora: 14:00 a 17:00 hrs. Lugar: sala.\n") == []


# --- host, TLD and path ---------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("https://portal.ejemplo.gob.gu", "https://portal.ejemplo.gob.gt"),      # TLD form
    ("https://portal.ejemplo:20b.gt", "https://portal.ejemplo.gob.gt"),      # second level
    ("https://portal,ejemplo.gob.gt", "https://portal.ejemplo.gob.gt"),      # comma for dot
    ("https://ejemplo.gob.guversion-final-del-plan!", "https://ejemplo.gob.gt/version-final-del-plan/"),
])
def test_host_repairs(raw, expected):
    assert _urls(f"{raw}\n") == [expected]


def test_tld_form_is_left_alone_on_text_layer():
    assert _urls("https://portal.ejemplo.gob.gu\n", ocr=False) == ["https://portal.ejemplo.gob.gu"]


def test_space_inside_host_is_joined_only_when_it_completes_the_name():
    assert _urls("https://portalmunicipal datos.gob.gt\n") == ["https://portalmunicipal.datos.gob.gt"]
    assert _urls("https://portal.gob.gt y otros\n") == ["https://portal.gob.gt"]


def test_dropped_slash_between_host_and_path():
    assert _urls("<https://www.ejemplo.gob.gt inicio/index.asp>\n") == [
        "https://www.ejemplo.gob.gt/inicio/index.asp"]


def test_accent_in_path_is_folded():
    assert _urls("http://10.1.1.1/Fotografía\n") == ["http://10.1.1.1/Fotografia"]


def test_url_in_angle_brackets_continues_on_next_line():
    text = "• <https://ejemplo.org/archivos/2020/informe-anual-201\n9.pdf>\n"
    assert _urls(text, ocr=False) == ["https://ejemplo.org/archivos/2020/informe-anual-2019.pdf"]


# --- consensus --------------------------------------------------------------------

LIST = ("https://muniuno.portal.gt\nhttps://munidos.portal.gt\nhttps://munitres.portal.gt\n"
        "https://municuatro.portal.gt\n")


def test_hosts_of_a_list_agree_on_suffix_and_prefix():
    noisy_list = LIST + "https://aaunicinco.portal.gt\nhttps://uniseis.jortal.gt\n"
    assert _urls(noisy_list)[-2:] == ["https://municinco.portal.gt", "https://muniseis.portal.gt"]


def test_clean_list_is_unchanged():
    assert _urls(LIST) == [u for u in LIST.split("\n") if u]


def test_suffix_consensus_leaves_other_well_formed_hosts():
    assert _urls(LIST + "https://www.ministerio.gob.gt\n")[-1] == "https://www.ministerio.gob.gt"


def test_repeated_host_gets_one_spelling():
    text = LIST + "https://munisanpedrito.portal.gt\nhttps://munisanpedrito.portal.gt\n" \
                  "https://munisanpedvito.portal.gt\n"
    assert set(_urls(text)[-3:]) == {"https://munisanpedrito.portal.gt"}


# --- e-mail -------------------------------------------------------------------------

@pytest.mark.parametrize("at", ["(D", "íD", "©", "O"])
def test_misread_at_sign(at):
    text = f"Contacte a la lic. Ana Pérez al correo aperez{at}ejemplo.gob.hn, gracias."
    assert [f.value for f in emails(text, ocr=True)] == ["aperez@ejemplo.gob.hn"]


def test_clean_email_and_ordinary_words_untouched():
    text = "escriba a aperez@ejemplo.gob.hn. Oficio ALCALDIAOSAN no es correo."
    assert [f.value for f in emails(text, ocr=True)] == ["aperez@ejemplo.gob.hn"]


def test_email_local_part_from_name_nearby():
    text = "con la lic. Marta Gonzales al correo mgouzales@ejemplo.org.ni para confirmar"
    assert [f.value for f in emails(text, ocr=True)] == ["mgonzales@ejemplo.org.ni"]
    assert [f.value for f in emails(text.replace("mgouzales", "mgonzales"), ocr=True)] == [
        "mgonzales@ejemplo.org.ni"]


def test_email_domain_from_repeated_acronym():
    text = "El IDEAM y el IDEAM coordinan; correo: info@ideaw.gov.co"
    assert [f.value for f in emails(text, ocr=True)] == ["info@ideam.gov.co"]


# --- years, header numbers, words ------------------------------------------------

def test_rare_year_one_confusable_digit_from_the_usual_one():
    votes = ocrfix.year_votes("2019 " * 6 + "el 19 de marzo de 2015")
    assert ocrfix.fix_year(2015, votes) == 2019
    assert ocrfix.fix_year(2011, votes) == 2011  # 1 -> 9 is no OCR confusion
    assert ocrfix.fix_year(2019, votes) == 2019
    # the year after the usual one is no misreading: plans run into the next year
    votes = ocrfix.year_votes("2025 " * 6 + "del 1 de octubre de 2025 al 31 de marzo de 2026")
    assert ocrfix.fix_year(2026, votes) == 2026


def test_dates_in_ocr_text_use_year_consensus(extract):
    text = "\n".join(["Plan 2019."] * 6 + ["Reunión el 19 de marzo de 2015."])
    assert [d.value.isoformat() for d in extract(text, "ocr").dates] == ["2019-03-19"]
    assert [d.value.isoformat() for d in extract(text, "text").dates] == ["2015-03-19"]


@pytest.mark.parametrize("token,value", [("1", 1), ("l", 1), ("S", 5), ("IV", 4), ("ii", 2)])
def test_header_number_digit_forms(token, value):
    assert parse_number(token) == value


def test_garbled_lone_hito_header_follows_document_shape(extract):
    body = ("Descripción: una descripción del hito.\nActividad 1. Algo.\nAvance 100%. Hecho.\n")
    text = "Compromiso 3\nHEUPO 1.\n" + body + "HITO 2.\n" + body + "HITO 3.\n" + body
    assert [m.number for m in extract(text, "ocr").milestones] == [1, 2, 3]
    clean = text.replace("HEUPO", "HITO")
    assert [m.number for m in extract(clean, "text").milestones] == [1, 2, 3]


def test_ocr_word_slips_repaired_only_on_ocr_pages():
    raw = "la Secretaría Naciona! de Ciencia y Jos Ministerios Píúblicos"
    assert build(make_pages(raw, "ocr")).text == "la Secretaría Nacional de Ciencia y los Ministerios Públicos"
    assert build(make_pages(raw, "text")).text == raw


def test_misread_connector_between_capitals_repaired_only_there():
    raw = "MINISTERIO PE COMUNICACIÓN\nREPORTE DF ESTADO DEL PROGRAMA\nLUCHA CONTRA JA CORRUPCIÓN\nRUC PE 2025"
    assert build(make_pages(raw, "ocr")).text.split("\n") == [
        "MINISTERIO DE COMUNICACIÓN", "REPORTE DE ESTADO DEL PROGRAMA", "LUCHA CONTRA LA CORRUPCIÓN", "RUC PE 2025"]
    assert build(make_pages(raw, "text")).text == raw
    orgs = {f.name for f in organizations(build(make_pages("Oficio del MINISTERIO PE COMUNICACIÓN.", "ocr")).text)}
    assert "MINISTERIO DE COMUNICACIÓN" in orgs


def test_name_read_twice_keeps_the_reading_made_of_words():
    text = ("El Programa Federal de Gobierno Abierto reúne a los municipios. Más tarde, el Programa "
            "Federal de Gabiemo Abierto abrió su segunda convocatoria.")
    names = {f.name for f in organizations(text)}
    assert "Programa Federal de Gobierno Abierto" in names
    assert "Programa Federal de Gabiemo Abierto" not in names


def test_acronym_variant_takes_email_domain_vote():
    text = ("bajo la coordinación del JNSAM y del Instituto Nacional de Salud y Ambiente Municipal, "
            "en la ciudad.")
    orgs = {f.name for f in organizations(text, domains=("insam", "gob"))}
    assert "INSAM" in orgs and "JNSAM" not in orgs
    assert "JNSAM" in {f.name for f in organizations(text)}


def test_accented_acronym_variant_merges_with_plain_one():
    text = "Trabajo con la Secretaría de Ciencia — SEÑCYT y luego con SENCYT en la ciudad."
    orgs = {f.name for f in organizations(text)}
    assert "SENCYT" in orgs and "SEÑCYT" not in orgs


def test_names_enumerated_beside_an_institution():
    text = "con otros actores como ANAM, Red Ciudadana, Acción Vecinal, entre otras."
    names = {f.name for f in organizations(text)}
    assert {"Red Ciudadana", "Acción Vecinal"} <= names


@pytest.mark.parametrize("kind", ["drop_accents", "l_to_1"])
def test_noisy_org_list_keeps_acronym(kind):
    clean = "con otros actores como ANAM, Red Ciudadana, Acción Vecinal, entre otras."
    text = noisy(clean, kind, seed=1)
    assert text != clean  # the case really is noisy
    assert "ANAM" in {f.name for f in organizations(text)}


def test_lowercase_keyword_continuing_a_wrapped_line_is_not_a_header(extract):
    line = "Continuidad de la implementación de portales en municipalidades que carecen de " \
           "herramientas, en seguimiento al resultado alcanzado del"
    text = "\n".join(["Compromiso 10", line, "compromiso número 8 del tercer plan.",
                      "Actividad 1: Solicitud de listado.", "Temporalidad", "Marzo de 2019."] +
                     ["Texto de relleno para medir el ancho de las líneas del documento aquí."] * 4)
    recs = extract(text)
    assert [c.number for c in recs.commitments] == [10]
    assert [(a.commitment, a.number) for a in recs.activities] == [(10, 1)]


def test_continvidad_is_not_turned_into_an_activity(extract):
    text = "Compromiso 4\nContinvidad de la implementación de portales de transparencia.\n"
    assert extract(text, "ocr").activities == []


def test_url_path_word_from_document_vocabulary():
    text = "Presupuesto anual. El presupuesto y su presupuesto.\nhttp://10.1.1.1/mesa-de-presupnesto\n"
    assert _urls(text) == ["http://10.1.1.1/mesa-de-presupuesto"]
    # without the text's word, Spanish still knows it; a word no slip from one stays as read
    assert _urls("Sin contexto.\nhttp://10.1.1.1/mesa-de-presupnesto\n") == [
        "http://10.1.1.1/mesa-de-presupuesto"]
    assert _urls("Sin contexto.\nhttp://10.1.1.1/orgenizatinn/sercop\n") == [
        "http://10.1.1.1/orgenizatinn/sercop"]


def test_url_path_word_from_web_vocabulary():
    assert _urls("https://conadi.gob.gt/weh/\n") == ["https://conadi.gob.gt/web/"]
    assert _urls("Gobierno, gobierno y gobierno.\nhttps://ejemplo.gob.gt/inicio/mesa-de-gohierno\n") == [
        "https://ejemplo.gob.gt/inicio/mesa-de-gobierno"]
    assert _urls("https://ejemplo.gob.gt/web/\n") == ["https://ejemplo.gob.gt/web/"]


def test_bullet_dash_does_not_make_a_capitalised_line_an_acronym():
    text = "Incluye:\n- Fotografía\n- HAGAP\nEl Consejo Nacional - CONAP en la ciudad."
    names = {f.name for f in organizations(text)}
    assert "HAGAP" not in names and "CONAP" in names


@pytest.mark.parametrize("raw,expected", [
    ("Reunión 15 3marzo 2019.", "2019-03-15"),        # speck glued to the month
    ("Guatemala, 28 de Agosto 20; 20", "2020-08-28"),  # year split in two
])
def test_ocr_date_slips(extract, raw, expected):
    assert [d.value.isoformat() for d in extract(raw, "ocr").dates] == [expected]


def test_split_year_left_alone_on_text_layer(extract):
    assert extract("Guatemala, 28 de Agosto 20; 20", "text").dates == []


def test_stamp_beside_the_date_line_on_a_scan(extract):
    text = "Comunicado\n29 Marzo, 2023 | és | RECIBI\nTexto del comunicado de prensa."
    assert str(extract(text, "ocr").document.issued) == "2023-03-29"
    assert extract(text, "text").document.issued is None


def test_hito_list_with_misread_hito_words(extract):
    text = "Informe: MINISTERIO - Compromiso 3*(hito 1, mito 2, bito 3.)\n"
    assert sorted((m.commitment, m.number) for m in extract(text, "ocr").milestones) == [
        (3, 1), (3, 2), (3, 3)]


PLAN = ("Compromiso 2\nTítulo del compromiso.\n"
        "Una descripción larga del hito que abre el plan de trabajo del compromiso en cuestión.\n"
        "{act} 1: Primera actividad del plan.\n{tmp}\nMarzo de 2019.\n{prod}\nUn documento.\n"
        "{med}\nActa firmada.\nActividad 2: Segunda actividad del plan.\nTemporalidad\nAbril de 2019.\n")


@pytest.mark.parametrize("act,tmp,prod,med", [
    ("Actividad", "Temporalidad", "Producto a entregar", "Medio de verificación"),
    ("A Actividad", "Ti em poralidad", "Producto 4 entregar", "Medio le verificación"),
])
def test_plan_labels_tolerate_ocr(extract, act, tmp, prod, med):
    recs = extract(PLAN.format(act=act, tmp=tmp, prod=prod, med=med), "ocr")
    assert [(a.number, [p.start for p in a.periods]) for a in recs.activities] == [
        (1, ["2019-03"]), (2, ["2019-04"])]
    assert len(recs.milestones) == 1


def test_low_confidence_lone_acronym_is_dropped():
    text = "Reunión con la ANAM y el EEE en la ciudad."
    conf = lambda s, e: 10.0 if text[s:e] == "EEE" else 90.0  # noqa: E731
    assert {f.name for f in organizations(text, confidence=conf)} == {"ANAM"}
    assert {f.name for f in organizations(text)} == {"ANAM", "EEE"}


def test_cut_off_acronym_of_a_repeated_one_is_dropped():
    text = "El INFOM coordina. El INFOM apoya; del INF solo queda esto en la ciudad."
    assert {f.name for f in organizations(text)} == {"INFOM"}


def test_name_with_acronym_after_colon_and_trailing_head():
    text = ("Coordina la Secretaría de Coordinación Ejecutiva de la Presidencia: SCEP, en la ciudad. "
            "Lugar: Comisión Nacional de Datos Abiertos y Transparencia\nDirección: 4a calle.")
    names = {f.name for f in organizations(text)}
    assert "SCEP" in names
    assert not any(n.startswith("Secretaría") for n in names)
    assert not any(n.endswith("Dirección") for n in names)


def test_count_claim_ignores_numbers_in_parentheses(extract):
    text = "Prioridad 2 (MED 3), prioridad 5 (Meta: 9 y y otras 10 (MED 16).\n"
    assert extract(text, "ocr").count_claims == []


def test_scanned_line_ending_in_connector_continues_behind_a_bullet():
    raw = "con la Asociación Nacional de\n- Municipalidades -ANAM-, y otros."
    assert build(make_pages(raw, "ocr")).text == "con la Asociación Nacional de Municipalidades -ANAM-, y otros."
    assert "\n" in build(make_pages(raw, "text")).text


def test_scanned_line_ending_in_connector_continues_behind_a_blank_line():
    raw = "Acceso a la información pública y\n\narchivos nacionales; Innovación."
    assert build(make_pages(raw, "ocr")).text == "Acceso a la información pública y archivos nacionales; Innovación."


def test_connector_before_a_blank_line_does_not_swallow_the_next_block():
    raw = "Avance 100%. Se firmó la carta y\n\nActividad 6. Reunión con alcaldes."
    assert build(make_pages(raw, "ocr")).text.endswith("y\nActividad 6. Reunión con alcaldes.")


def test_colon_set_off_by_a_space_at_a_line_end_is_a_speck():
    raw = "siendo estos: Ambiente, Recursos :\nNaturales y Gestión de Riesgo, Educación."
    assert ":" not in build(make_pages(raw, "ocr")).text.split("estos:")[1]
    assert "Recursos :" in build(make_pages(raw, "text")).text


def test_present_year_uses_usual_year_when_date_line_is_unreadable(extract):
    text = "Plan 2020-2021.\nInforme 2020.\nReunión el 31 de enero del presente año."
    assert [d.value.isoformat() for d in extract(text, "ocr").dates] == ["2020-01-31"]
    assert extract(text, "text").dates == []


def test_enumeration_tolerates_a_dot_for_a_comma():
    text = "con otros actores como ANAM, Red Ciudadana. Acción Vecinal, entre otras."
    assert {"Red Ciudadana", "Acción Vecinal"} <= {f.name for f in organizations(text)}


def test_lowercase_numeral_after_keyword_is_not_a_conjunction():
    assert build(make_pages("dentro del hito v de este plan", "ocr")).text == "dentro del hito v de este plan"
    assert build(make_pages("de Ciencia v Tecnología", "ocr")).text == "de Ciencia y Tecnología"


def test_path_segment_agrees_with_the_same_hosts_directory():
    text = "http://10.1.1.1/noticias/mesa-abierta\nhttp://10.1.1.1/noticiasa\nhttp://10.2.2.2/noticiasa\n"
    assert _urls(text) == ["http://10.1.1.1/noticias/mesa-abierta", "http://10.1.1.1/noticias",
                           "http://10.2.2.2/noticiasa"]


@pytest.mark.parametrize("raw", ["intps: “www ejemplo.org/es/", "huúps://www.ejemplo.org/es/"])
def test_www_with_a_space_and_accented_scheme(raw):
    assert _urls(f". <{raw}>\n") == ["https://www.ejemplo.org/es/"]


def test_three_letter_variant_merges_into_the_one_a_name_spells():
    text = ("La Contraloría General de Cuentas - CGC revisa. Coordinado por la "
            "Contraloría General de Cuentas - EGC en la ciudad.")
    assert {f.name for f in organizations(text)} == {"CGC"}


def test_heading_word_in_capitals_is_not_an_acronym():
    text = "GOBIERNO INSTITUTO DE FOMENTO - : sello\nEl Instituto de Fomento Social apoya en la ciudad."
    assert "FOMENTO" not in {f.name for f in organizations(text)}
    assert "INFOSO" in {f.name for f in organizations(text.replace("FOMENTO -", "INFOSO -"))}


def test_acronym_on_a_title_case_line_after_its_spelt_out_name():
    text = "corresponsables: Ministerio de Salud Publica y Asistencia Social pt VE\nMSPAS: Ministerio de Agricultura"
    assert "MSPAS" in {f.name for f in organizations(text)}
    assert "MSPAS" not in {f.name for f in organizations(text.replace("Salud Publica", "Obras Varias"))}


@pytest.mark.parametrize("sep", [",", "."])
def test_prose_hito_tolerates_a_dot_for_a_comma(extract, sep):
    text = f"Se ha establecido el hito 7{sep} que es la continuidad de los portales. Otra frase."
    assert [(m.number, m.description) for m in extract(text, "ocr").milestones] == [
        (7, "Continuidad de los portales.")]


def test_future_year_in_a_report_is_a_misread():
    votes = ocrfix.year_votes("DS-11-2017 y 2020 2020")
    assert ocrfix.fix_future_year(2037, 2020, votes) == 2017
    assert ocrfix.fix_future_year(2021, 2020, votes) == 2021
    assert ocrfix.fix_future_year(2099, 2020, ocrfix.year_votes("2020")) == 2099


def test_keyword_split_by_a_space_before_its_number(extract):
    recs = extract("Compromiso 4\nTítulo.\nActividad 9. Una.\nAeuiv idad 10. Monitoreo de portales.\n", "ocr")
    assert [a.number for a in recs.activities] == [9, 10]


@pytest.mark.parametrize("printed,expected", [("6", [6, 7]), ("€", [6, 7])])
def test_first_activity_number_read_as_a_symbol(extract, printed, expected):
    text = f"Compromiso 19\nTítulo.\nActividad {printed}. Primera.\nActividad 7. Segunda.\n"
    assert [a.number for a in extract(text, "ocr").activities] == expected


def test_symbol_inside_a_list_follows_the_order(extract):
    text = "Compromiso 19\nTítulo.\nActividad 1. Primera.\nActividad €. Segunda.\n"
    assert [a.number for a in extract(text, "ocr").activities] == [1, 2]


@pytest.mark.parametrize("label", ["Temporalidad", "Temporalidad A"])
def test_speck_after_a_label_leaves_the_value_below(extract, label):
    text = f"Compromiso 2\nTítulo.\nActividad 1: Una.\n{label}\nAbril — Junio 2019.\n"
    assert [(p.start, p.end) for p in extract(text, "ocr").activities[0].periods] == [("2019-04", "2019-06")]


def test_single_month_year_the_text_keeps_writing_is_not_repaired():
    from extractors.dates import FoundPeriod
    from extractors.structure import Item, fix_ocr_years
    acts = [Item("activity", i, i, 0, 0) for i in range(4)]
    for a, (s, e) in zip(acts, [("2018-12", "2018-12"), ("2019-03", "2019-03"), ("2019-04", "2019-04"),
                                ("2019-05", "2019-06")]):
        a.periods = [FoundPeriod(s, e, "", 0)]
    fix_ocr_years(acts, ocrfix.year_votes("2018 2018 2018"))
    assert acts[0].periods[0].start == "2018-12"
    fix_ocr_years(acts)
    assert acts[0].periods[0].start == "2019-12"  # without the text's votes: one digit from 2019


@pytest.mark.parametrize("gap", ["\n", " "])
def test_ocr_url_in_angle_brackets_continues_and_known_segments_split(gap):
    text = f"« <https://ejemplo.org/wp-contentuploads/2020/07/informe-anual-201{gap}9.pdf>\n» <https://otro.org/>\n"
    assert _urls(text) == ["https://ejemplo.org/wp-content/uploads/2020/07/informe-anual-2019.pdf",
                           "https://otro.org/"]
    assert _urls("https://ejemplo.org/wp-content/uploads/a.pdf\n") == [
        "https://ejemplo.org/wp-content/uploads/a.pdf"]


@pytest.mark.parametrize("host,expected", [
    ("www.opergovparmersbip.org", "www.opengovpartnership.org"),
    ("drive.gongle.com", "drive.google.com"),
    ("www.opengovpartnership.org", "www.opengovpartnership.org"),   # clean: unchanged
    ("portal.ejemplo.gob.gt", "portal.ejemplo.gob.gt"),             # unknown: unchanged
    ("ccogle.org", "ccogle.org"),                                   # short and too far: unchanged
])
def test_known_domain(host, expected):
    assert ocrfix.known_domain(host) == expected


def test_space_inside_host_keeps_the_path_after_it():
    assert _urls("https://portalmunicipal datos.gob.gt/es/inicio\n") == [
        "https://portalmunicipal.datos.gob.gt/es/inicio"]


def test_a_real_country_domain_is_kept_unless_it_follows_a_second_level_label():
    assert _urls("Ver https://www.dre.pt/legislacion y más\n") == ["https://www.dre.pt/legislacion"]
    assert _urls("Ver https://www.minfin.gob.pt/ y más\n") == ["https://www.minfin.gob.gt/"]
    assert _urls("Ver https://munixela.laip.gu/ y más\n") == ["https://munixela.laip.gt/"]


def test_an_address_part_one_slip_from_words_the_prose_writes_is_them():
    from extractors.ocrfix import nearest_compound, written_compounds
    grams = written_compounds("La Dirección de Gobierno Abierto de la Municipalidad de Curridabat "
                              "publica; escriba a btips:/munidalorespeten laip.gu o a Curridabat.")
    assert nearest_compound("gobienoabierto", grams) == "gobiernoabierto"
    assert nearest_compound("curridahat", grams) == "curridabat"
    assert nearest_compound("munidolorespeten", grams) == "munidolorespeten"  # no address is prose
    assert nearest_compound("transparencia", grams) == "transparencia"  # nothing near: as read


# --- words of names, years ---------------------------------------------------

def test_a_misread_word_of_a_name_takes_the_spelling_the_text_repeats():
    text = ("La Dirección General de Gabierno Abierto coordina el plan. El Gobierno Abierto es una "
            "política del Gobierno municipal.\n")
    scan = {f.name for f in organizations(text, confidence=lambda s, e: 90.0)}
    assert "Dirección General de Gobierno Abierto" in scan
    assert "Dirección General de Gabierno Abierto" in {f.name for f in organizations(text)}  # text layer


def test_a_real_word_of_a_name_read_once_is_kept():
    text = ("La Comisión Presidencial de Gestión Pública Abierta y Transparencia informa. El gobierno "
            "abierto y el plan abierto, con datos abiertos.\n")
    names = {f.name for f in organizations(text, confidence=lambda s, e: 90.0)}
    assert "Comisión Presidencial de Gestión Pública Abierta y Transparencia" in names


def test_a_long_misread_word_takes_the_one_spanish_word_a_slip_away():
    text = "Lo coordina la Dirección de Tecuología e Innovación del municipio.\n"
    names = {f.name for f in organizations(text, confidence=lambda s, e: 90.0)}
    assert "Dirección de Tecnología e Innovación" in names


@pytest.mark.parametrize("year, fixed", [(2624, 2024), (2924, 2024), (2024, 2024), (1810, 1810)])
def test_a_year_no_document_writes_is_the_usual_year_one_digit_away(year, fixed):
    from collections import Counter
    assert ocrfix.plausible_year(year, Counter({"2024": 6, "2025": 2})) == fixed


def test_a_path_word_one_slip_from_one_spanish_word_is_that_word():
    assert _urls("Ver https://datosabiertos.go.cr/contraraciones y https://datos.hidalgo.gob.mx/padron-beueficiarios\n") \
        == ["https://datosabiertos.go.cr/contrataciones", "https://datos.hidalgo.gob.mx/padron-beneficiarios"]
    assert _urls("Ver https://datos.gob.mx/compras/index\n") == ["https://datos.gob.mx/compras/index"]


def test_an_address_whose_at_a_scan_read_as_a_space_after_a_mail_cue():
    assert [f.value for f in emails("Consultas: planificacion vivienda.gob.sv. teléfono 2592-2000.\n", True)] == [
        "planificacion@vivienda.gob.sv"]
    assert emails("Consultas en el portal www.vivienda.gob.sv o a prensa gob.pa\n", True) == []
    assert emails("Consultas: planificacion vivienda.gob.sv.\n", False) == []
    assert [f.value for f in emails("Dudas y comentarios: gobiernoabierto(Pleon.gob.mx o al teléfono\n", True)] == [
        "gobiernoabierto@leon.gob.mx"]


def test_an_at_a_scan_read_as_a_symbol_and_a_digit_or_a_space():
    named = "Responsable: Andrés Felipe Cárdenas Rueda\nCorreo electrónico: acardenas(2dnp.gov.co\n"
    assert [f.value for f in emails(named, True)] == ["acardenas@dnp.gov.co"]  # A. Cárdenas, not the word
    spaced = "Las inquietudes pueden remitirse al correo estadoabierto(O funcionpublica.gov.co o a la línea\n"
    assert [f.value for f in emails(spaced, True)] == ["estadoabierto@funcionpublica.gov.co"]


def test_an_address_behind_an_unseen_at_form_must_read_as_words_or_a_name():
    # a wrong address would count against the document twice (one wrong, one missed)
    assert emails("Correo: gobiemoabiertofómunisanisidro.gob.pe — Teléfono: (01) 513 4872\n", True) == []
    assert [f.value for f in emails("Correo: transparencia(?2munisanisidro.gob.pe — Teléfono\n", True)] == [
        "transparencia@munisanisidro.gob.pe"]


def test_an_at_whose_ring_came_out_as_an_f_and_a_capital_after_a_misspelt_cue():
    assert [f.value for f in emails("Paca consuitas: gobiernoabiertofWmides.gob.gt / PBX (502) 2415-8900.\n", True)] == [
        "gobiernoabierto@mides.gob.gt"]
    assert [f.value for f in emails("Infarmes: gobiernoabiertoíMrisaralda,gov.co, teléfono (606) 339 8300\n", True)] == [
        "gobiernoabierto@risaralda.gov.co"]
    # with no cue, near or misspelt, an unseen form is no `@`
    assert emails("la conducta del grupo aperez§Pejemplo.gob.gt\n", True) == []


def test_a_host_label_the_text_writes_as_a_name_is_not_respelt_into_words():
    # `risaralda` with `d` read as `cl` splits as risa-ral-cla, but the text names Risaralda twice
    text = "Gobernación de Risaralda. Contraloría de Risaralda. Ver https://www.risaralda.gov.co/regalias\n"
    assert _urls(text) == ["https://www.risaralda.gov.co/regalias"]


def test_a_www_with_a_stroke_read_as_a_digit():
    assert _urls("Medio de verificación: htips://w4ww.mides.gob.gt/protocolo\n") == [
        "https://www.mides.gob.gt/protocolo"]


@pytest.mark.parametrize("raw, url", [
    ("https://datos.gob.ar/dataset'jgm-concursos", "https://datos.gob.ar/dataset/jgm-concursos"),
    ("https://fwww.regiontumbes.gob.pe/transparencia", "https://www.regiontumbes.gob.pe/transparencia"),
    ("www.datos.gav.co", "www.datos.gov.co")])
def test_a_slash_read_as_an_apostrophe_a_www_after_an_f_and_a_misread_second_level(raw, url):
    assert _urls(f"Ver {raw} y más.\n") == [url]


def test_an_address_domain_takes_the_spelling_of_the_document_s_url_host():
    text = "Gobierno de Mendoza. La provincia de Mendoza publica en https://www.mendoza.gov.ar/datos.\n"
    assert ocrfix.agree_domains(["gobiernoabierto@inendoza.gov.ar"], ["mendoza.gov.ar"], text) == [
        "gobiernoabierto@mendoza.gov.ar"]
    # two different bodies with near names stay apart: the text writes both
    text = "Intendencia de Mendoza e Intendencia de Mendoxa.\n" * 2
    assert ocrfix.agree_domains(["info@mendoxa.gov.ar"], ["mendoza.gov.ar"], text) == ["info@mendoxa.gov.ar"]


def test_a_host_label_that_one_letter_confusion_makes_words():
    # the text itself misreads the words the same way ("Gobiemo Abierto"), so only the dictionary can tell
    text = "la Alianza para el Gobiemo Abierto. El tablero está en https://gobiemoabierto.gov.py/tablero.\n"
    assert _urls(text) == ["https://gobiernoabierto.gov.py/tablero"]
    assert _urls(text.replace("gobiemoabierto", "chilecompra")) == ["https://chilecompra.gov.py/tablero"]


def test_a_listed_address_keeps_its_tail_slash_and_its_two_label_host_for_the_consensus():
    # a `!` for the closing slash after a split host, and a host whose inner dot was lost
    # (`petenlaip.st`): the list's shared domain repairs both
    text = ("Portales:\nhttps://munipoptun.laip.gt/\nhttps://munidolores.laip.gt/\n"
            "https://munilascruces.laip.gt/\nhttps://munixela Jaip.g!\nhaps://munilalibertadpetenlaip.st\n")
    assert set(_urls(text)) >= {"https://munixela.laip.gt/", "https://munilalibertadpeten.laip.gt/"}


def test_a_path_word_the_text_never_writes_is_the_written_word_it_is_a_slip_from():
    text = ("Plan de acción local. El plan local se aprobó; el gobierno abierto local avanza.\n"
            "Ver https://transparencia.puebla.gob.mx/gobierno-abierto/plan-accion-jocal\n")
    assert _urls(text) == ["https://transparencia.puebla.gob.mx/gobierno-abierto/plan-accion-local"]
    text = "Gobierno abierto. Un gobierno abierto, y abierto.\nhttps://www.encarnacion.gov.py/gobierno-abieno\n"
    assert _urls(text) == ["https://www.encarnacion.gov.py/gobierno-abierto"]


def test_a_path_word_stays_when_the_text_gives_no_single_written_word_for_it():
    # a plural is the path's own choice; a Spanish word needs three mentions of the other (`compres`)
    assert _urls("El informe anual. Otro informe.\nhttps://www.ejemplo.gob.pe/informes\n") == [
        "https://www.ejemplo.gob.pe/informes"]
    assert _urls("Las compras y las compras.\nhttps://www.ejemplo.gob.pe/compres\n") == [
        "https://www.ejemplo.gob.pe/compres"]
    assert _urls("Las compras, las compras y las compras.\nhttps://www.ejemplo.gob.pe/compres\n") == [
        "https://www.ejemplo.gob.pe/compras"]
    # on a text layer the address is as written
    assert _urls("Plan local, plan local.\nhttps://www.ejemplo.gob.mx/plan-jocal\n", ocr=False) == [
        "https://www.ejemplo.gob.mx/plan-jocal"]


def test_an_at_read_as_a_bracket_and_a_capital_needs_no_mail_cue_but_a_readable_name():
    text = "CC: Francisca Morales Leiva; estadcabierto(Aminsegpres.gob.cl\nEstado Abierto y el estado abierto.\n"
    assert [f.value for f in emails(text, True)] == ["estadoabierto@minsegpres.gob.cl"]
    named = "Para: Carolina Andrea Fuentes Valdés <cfuentes(Pchilecompra.cl>\n"
    assert [f.value for f in emails(named, True)] == ["cfuentes@chilecompra.cl"]
    # a local part that reads as nothing would be a wrong address: none is better
    assert emails("Consultas: gob:erncabicrro(Pregiortumbes.gob.pe (072) 523418\n", True) == []
    assert emails("CC: estadcabierto(Aminsegpres.gob.cl\n", False) == []


def test_an_at_whose_ring_left_a_plus_or_a_dot_read_twice():
    text = "Dudas sobre el plan: gobiernoabierto(2+madrid.org o al teléfono. Gobierno Abierto.\n"
    assert [f.value for f in emails(text, True)] == ["gobiernoabierto@madrid.org"]
    text = "Correo; gobiernoabierto(WWagesic.gub..uy\nGobierno Abierto, gobierno abierto.\n"
    assert [f.value for f in emails(text, True)] == ["gobiernoabierto@agesic.gub.uy"]


def test_a_local_part_two_confusions_from_words_the_text_writes():
    text = "Contacto: gobjemoabierto(2sabg.gob.mx, teléfono 55 2000 3000. Gobierno Abierto y gobierno abierto.\n"
    assert [f.value for f in emails(text, True)] == ["gobiernoabierto@sabg.gob.mx"]
    # the words run together as the address writes them, not split by a dot
    text = "Correo: gobiemonbiertoPpresidencia.go.cr\nComisión Nacional de Gobierno Abierto; el gobierno abierto.\n"
    assert [f.value for f in emails(text, True)] == ["gobiernoabierto@presidencia.go.cr"]


def test_an_acronym_misread_in_its_definition_takes_the_domain_spelling_its_name_spells():
    # `a la` inside the name: the name still spells ANTAI, which the web address writes
    text = ("La Autoridad Nacional de Transparencia y Acceso a la Información (ANTAJ) reunió a los enlaces.\n"
            "Lo dijo la directora de la ANTAL. Más datos en https://www.antai.gob.pa/gobierno-abierto.\n")
    names = {f.name for f in organizations(text, domains=("www", "antai", "gob", "pa"), confidence=lambda s, e: 90.0)}
    assert names == {"ANTAI"}


def test_a_scanned_name_with_letters_misread_is_the_known_name_it_spells():
    from extractors import lexicon as lx
    assert lx.nearest_person_name("Plores") == "Flores"
    assert lx.nearest_person_name("Fesveira") == "Ferreira"  # two letters in a long name
    # a letter added or lost is another name, not a misreading; a known name or word stays
    assert lx.nearest_person_name("Ttito") is None
    assert lx.nearest_person_name("Flores") is None
    assert lx.nearest_person_name("Xqzwv") is None


def test_a_name_read_unsure_on_a_scan_is_respelt_and_one_read_sure_is_not(extract):
    from schemas.page import Box, Word
    from tests.conftest import make_pages
    from extractors import extract_document
    text = "Guatemala, 3 de marzo de 2025\n\nAtentamente,\n\nLic. Jorge Luis Plores Mamavi\nDirector General\n"
    pages = make_pages(text, "ocr")
    for p in pages:
        p.words = [Word(text=m.group(0), start=m.start(), end=m.end(),
                        confidence=40.0 if m.group(0) in ("Plores", "Mamavi") else 96.0,
                        box=Box(x0=10 * m.start(), y0=0, x1=10 * m.end(), y1=20))
                   for m in re.finditer(r"\S+", p.text)]
    as_written = [s.name for s in extract(text).document.signatories]  # a text layer is as written
    assert len(as_written) == 1 and "Jorge Luis Plores Mamavi" in as_written[0]
    respelt = [as_written[0].replace("Plores Mamavi", "Flores Mamani")]
    assert [s.name for s in extract_document(pages).document.signatories] == respelt
    for p in pages:
        for w in p.words:
            w.confidence = 96.0
    assert [s.name for s in extract_document(pages).document.signatories] == as_written


def test_a_scanned_name_that_lost_an_accent_past_its_first_letter_takes_it_back(extract):
    from extractors import extract_document
    from tests.conftest import scanned_pages
    text = "Guatemala, 3 de marzo de 2025\n\nAtentamente,\n\nLic. Oscar Rene Mejia Paz\nDirector General\n"
    as_written = [s.name for s in extract(text).document.signatories]  # a text layer is as written
    assert len(as_written) == 1 and "Oscar Rene Mejia Paz" in as_written[0]
    # Mejia, René lost an accent the usual spelling has; Oscar's is on the capital, which writers drop
    assert [s.name for s in extract_document(scanned_pages(text)).document.signatories] == \
        [as_written[0].replace("Rene Mejia", "René Mejía")]
    # written twice so, it is the document's own spelling
    twice = text.replace("Atentamente", "El ingeniero Mejia lo revisó.\n\nAtentamente")
    assert any("Mejia Paz" in s.name for s in extract_document(scanned_pages(twice)).document.signatories)


def test_a_word_of_an_institutions_name_a_letter_confusion_misread_is_respelt_on_a_scan(extract):
    from extractors import extract_document, ocrfix
    from tests.conftest import scanned_pages
    assert ocrfix.confusion_word("salnd") == "salud" and ocrfix.confusion_word("desarrolio") == "desarrollo"
    assert ocrfix.confusion_word("salud") is None  # already a word: no confusion to undo
    text = "El Ministerio de Salnd Pública y el Consejo de Desarrolio Municipal firmaron el acta.\n"
    names = {o.name for o in extract_document(scanned_pages(text)).organizations}
    assert {"Ministerio de Salud Pública", "Consejo de Desarrollo Municipal"} <= names
    assert "Ministerio de Salnd Pública" in {o.name for o in extract(text).organizations}


def test_a_period_year_no_plan_has_is_the_year_a_digit_away_on_scans(extract):
    text = ("Plan de trabajo 2024\nCompromiso 1: Datos abiertos de compras\n"
            "Hito 1.1: Portal publicado en 2024\n"
            "Actividad 1.1.1: Diseño del portal\nTemporalidad: ene. 2624 – jun. 2024\n"
            "Actividad 1.1.2: Carga de datos\nTemporalidad: jul. 2024 – dic. 2024\n")
    (first, _) = extract(text, "ocr").activities
    assert [(p.start, p.end) for p in first.periods] == [("2024-01", "2024-06")]
    assert "date_range_inverted" not in {f.kind for f in extract(text, "ocr").flags}
    # a text layer says what it says
    (first, _) = extract(text, "text").activities
    assert [(p.start, p.end) for p in first.periods] == [("2624-01", "2024-06")]


@pytest.mark.parametrize("www", ["wswyw", "weww", "fwvww"])
def test_a_www_misread_into_its_strokes_after_a_scheme(www):
    assert _urls(f"Ver https://{www}.pucara.gob.ec/transparencia/poa\n") == ["https://www.pucara.gob.ec/transparencia/poa"]


def test_a_host_label_after_a_scheme_is_no_www_without_two_ws():
    assert _urls("Ver https://seguimiento.gob.ec/poa\n") == ["https://seguimiento.gob.ec/poa"]
    assert _urls("Ver https://vive.gob.ec/poa\n") == ["https://vive.gob.ec/poa"]


@pytest.mark.parametrize("host, fixed", [("www.senacyt.geb.gt", "www.senacyt.gob.gt"), ("www.ogp.got.cl", "www.ogp.gob.cl"),
                                         ("sgd.regioncusco.2ob.pe", "sgd.regioncusco.gob.pe"),
                                         ("www.ambiente.guu.uy", "www.ambiente.gub.uy"),
                                         ("www.gobiernoabierto.g0.cr", "www.gobiernoabierto.go.cr")])
def test_a_government_second_level_one_letter_misread(host, fixed):
    assert ocrfix.fix_host(host) == (fixed, "")


@pytest.mark.parametrize("host", ["datos.gov.co", "x.com.mx", "x.edu.pe", "x.ogp.cl", "www.mef.gob.pe", "datos.gob.ar"])
def test_other_second_levels_stay(host):
    assert ocrfix.fix_host(host) == (host, "")


@pytest.mark.parametrize("addressed, name", [
    # the address's `<` and `@` misread: still a bracket before a domain, cut from the name
    ("Rodrigo Ignacio Palma Sepúlveda “ipalmaf?minsegpres.gob.cl>", "Rodrigo Ignacio Palma Sepúlveda"),
    # an accent a speck put on a known name's capital that no spelling of it has
    ("Carolina Ándrea Fuentes Valdés <cfuentes@chilecompra.cl>", "Carolina Andrea Fuentes Valdés"),
])
def test_a_scanned_mail_headers_recipient(extract, addressed, name):
    text = ("De: Francisca Morales Leiva <fmorales@minsegpres.gob.cl>\n"
            "Fecha: martes, 4 de marzo de 2025 09:15\n"
            f"Para: {addressed}\n"
            "Asunto: Avance del compromiso 4\n\nEstimados:\nAdjunto el reporte.\n\n"
            "Saludos cordiales,\n\nFrancisca Morales Leiva\n")
    assert [p.name for p in extract(text, "ocr").document.recipients] == [name]


def test_a_phone_cue_a_letter_misread_on_a_scan():
    text = "Secretaría de Transparencia, Tei. 809-685-7135, acta publicada.\n"
    assert [f.value for f in phones(text, ocr=True)] == ["8096857135"]
    assert phones(text, ocr=False) == []  # a text layer's `Tei.` is no cue
    # letters in capitals before a number are a code, not a misread cue
    assert phones("Firmado digitalmente por PALOMINO Marco FAU 20527141762 soft\n", ocr=True) == []


ACTIVITY_LIST = ("Compromiso 1: Datos abiertos de compras\nHito 1.1: Portal de compras publicado\n"
        "Actividad {0}. Diseño del portal\nActividad {1}. Carga de los datos\nActividad {2}. Publicación del portal\n")


def test_an_activity_number_its_neighbours_make_certain_is_a_misread_on_scans(extract):
    assert [a.number for a in extract(ACTIVITY_LIST.format(9, 2, 3), "ocr").activities] == [1, 2, 3]
    assert [a.number for a in extract(ACTIVITY_LIST.format(1, 11, 3), "ocr").activities] == [1, 2, 3]
    assert "numbering_error" not in {f.kind for f in extract(ACTIVITY_LIST.format(1, 11, 3), "ocr").flags}
    # a text layer prints what it prints: the numbering check reports it
    assert [a.printed_number for a in extract(ACTIVITY_LIST.format(1, 11, 3), "text").activities] == [1, 11, 3]


def test_a_repeated_number_on_a_scan_is_still_a_numbering_error(extract):
    r = extract(ACTIVITY_LIST.format(1, 3, 3), "ocr")
    assert "numbering_error" in {f.kind for f in r.flags}
