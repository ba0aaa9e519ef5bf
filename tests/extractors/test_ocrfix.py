"""OCR repairs: each on clean input (left alone) and on noisy input (repaired)."""
import pytest

from extractors import ocrfix
from extractors.mentions import emails, urls
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
    text = noisy("con otros actores como ANAM, Red Ciudadana, Acción Vecinal, entre otras.", kind)
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
