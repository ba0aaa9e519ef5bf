from datetime import date

import pytest

from extractors.dates import find_dates, find_periods
from tests.noise import noisy

CASES = [
    ("Guatemala, 24 de Enero de 2020", date(2020, 1, 24)),
    ("al 28 de Agosto 2020.", date(2020, 8, 28)),
    ("29 Marzo, 2023", date(2023, 3, 29)),
    ("Reunión / 1 abril 2019", date(2019, 4, 1)),
    ("el miércoles 29 de enero de 2020", date(2020, 1, 29)),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_day_dates(text, expected):
    assert [d.value for d in find_dates(text)] == [expected]


@pytest.mark.parametrize("kind", ["drop_accents", "O_to_0", "l_to_1", "m_to_rn"])
@pytest.mark.parametrize("text,expected", CASES)
def test_day_dates_survive_noise(text, expected, kind):
    values = [d.value for d in find_dates(noisy(text, kind))]
    assert expected in values


def test_present_year_resolves_against_document_year():
    (d,) = find_dates("el 31 de enero del presente año, en", default_year=2020)
    assert d.value == date(2020, 1, 31) and not d.has_year


def test_impossible_date_is_kept_without_value():
    (d,) = find_dates("de fecha 03 de marzo del 20189.")
    assert d.value is None and "20189" in d.raw
    (d,) = find_dates("el 31 de febrero de 2020")
    assert d.value is None


def test_weekday_is_read():
    (d,) = find_dates("el martes 04 de Octubre de 2016")
    assert d.weekday == 1


@pytest.mark.parametrize("text,expected", [
    ("Abril de 2019 – agosto de 2020", [("2019-04", "2020-08")]),
    ("Julio – agosto 2019.", [("2019-07", "2019-08")]),
    ("Marzo de 2019.", [("2019-03", "2019-03")]),
    ("Enero de 2019 – marzo de 2019 / Enero de 2020- marzo de 2020",
     [("2019-01", "2019-03"), ("2020-01", "2020-03")]),
    ("II semestre 2019", [("2019-07", "2019-12")]),
    ("Trimestre 1 2020", [("2020-01", "2020-03")]),
    ("Fecha de inicio: 06/02/2025 – Fecha de fin: 28/02/2025", [("2025-02-06", "2025-02-28")]),
])
def test_periods(text, expected):
    assert [(p.start, p.end) for p in find_periods(text)] == expected


@pytest.mark.parametrize("kind", ["drop_accents", "rn_to_m", "split_word"])
def test_periods_with_noisy_month(kind):
    text = noisy("Septiembre – diciembre 2019", kind)
    assert [(p.start, p.end) for p in find_periods(text)] == [("2019-09", "2019-12")]


def test_inverted_period_is_kept_as_printed():
    (p,) = find_periods("Mayo 2019 – agosto 2010.")
    assert (p.start, p.end) == ("2019-05", "2010-08")


def test_misread_month_before_present_year_phrase():
    from extractors.dates import find_dates
    assert [d.value.isoformat() for d in find_dates("el día 17 de aciubre del presente año", 2016)] == [
        "2016-10-17"]
    assert find_dates("el día 17 de aciubre en la sala", 2016) == []


def test_a_colon_after_de_still_gives_the_year():
    from extractors.dates import find_dates
    assert [d.value.isoformat() for d in find_dates("con el avance al 30 de junio de: 2025")] == ["2025-06-30"]


@pytest.mark.parametrize("text, expected", [
    ("1er trimestre 2025", [("2025-01", "2025-03")]), ("2do semestre 2025", [("2025-07", "2025-12")]),
    ("4.º trimestre 2024", [("2024-10", "2024-12")]), ("S2-2024", [("2024-07", "2024-12")]),
    ("T3 2025", [("2025-07", "2025-09")]),
    ("febrero, julio y diciembre de 2025", [("2025-02", "2025-02"), ("2025-07", "2025-07"), ("2025-12", "2025-12")]),
    ("enero y febrero de 2024", [("2024-01", "2024-02")])])
def test_ordinal_digits_short_blocks_and_listed_months(text, expected):
    from extractors.dates import find_periods
    assert [(p.start, p.end) for p in find_periods(text)] == expected


def test_dates_in_words():
    from extractors.dates import find_dates
    found = find_dates("a las nueve horas del lunes veintiséis de mayo de dos mil veinticinco, y el día "
                       "treinta y uno de diciembre de mil novecientos noventa y nueve; el primero de enero "
                       "del dos mil veinte siendo las diez horas")
    assert [(str(d.value), d.weekday) for d in found] == [("2025-05-26", 0), ("1999-12-31", None), ("2020-01-01", None)]
    assert found[2].raw == "primero de enero del dos mil veinte"


def test_minutes_without_a_date_line_are_issued_on_the_meeting_day(extract):
    r = extract("ACTA DE LA SESIÓN ORDINARIA N.° 04-2025\n\nSesión celebrada en la sala de sesiones, a las nueve "
                "horas del lunes veintiséis de mayo de dos mil veinticinco.\n\nAsistentes\n- Ana Mora, Presidenta.\n")
    assert str(r.document.issued) == "2025-05-26"


def test_a_day_and_month_without_a_year_are_in_the_documents_year_unless_a_name_or_a_law():
    from extractors.dates import find_dates
    text = ("Inscripciones hasta el 10 de junio en el portal. La jornada será en la Plaza 25 de Mayo. "
            "Según la Ley 19/2013, de 9 de diciembre, de transparencia.")
    assert [str(d.value) for d in find_dates(text, 2025)] == ["2025-06-10"]


@pytest.mark.parametrize("written, flagged", [("31 de junio de 2024", True), ("29/02/2023", True),
                                              ("03 de marzo del 20189", True),
                                              ("36 de junio de 2024", False), ("30/00/2025", False)])
def test_on_a_scan_only_a_calendar_slip_is_an_impossible_date(extract, written, flagged):
    # a day past 31 or a month 00 on a scanned page are digits OCR misread; a typed year is the writer's
    r = extract(f"Lima, 3 de marzo de 2024\nLa entrega vence el {written} según el plan.\n", "ocr")
    assert any(f.kind == "invalid_date" for f in r.flags) == flagged
    text = extract(f"Lima, 3 de marzo de 2024\nLa entrega vence el {written} según el plan.\n")
    assert any(f.kind == "invalid_date" for f in text.flags)  # a text layer printed what it says
