from extractors.counts import claims


def test_claim_with_semicolons_and_final_conjunction():
    (c,) = claims("El plan tiene cinco ejes: Acceso a datos y archivos; Innovación; participación; "
                  "Rendición de cuentas y Transparencia fiscal.")
    assert (c.claimed, len(c.items)) == (5, 5)


def test_claim_with_coordinated_heading_pairs():
    (c,) = claims("Consta de los cuatro temas siendo estos: Ambiente, Agua y Bosques, Educación, "
                  "Salud, Nutrición y Alimentos, Transporte.")
    assert (c.claimed, len(c.items)) == (4, 4)


def test_claim_backed_by_listed_lines_counts_distinct_items():
    text = "Se crearon portales en 3 municipios, se listan:\nhttps://a.gt/\nhttps://b.gt/\nhttps://a.gt/\n"
    (c,) = claims(text)
    assert (c.claimed, len(c.items)) == (3, 2)


def test_no_claim_without_enumeration():
    assert claims("Participaron 8 municipalidades en la reunión.") == []
    assert claims("Fecha: 19 de marzo de 2019") == []
