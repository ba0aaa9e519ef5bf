"""Scan slips and layouts met in a third round (tune splits' scans, tune8): each rule they needed,
fed as text."""
from extractors.organizations import organizations


def _scanned(text: str) -> set[str]:
    return {f.name for f in organizations(text, confidence=lambda s, e: 88.0)}


def test_a_bracketed_acronym_with_a_one_for_an_i_is_read_with_the_i():
    honduras = "Tegucigalpa, M.D.C. C.c: Instituto de Acceso a la Información Pública (1A1P). Archivo.\n"
    uruguay = "Montevideo. Participan el Ministerio de Ambiente (MA) y la Intendencia de Montevideo (1M).\n"
    assert "IAIP" in _scanned(honduras)
    assert "IM" in _scanned(uruguay)
    assert not any("1" in n for n in _scanned(honduras) | _scanned(uruguay))


def test_an_accent_a_speck_put_on_an_acronym_goes_only_where_the_plain_form_is_written():
    text = ("Coordina la Agencia de Gobierno Electrónico y Sociedad de la Información y del "
            "Conocimiento (AGÉSIC).\nLa AGESIC publicará el informe. El Instituto Nacional de Vías (INVÍAS) "
            "aporta los datos.\n")
    names = _scanned(text)
    assert "AGESIC" in names and "AGÉSIC" not in names
    assert "INVÍAS" in names


def test_a_known_institution_whose_bracketed_acronym_the_scan_garbled_takes_its_known_acronym():
    # Panama's lexicon knows the AIG; the scan dropped a letter of the acronym the document defines
    text = ("Ciudad de Panamá, 3 de marzo de 2025.\n\n"
            "Durante el encuentro, realizado en el auditorio de la Autoridad Nacional para la Innovación\n"
            "Gubernamental (AG), las entidades responsables expusieron el estado de sus hitos.\n")
    names = _scanned(text)
    assert "AIG" in names
    assert "Autoridad Nacional para la Innovación Gubernamental" not in names
    # on a text layer the document's own reading stands
    assert "AIG" not in {f.name for f in organizations(text)}
