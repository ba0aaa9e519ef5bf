"""Property: extract_document never raises and stays within a time bound, whatever the pages say.

Pages are built from text as in the other extractor tests (tests/conftest.py's make_pages), read as
a text layer or as OCR, from random unicode and from OCR-like pieces: structure keywords with odd
numbers, digit runs, '%' runs, long lines, URLs, e-mails and phones, superscript digits, and the
hostile lines of tests/extractors/test_hostile.py. The examples are derandomized (the same ones on
every run and machine) and bounded in number.
"""
from __future__ import annotations

import time

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from extractors import extract_document
from tests.conftest import make_pages

SECONDS_PER_EXAMPLE = 10.0

KEYWORDS = ["Compromiso", "COMPROMISO", "Hito", "HITO", "Actividad", "Act.", "Avance", "Avance del",
            "Temporalidad:", "Medio de verificación:", "Producto a entregar", "Oficio No.", "Ref.",
            "Guatemala,", "al", "Eje", "Los ejes"]
NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(0, 10**30).map(str),
    st.text("0123456789", min_size=1, max_size=60),
    st.text("0123456789.", min_size=1, max_size=12),  # dotted numbering, 2.1.3
    st.sampled_from(["II", "IV", "XIV", "1Ú", "T7", "l0", "O1", "¹", "²³", "⁴⁵⁶", "١٢", "①"]),
)
ENDINGS = st.sampled_from(["", ".", ":", " ", ". ", ": 100%", " Avance 120%.", " (", ")", " –", "%"])
OCR_PIECES = st.sampled_from([
    "HITO 99999999999999999999.", "Actividad " + "9" * 5000, "Actividad 3000000000", "Los ejes ¹: salud",
    "https://munipoptun.laip.gt/", "https//muni,laip.gt", "www.x.gob.gt", "info@muni.gob.gt",
    "info(at)muni.gob.gt", "(502) 2422-1425", "Tel. 2422 1425 ext. 7", "31 de febrero de 20189",
    "lunes 24 de enero de 2020", "Enero de 2021 – marzo de 2021", "II semestre 2019", "Trimestre 1 2020",
    "06/02/2025 – 28/02/2025", "ocho municipalidades: Poptún, Dolores, San Benito", "INFOM ANAM SENACYT",
    "(cid:25)(cid:18)", "por ciento", "treinta por ciento", "\u00ad", "\u200b", "\ufeff", "ﬁ ﬂ",
])


def _line():
    keyword_line = st.builds(lambda k, n, e: f"{k} {n}{e}", st.sampled_from(KEYWORDS), NUMBERS, ENDINGS)
    return st.one_of(
        st.text(max_size=120),  # random unicode, control characters included
        keyword_line,
        OCR_PIECES,
        NUMBERS,
        st.integers(1, 2000).map(lambda n: "%" * n),  # '%' runs
        st.builds(lambda c, n: c * n, st.sampled_from("a%.@-0 "), st.integers(1000, 10_000)),  # long lines
        st.lists(keyword_line, max_size=40).map(" ".join),  # many items on one line
    )


PAGES = st.lists(st.lists(_line(), max_size=12).map("\n".join), min_size=1, max_size=3)


# No shrinking: a slow example would be run again and again while it shrank (minutes); the first
# failing example is reported as found, with the exception's own traceback.
@settings(max_examples=60, deadline=None, derandomize=True, database=None, print_blob=False,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(pages=PAGES, method=st.sampled_from(["text", "ocr"]))
def test_extraction_never_raises_and_stays_within_a_time_bound(pages, method):
    started = time.perf_counter()
    extract_document(make_pages("\f".join(pages), method))
    spent = time.perf_counter() - started
    assert spent < SECONDS_PER_EXAMPLE, f"{spent:.1f} s on {sum(map(len, pages)):,} characters"
