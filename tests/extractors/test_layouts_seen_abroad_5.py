"""Layouts met in a fifth round (tune9: a Mexican local secretariat's quarterly report, a Peruvian
regional oficio múltiple): each rule they needed, fed as text written here."""
from datetime import date

from extractors import extract_document
from extractors.dates import find_dates
from extractors.header import _clean_name
from tests.conftest import make_pages

BARE_DOTTED = """INFORME DE AVANCE DEL PLAN LOCAL

Compromiso 5. Compras abiertas en los municipios

Hito 5.1 Inventario de contratos publicados
Avance del hito: 50 %

5.1.1 Levantamiento de los contratos de cada municipio
Inicio: enero 2025 | Término: marzo 2025 | Avance: 100 %
Evidencia: inventario en el portal.

5.1.2 Revisión del inventario con la sociedad civil
Inicio: abril 2025 | Término: mayo 2025 | Avance: 0 %
Evidencia: pendiente.

2.1 Antecedentes del compromiso
El compromiso nació de una consulta pública.
"""


def test_items_numbered_by_the_open_hitos_path_are_its_activities():
    r = extract_document(make_pages(BARE_DOTTED))
    assert [(a.commitment, a.milestone, a.number) for a in r.activities] == [(5, 1, 1), (5, 1, 2)]
    assert [a.progress for a in r.activities] == [100, 0]
    assert r.activities[0].title == "Levantamiento de los contratos de cada municipio"


def test_a_progress_label_naming_the_hito_is_the_hitos_not_its_description():
    r = extract_document(make_pages(BARE_DOTTED))
    assert r.milestones[0].description == "Inventario de contratos publicados"


def test_future_evidence_for_a_complete_activity_is_flagged():
    text = BARE_DOTTED.replace("Evidencia: inventario en el portal.",
                               "Evidencia: el inventario será publicado en el portal.")
    kinds = [f.kind for f in extract_document(make_pages(text)).flags]
    assert "progress_without_evidence" in kinds
    assert "progress_without_evidence" not in [f.kind for f in extract_document(make_pages(BARE_DOTTED)).flags]


def test_day_dates_with_dots_or_hyphens():
    assert [d.value for d in find_dates("Ordenanza Regional N° 012-2024 (29.10.2024) y acta del 03-02-2025")] == \
        [date(2024, 10, 29), date(2025, 2, 3)]


def test_a_code_after_its_name_is_no_date():
    assert find_dates("aprobada por Acuerdo Interno 15-11-2017 de fecha") == []
    assert [d.value for d in find_dates("con fecha 15/11/2017")] == [date(2017, 11, 15)]


def test_a_titled_name_whose_given_names_are_words():
    assert _clean_name("Ing. Edwin Ronald Pariona Huamaní") == "Edwin Ronald Pariona Huamaní"
    assert _clean_name("Lic. Directora de Transparencia") is None
