"""Page furniture: running headers, footers and page numbers are not content."""
from extractors import extract_document
from extractors.furniture import running
from tests.conftest import make_pages, scanned_pages

HEAD = "MINISTERIO DE PLANIFICACIÓN Y DESARROLLO — Informe trimestral de avance"
FOOT = "Av. Libertador 1450, Santo Domingo · Tel. 809-555-0134 · planificacion@mpd.gob.do"
PAGES = [
    f"{HEAD}\nInforme de avance\nCompromiso 3: Datos abiertos municipales\n"
    "Actividad 3.1: Diagnóstico de los portales de los municipios, con las fuentes de datos\n"
    "de cada uno y sus responsables\n"
    f"Avance: 100%\n{FOOT}\n- 1 -",
    f"{HEAD}\nActividad 3.2: Publicación de los presupuestos municipales en formato abierto\n"
    "Avance: 40%\nActividad 3.3: Capacitación de los enlaces de las cinco regiones del país en el\n"
    f"{FOOT}\n- 2 -",
    f"{HEAD}\nuso del portal y de sus normas de publicación\nAvance: 20%\n{FOOT}\n- 3 -",
]


def test_repeated_heads_feet_and_page_numbers_are_found_but_the_letterhead_stays():
    pages = [p.split("\n") for p in PAGES]
    found = running(pages)
    assert found[0] == {len(pages[0]) - 2, len(pages[0]) - 1}  # the letterhead is the sender's
    assert found[1] == {0, len(pages[1]) - 2, len(pages[1]) - 1}
    assert found[2] == {0, 3, 4}


def test_a_heading_two_pages_share_by_chance_is_content_in_a_long_document():
    words = "agua suelo bosque ciudad puerto camino escuela mercado hospital museo plaza teatro".split()
    pages = [[f"Sección {i}"] + [f"{words[(i + k) % 12]} y {words[(3 * i + 5 * k + 1) % 12]}" for k in range(8)]
             for i in range(5)]
    pages[1][0] = pages[3][0] = "Anexo de fotografías del taller"
    assert running(pages)[1] == set()
    pages[4][0] = "Anexo de fotografías del taller"
    assert running(pages)[1] == {0}


def test_content_a_page_repeats_stays_content():
    pages = [["Compromiso 2", "Actividad 2.1: Foro", "Avance: 50%"],
             ["Compromiso 2", "Actividad 2.2: Portal", "Avance: 50%"]]
    assert running(pages) == [set(), set()]


def test_a_description_going_over_a_page_break_does_not_take_the_running_lines():
    for pages in (make_pages("\f".join(PAGES)), scanned_pages("\f".join(PAGES))):
        records = extract_document(pages)
        acts = {a.number: a for a in records.activities}
        assert sorted(acts) == [1, 2, 3] and [acts[n].progress for n in (1, 2, 3)] == [100, 40, 20]
        for a in acts.values():
            assert "MINISTERIO" not in a.title and "Libertador" not in a.title, a.title
        assert records.emails and records.emails[0].email == "planificacion@mpd.gob.do"
