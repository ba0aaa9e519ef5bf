import pytest

from extractors.mentions import emails, percentages, phones, urls
from extractors.organizations import initials_match, organizations
from tests.noise import noisy


def test_percentages_in_reading_order_including_words():
    text = "Avance 100%. En 20 % de ellas; un avance del treinta por ciento."
    assert [f.value for f in percentages(text)] == [100, 20, 30]


@pytest.mark.parametrize("raw", ["1O0%", "l00%", "100 %"])
def test_percent_digits_misread(raw):
    assert [f.value for f in percentages(f"Avance {raw}.")] == [100]


def test_ocr_speck_in_hundred_is_repaired_only_for_ocr():
    assert [f.value for f in percentages("Avance 190%.", ocr=True)] == [100]
    assert percentages("Avance 190%.", ocr=False) == []


def test_urls_normalised_and_trailing_punctuation_dropped():
    found = urls("Ver HTTPS://Portal.Example.GOB.gt/Path. y www.x.gob.gt")
    assert [f.value for f in found] == ["https://portal.example.gob.gt/Path", "www.x.gob.gt"]


def test_emails_and_phones():
    text = "al teléfono 51791311 o al correo ssanchez@infom.gob.gt; (502) 2422-1425"
    assert [f.value for f in emails(text)] == ["ssanchez@infom.gob.gt"]
    assert [f.value for f in phones(text)] == ["51791311", "50224221425"]


def test_year_ranges_are_not_phones():
    assert phones("el plan 2016-2018 y el número de casos") == []


def test_initials_match():
    assert initials_match("INFOM", "Instituto de Fomento Municipal")
    assert initials_match("PDH", "Procuraduría de los Derechos Humanos")
    assert initials_match("SENACYT", "Secretaría Nacional de Ciencia y Tecnología")
    assert not initials_match("CGC", "Contraloría General de Cuentas de la Nación")


@pytest.mark.parametrize("kind", ["drop_accents", "o_acute_to_e"])
def test_organizations_by_acronym_or_full_name(kind):
    text = noisy("Coordina el Instituto Nacional de Administración Pública -INAP- con la "
                 "Comisión Presidencial de Gestión Pública Abierta y Transparencia y otros.", kind)
    names = [o.name for o in organizations(text)]
    assert "INAP" in names
    assert "Comisión Presidencial de Gestión Pública Abierta y Transparencia" in names
    assert not any(n.startswith("Instituto") for n in names)


def test_headings_in_capitals_are_not_acronyms():
    text = "EJE No. 5 GOBIERNOS LOCALES\nel Plan Operativo Anual (POA) del municipio"
    assert organizations(text) == []


def test_an_acronym_after_a_noun_of_its_kind_names_a_thing(extract):
    text = ("La Oficina Normativa de Contratación (ONCAE) publica los datos en el estándar OCDS y "
            "evalúa el portal con la metodología MESTA del Consejo de Transparencia.\n")
    names = {o.name for o in extract(text, "text").organizations}
    assert "ONCAE" in names and not {"OCDS", "MESTA"} & names


def test_a_hyphenated_acronym_is_one_body_unless_its_parts_are_named_apart():
    one = {o.name for o in organizations(
        "La Agencia Nacional de Contratación Pública (ANCP-CCE) publica los datos.\n")}
    assert "ANCP-CCE" in one and not {"ANCP", "CCE"} & one  # defined in brackets: one body
    two = {o.name for o in organizations(
        "El Instituto de Fomento Municipal -INFOM- conforma la mesa técnica INFOM-ANAM con la "
        "Asociación Nacional de Municipalidades.\n")}
    assert {"INFOM", "ANAM"} <= two and "INFOM-ANAM" not in two


def test_a_word_in_capitals_that_spanish_writes_in_lower_case_is_no_acronym():
    names = {o.name for o in organizations("REPORTE DE AVANCE\nEl reporte lo firma la SENAC hoy.\n"
                                           "RESULTADO esperado por el equipo de la SENAC.\n")}
    assert "REPORTE" not in names and "RESULTADO" not in names and "SENAC" in names


def test_a_letterhead_in_capitals_is_the_institution_the_text_names():
    text = ("MINISTERIO DE TELECOMUNICACIONES Y DE LA SOCIEDAD DE LA INFORMACIÓN\n"
            "Informe del Ministerio de Telecomunicaciones y de la Sociedad de la Información (MINTEL).\n")
    assert {o.name for o in organizations(text)} == {"MINTEL"}


def test_a_name_a_kind_noun_introduces_is_an_institution():
    names = {o.name for o in organizations(
        "Participan la STP y la organización Semillas para la Democracia en la mesa.\n")}
    assert "Semillas para la Democracia" in names


def test_a_spanish_word_in_capitals_is_no_acronym_unless_set_apart_as_one():
    text = ("AGENDA\nPLAN OPERATIVO ANUAL — GESTIÓN 2025\nEl Ministerio de Desarrollo Social -MIDES- y el "
            "Ministerio de Desarrollo Social (MIDES) apoyan.\n")
    names = {o.name for o in organizations(text, confidence=lambda s, e: 90.0)}
    assert "MIDES" in names and not {"AGENDA", "ANUAL"} & names


def test_a_glossary_line_defines_its_acronym():
    text = ("SIGLAS\n\nDTIC: Dirección de Tecnologías de la Información y Comunicación\n"
            "UCP: Unidad de Compras Públicas\n\nResponsable: UCP y DTIC\n")
    found = {(f.name, f.full_name) for f in organizations(text)}
    assert ("DTIC", "Dirección de Tecnologías de la Información y Comunicación") in found
    assert ("UCP", "Unidad de Compras Públicas") in found
    assert not any(f.name.startswith(("Dirección", "Unidad")) for f in organizations(text))


def test_a_word_in_capitals_under_a_letterhead_is_not_its_acronym():
    text = ("Dirección General de Transparencia y Acceso a la Información Pública\n\n"
            "OFICIO N.° 0482-2025-JUS/DGTAIP\n\nSan Isidro, 17 de marzo de 2025\n")
    found = organizations(text)
    assert [f.full_name for f in found] == ["Dirección General de Transparencia y Acceso a la Información Pública"]
    assert "OFICIO" not in {f.name for f in found}


def test_an_acronym_in_brackets_after_the_names_last_words_in_any_case():
    text = ("convoca el Ministerio de Ambiente (MA) y la Agencia de Gobierno Electrónico y Sociedad de la "
            "Información y del Conocimiento (Agesic), con el Instituto Costarricense de Acueductos y "
            "Alcantarillados (AyA).")
    names = {f.name for f in organizations(text)}
    assert {"MA", "Agesic", "AyA"} <= names
    assert not any(n.startswith(("Ministerio", "Agencia", "Instituto")) for n in names)


def test_phones_with_an_area_code_in_brackets_of_one_or_two_parts():
    assert [f.value for f in phones("en el teléfono (2) 2158900.")] == ["22158900"]
    assert [f.value for f in phones("al teléfono (593 2) 394 6200.")] == ["59323946200"]


def test_a_post_opening_a_name_is_no_part_of_the_body():
    found = organizations("Mtra. Daniela Ortega\nCoordinadora del Núcleo de Organizaciones de la Sociedad Civil\n")
    assert "Núcleo de Organizaciones de la Sociedad Civil" in {f.full_name for f in found}
    assert not any(f.full_name and f.full_name.startswith("Coordinadora") for f in found)
    assert any(f.full_name == "Secretaría de la Función Pública" for f in organizations(
        "Oficio de la Secretaría de la Función Pública sobre el plan."))


def test_a_name_wrapped_after_a_connector_goes_on_at_the_next_line():
    found = organizations("con el Instituto Costarricense de Acueductos y\nAlcantarillados (AyA), que aporta datos.")
    assert ("AyA", "Instituto Costarricense de Acueductos y Alcantarillados") in {(f.name, f.full_name) for f in found}


def test_a_comma_after_the_head_noun_lists_places_not_one_name():
    found = organizations("Las sedes de Centro, Barrio Blanco y Los Pinos abren el lunes.")
    assert not any(f.full_name and "Barrio" in f.full_name for f in found)


def test_a_name_in_capitals_keeps_its_commas_up_to_the_conjunction():
    found = organizations("CONSEJERÍA DE PRESIDENCIA, JUSTICIA Y ADMINISTRACIÓN LOCAL\n\nInforme de la Consejería.\n")
    assert "CONSEJERÍA DE PRESIDENCIA, JUSTICIA Y ADMINISTRACIÓN LOCAL" in {f.full_name or f.name for f in found}


def test_a_second_name_after_a_conjunction_and_a_preposition():
    found = organizations("Aprobado por el Concejo Municipal y por el Departamento Ejecutivo de la ciudad.")
    assert {f.full_name for f in found} == {"Concejo Municipal", "Departamento Ejecutivo"}


def test_a_name_may_hold_por_and_un():
    found = organizations("Firmaron la Alianza por un Gobierno Abierto y la Red Ciudadana.")
    assert "Alianza por un Gobierno Abierto" in {f.full_name for f in found}


def test_an_acronym_after_a_name_longer_than_eight_words():
    text = ("Asistió el Sr. Wilmer Cueva, de la Mesa de Concertación para la Lucha contra la Pobreza (MCLCP).\n"
            "Firman:\nWilmer Cueva\nMCLCP\n")
    assert "MCLCP" in {f.name for f in organizations(text)}
    plan = "Se aprobó el Plan de Desarrollo Concertado para la Lucha contra la Pobreza (PDCLCP).\n"
    assert "PDCLCP" not in {f.name for f in organizations(plan)}  # a plan, no institution


def test_an_acronym_pair_defined_in_brackets_stays_one_body_elsewhere():
    text = ("La Secretaría de Gobierno y Transformación Digital de la Presidencia del Consejo de Ministros "
            "(SGTD-PCM) asesora.\nSe remitirá a la SGTD-PCM en noviembre, y la Secretaría de Gobierno y "
            "Transformación Digital lo publicará.\n")
    assert {f.name for f in organizations(text)} == {"SGTD-PCM"}
    assert {f.name for f in organizations("La mesa técnica INFOM-ANAM se reunió con el INFOM.\n")} == {"INFOM", "ANAM"}


def test_an_acronym_with_an_accent_when_set_apart_as_a_name():
    found = organizations("Entidades públicas: Instituto Nacional de Vías -INVÍAS-; Ministerio de Transporte.\n"
                          "Mesas técnicas con INVÍAS y gobernaciones.\n")
    assert "INVÍAS" in {f.name for f in found} and "Instituto Nacional de Vías" not in {f.name for f in found}
    heading = organizations("PROGRAMA DE TRABAJO DE TRANSPARENCIA – GESTIÓN 2026\nLa gestión del programa.\n")
    assert "GESTIÓN" not in {f.name for f in heading}


def _scanned(text):
    return organizations(text, confidence=lambda start, end: 95.0)


def test_on_a_scan_an_acronym_its_clean_name_spells_with_one_letter_changed_is_respelt():
    text = ("Con el Centro de Estudios Ambientales y Sociales (CFAMSO) y la Fundación Justicia y "
            "Transparencia (FIT).\nEl CFAMSO informa.\n")
    assert {"CEAMSO", "FJT"} <= {f.name for f in _scanned(text)}
    assert "CFAMSO" not in {f.name for f in _scanned(text)}
    # a misread name does not overrule its acronym; nor does anything on a text layer
    garbled = ("Por la Agencia de Gobierno Electrónico y Sociedad de la letorminción y del Conocimiento (AGESIC).\n"
               "La AGESIC circulará el acta.\n")
    assert "AGESIC" in {f.name for f in _scanned(garbled)}
    assert "CFAMSO" in {f.name for f in organizations(text)}


def test_por_and_un_inside_a_name_spell_nothing_of_its_acronym():
    assert initials_match("CNGA", "Comisión Nacional por un Gobierno Abierto")


def test_a_variant_between_two_acronyms_is_merged_with_neither():
    # MEE is one letter from both MEC and MEF, each written once: which it stands for, only the
    # name beside it can tell, never the order a set happens to iterate in.
    text = ("Instituciones:\n+ Ministerio de Economía y Finanzas (MEE)\n+ Ministerio de Educación y "
            "Ciencias (MEC)\n+ Dirección General (DGGA)\nCon el MEF y la DGGA.\n")
    found = {f.name for f in _scanned(text)}
    assert {"MEC", "MEF"} <= found


def test_a_local_number_after_an_area_code_in_brackets_and_no_year_as_one():
    assert [f.value for f in phones("Consultas: gobiernoabierto@region.gob.pe / (072) 523418.")] == ["072523418"]
    assert phones("en el año (2024) 12345 personas") == []


def test_an_acronym_with_the_place_of_the_body_it_names():
    found = organizations("El Plan del Gobierno Regional de Tumbes (GORE Tumbes) fue aprobado.\n")
    assert [(f.name, f.full_name) for f in found] == [("GORE Tumbes", "Gobierno Regional de Tumbes")]


def test_a_letterhead_in_capitals_takes_the_acronym_the_body_defines_over_a_line_break():
    text = ("INSTITUTO DE TRANSPARENCIA Y ACCESO A LA INFORMACIÓN DEL ESTADO DE PUEBLA\n"
            "SECRETARÍA DE MOVILIDAD Y TRANSPORTE DEL ESTADO DE PUEBLA\n"
            "Como Comisionada del Instituto de Transparencia y Acceso a\nla Información del Estado de Puebla "
            "(ITAIPUE), informo del Compromiso 4 a cargo de la Secretaría de Movilidad y Transporte (SMT).\n"
            "c.c.p. Lic. Berenice Tlatelpa Romero.- Coordinadora de Gobierno Abierto del ITAIPUE.\n")
    assert sorted({f.name for f in organizations(text)}) == ["ITAIPUE", "SMT"]


@pytest.mark.parametrize("body", ["Personería de Pereira", "Veeduría Distrital de Bogotá"])
def test_colombian_control_bodies_are_headed_as_institutions(body):
    # a Personería or a Veeduría is a public body as a Procuraduría is
    assert body in {o.name for o in organizations(f"AUSENTES: Delegado de la {body} (con excusa).\n")}


def test_a_legal_form_ends_a_name_and_vouches_for_a_body():
    # Mexican civil associations: the form is part of the name; with it no head noun is needed
    names = lambda t: [o.name for o in organizations(t)]  # noqa: E731
    assert names("el IACIP y la Red Ciudadana por la Movilidad del Bajío, A.C., presenta el reporte.\n") == [
        "IACIP", "Red Ciudadana por la Movilidad del Bajío, A.C."]
    assert names("la organización civil Puebla Vigila, A.C.; la carga de datos.\n") == ["Puebla Vigila, A.C."]
    assert names("y el Colectivo Hidalguense por la Rendición de Cuentas, A.C. (CHRC). La matriz\n") == ["CHRC"]
    assert names("la organización civil Puebla Vigila; la carga de datos.\n") == []


def test_a_progress_of_100_whose_1_a_scan_misread():
    found = [f.value for f in percentages("Avance 300%. Creció 300% el uso. Avance: 700 %\n", True)]
    assert found == [100.0, 100.0]  # after a progress label only; elsewhere a percentage over 100 stays out
    assert [f.value for f in percentages("Avance 300%.\n")] == []  # a text layer printed what it printed
