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


def test_semicolon_list_with_one_semicolon_read_as_a_colon():
    (c,) = claims("los cinco ejes prioritarios: Acceso a la información; Innovación tecnológica: "
                  "participación ciudadana; Rendición de cuentas y Transparencia fiscal.")
    assert (c.claimed, len(c.items)) == (5, 5)


def test_enumeration_whose_commas_ocr_read_as_dots():
    (c,) = claims("los doce ejes prioritarios siendo estos: Ambiente. Recursos Naturales, Educación. "
                  "Seguridad, Gobierno Electrónico, Gobiernos Locales, Salud.")
    assert (c.claimed, len(c.items)) == (12, 7)


def test_dots_are_not_taken_for_commas_past_the_claimed_count():
    (c,) = claims("los tres ejes: Salud, Educación y Ambiente. Luego, otra frase, y otra, y otra.")
    assert (c.claimed, len(c.items)) == (3, 3)
    assert claims("los dos ejes: Salud. Educación. Ambiente. Trabajo.") == []


def test_a_garbled_url_scheme_is_no_lead_in():
    assert claims("Ver los 9 hiip://209.126.109.93/agap, /comunicado, /fotografia y /galeria") == []


def test_a_comma_before_the_last_conjunction_keeps_items_with_y_whole(extract):
    text = ("El plan se organiza en tres ejes estratégicos: Transparencia y rendición de cuentas, "
            "Participación y colaboración ciudadana, e Integridad y datos abiertos.\n")
    assert [(c.claimed, c.listed) for c in extract(text).count_claims] == [(3, 3)]


def test_a_percentage_is_no_count():
    assert claims("Avance: 40 % Observaciones: de las 214 propuestas, 80 fueron viables, 20 no.") == []


def test_a_list_ends_at_its_last_conjunction_and_similar_names_are_distinct():
    (c,) = claims("Se consultó en tres distritos: Granadilla, Sánchez y Tirrases, con 312 personas.")
    assert (c.claimed, len(c.items)) == (3, 3)
    (c,) = claims("las seis instituciones: la Contraloría General de la República (CGR), la Dirección "
                  "Nacional (DNCP), el Ministerio de Economía y Finanzas (MEF) y la Procuraduría General "
                  "de la República.")
    assert (c.claimed, len(c.items)) == (6, 4)


def test_items_with_their_own_conjunction_and_a_count_stated_after_its_subject():
    found = claims("se organizará en cuatro ejes temáticos: integridad pública, ambiente y territorio, "
                   "servicios digitales y participación de las juventudes.")
    assert [(c.claimed, len(c.items)) for c in found] == [(4, 4)]
    found = claims("Las dependencias que integran el compromiso son cuatro: la Secretaría de Bienestar, la "
                   "Secretaría de Finanzas, el Sistema Estatal DIF y la Secretaría de Educación; cada una designará un enlace.")
    assert [(c.claimed, len(c.items)) for c in found] == [(4, 4)]
    found = claims("en tres municipios: Granadilla, Sánchez y Tirrases, con una inversión de 20 millones.")
    assert [(c.claimed, len(c.items)) for c in found] == [(3, 3)]


def test_a_units_number_is_no_count():
    text = "Las actividades del compromiso 3 presentan los siguientes avances:\n1. Mesa: 100%.\n2. Tablero: 50%.\n3. Evaluación: 0%.\n"
    assert claims(text) == []


def test_a_text_layer_word_near_a_number_word_is_no_number():
    text = 'En la Línea de acción 4.1, "Datos abiertos de los centros educativos", donde dice: "uno", debe decir: "dos".\n'
    assert claims(text) == []


def test_a_subject_keeps_its_complement_up_to_the_colon_and_stops_at_a_verb():
    found = claims("Se realizarán tres instancias de consulta pública: en Pando, en Minas, en Rocha y en Salto.")
    assert [(c.subject, c.claimed) for c in found] == [("instancias de consulta pública", 3)]
    verb = claims("Se instruye a las siguientes seis direcciones remitir su reporte: Salud, Agua, Suelo.")
    assert [c.subject for c in verb] == ["direcciones"]


def test_a_word_that_only_contains_a_number_word_is_no_count():
    text = 'El compromiso 7, "Datos abiertos del servicio": se publicaron indicadores, tableros y mapas.\n'
    assert claims(text, ocr=True) == []
    assert [(c.claimed, len(c.items)) for c in claims("Los cinca ejes: agua, luz, gas, vías y salud.\n", ocr=True)] \
        == [(5, 5)]


def test_counts_stated_after_the_subject_or_over_a_list_of_the_units_counted():
    text = "Los municipios piloto son los siguientes tres: Encarnación, Concepción y Villarrica. Se prevé.\n"
    assert [(c.subject, c.claimed, len(c.items)) for c in claims(text)] == [("municipios piloto", 3, 3)]
    text = ("El compromiso 5 prevé para esta cohorte tres hitos:\n• Hito 1 (septiembre de 2024): Diagnóstico.\n"
            "• Hito 2 (noviembre de 2024): Mesas de cocreación.\n"
            "• Hito 3 (diciembre de 2024 a febrero de 2025): Publicación del plan local y de su tablero de "
            "seguimiento en el portal del municipio.\nEl programa sigue.\n")
    assert [(c.subject, c.claimed, len(c.items)) for c in claims(text)] == [("hitos", 3, 3)]


def test_a_bulleted_list_as_a_scan_prints_it():
    # bullets read as `+` and `«`, an item wrapped, one bullet lost; the list ends at a heading
    # even though a numbered list follows it
    text = ("Se registra la asistencia de los siguientes cinco integrantes de la Mesa:\n"
            "+ Sra. Francisca Vidal Rosas, Jefa de División, quien\npreside.\n"
            "«Sra. Camila Soto Aguilera, profesional de la Comisión.\n"
            "Sr. Gonzalo Rivas Catalán, analista del Consejo.\n"
            "+ Sra. Paula Henríquez Mora, Directora.\n"
            "+ Sr. Tomás Álvarez Jaramillo, académico.\n"
            "II. TABLA\n1. Aprobación del acta.\n2. Estado del plan.\n")
    assert [(c.claimed, len(c.items)) for c in claims(text, ocr=True)] == [(5, 5)]


def test_counts_whose_items_follow_in_the_sentence():
    text = "El ciclo comenzará con tres talleres presenciales en Temuco, Antofagasta y Coyhaique, junto a la AChM.\n"
    assert [(c.subject, c.claimed, len(c.items)) for c in claims(text)] == [("talleres presenciales", 3, 3)]
    text = "Destacó que las tres mesas temáticas instaladas en julio —justicia abierta, salud y agua— sesionan.\n"
    assert [(c.subject, c.claimed, len(c.items)) for c in claims(text)] == [("mesas temáticas", 3, 3)]
    # places where the meetings were held enumerate no meetings
    assert claims("Se realizaron cuatro reuniones en Lima y Cusco durante el año.\n") == []


def test_a_word_three_letters_from_a_number_is_no_misread_number():
    # "quienes" scores close to "quince"; a scan's "duce" is one letter from "doce"
    from extractors import lexicon as lx
    assert lx.number_word("quienes", fuzzy=True) is None
    assert lx.number_word("duce", fuzzy=True) == 12 and lx.number_word("clnco", fuzzy=True) == 5


def test_a_list_closed_by_its_conjunction_ends_where_a_sentence_a_scan_joined_with_a_comma_begins():
    text = ("Para esta edición se ha convocado a siete municipalidades provinciales: Arequipa, Caylloma, "
            "Islay, Camaná, Puno, San Román, Tacna y Mariscal Nieto, Cada municipalidad podrá acreditar "
            "hasta dos representantes.")
    (c,) = claims(text, ocr=True)
    assert (c.claimed, len(c.items)) == (7, 8)
    assert c.items[-1] == "Mariscal Nieto"
    # a name of capitalised words after the conjunction's item is no sentence: the list goes on
    (c,) = claims("Participan cuatro entidades: Arequipa, Puno y Tacna, Consejo Regional de Arequipa.", ocr=True)
    assert c.items[-1] == "Consejo Regional de Arequipa"


def test_a_full_stop_before_names_that_end_the_list_is_a_comma_misread():
    text = ("Se completó la ronda de talleres en las siete provincias: San José, Alajuela, Cartago. "
            "Heredia, Guanacaste y Puntarenas. La segunda ronda se programará en octubre.")
    (c,) = claims(text, ocr=True)
    assert (c.claimed, c.items[-1], len(c.items)) == (7, "Puntarenas", 6)
    # a sentence after the stop ends the list
    (c,) = claims("Participan tres entidades: A, B y C. Luego María y José firmaron el acta.", ocr=True)
    assert c.items == ["A", "B", "C"]


def test_a_numbered_list_a_scan_garbled_goes_on_past_specks_and_lost_numbers():
    text = ("Se constata el quórum con la presencia de cinco de sus miembros:\n"
            "1. Abg. Diego Jaramillo Celi, Presidente del Comité.\n"
            "2. Ing. María Ordóñez Sarango, Directora de Planificación.\n"
            "Lu\n"
            ". Mgs. Carlos Vivanco Ruiz, Director de Tecnologías.\n"
            "e\n"
            "- Lcda. Gabriela Ontaneda Paz, Secretaria del Comité.\n"
            "5. Dra. Verónica Riofrío Mora, docente investigadora.\n"
            "SEGUNDO: ORDEN DEL DÍA\n")
    (c,) = claims(text, ocr=True)
    assert (c.claimed, len(c.items)) == (5, 5)
    (c,) = claims(text)  # a text layer's list ends where its marks do
    assert len(c.items) == 2


def test_items_numbered_otherwise_are_others_however_alike_on_a_scan():
    (c,) = claims("Este informe reporta tres compromisos: el Corapromiso 3, el Compromiso 6 y el Compromiso 9. "
                  "Para cada compromiso se indica su nivel.", ocr=True)
    assert len(c.items) == 3
    # a digit OCR put into an address is no number of the item: the two readings are one
    text = ("Se implementaron portales en 2 municipalidades, se listan los accesos:\n"
            "btips:/4munidalorespeten.laip.gt\nbttps:/Amunidolorespeten.laip.gt\nhttps://munixela.laip.gt\n")
    (c,) = claims(text, ocr=True)
    assert len(c.items) == 2
    (c,) = claims("Se realizaron jornadas en seis municipios: Calarcá, Circasia, Pijao. Montenegro y Salento, "
                  "con 412 asistentes en total.", ocr=True)
    assert c.items[-2:] == ["Montenegro", "Salento"]


def test_a_list_that_runs_on_as_prose_on_the_line_after_the_colon_is_read():
    text = ("Se instruye a las siguientes seis direcciones remitir su reporte del primer trimestre:\n"
            "Dirección General de Asuntos Administrativos, Dirección General de Planificación, Dirección "
            "General de Justicia y Derechos Fundamentales, Dirección General de Lucha contra la Corrupción y "
            "Dirección General de Prevención y Transparencia.\nEl reporte deberá consignar el estado.\n")
    (c,) = claims(text)
    assert (c.claimed, len(c.items)) == (6, 5)


def test_items_a_scan_set_off_by_colons_are_read_as_set_off_by_semicolons():
    text = ("El compromiso comprende los tres hitos que se detallan: Hito 7.1, publicación del tablero: "
            "Hito 7.2, apertura de los datos de concursos: e Hito 7.3, mesa de trabajo con la sociedad civil.")
    (c,) = claims(text, ocr=True)
    assert (c.claimed, len(c.items)) == (3, 3)
