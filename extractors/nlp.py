"""The one spaCy pipeline: a blank Spanish tokenizer plus rule components.

Patterns live in `extractors/patterns/*.jsonl`. The statistical model is not
loaded here: the rules need only tokens, and loading it costs a second of the
main process's time per run. Morphology, where a user asks for a model, is the
progress check's (`validation.morphology`). spaCy itself is imported with the
pipeline, not with the package: the main process imports `extractors` for its
fingerprint alone, and spaCy would cost it a second and 40 MB.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from extractors import lexicon as lx

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_CONJUNCTIONS = {"y", "e"}


def org_trim(doc: Doc) -> Doc:
    """Cut institution names where a second one begins and drop dangling connectors; a name
    a lower-case kind noun introduces (`la organización Semillas para la Democracia`) loses it.

    A second institution begins at a conjunction or a `de`/`del` followed by a head noun
    ("Secretaría de Transparencia y Departamento Administrativo ...", "Dirección de
    Gobierno Abierto del Ministerio de Gobierno"), the first keeping at least two words
    of its own; a name also ends at a second conjunction.
    """
    from spacy.tokens import Span

    connectors = set(lx.lexicon()["org_connectors"])
    heads = _heads()
    ents = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            ents.append(ent)
            continue
        start = ent.start + (ent.ent_id_ == "named_by_kind")  # "la organización X": X is the name
        while start is not None:
            end, seen_conj, nxt = start + 1, False, None
            for tok in doc[start + 1:ent.end]:
                low = tok.lower_
                if low == "," and not _comma_inside_name(doc, start, tok.i, ent.end):
                    break
                after = doc[tok.i + 1:ent.end]
                head_next = next((t for t in after[:3] if t.lower_ not in _BEFORE_HEAD), None)
                own = sum(1 for t in doc[start + 1:tok.i] if t.lower_ not in connectors)
                if low in _CONJUNCTIONS | {"de", "del"} and head_next is not None \
                        and head_next.lower_ in heads and head_next.is_title and own >= 2 - (low in _CONJUNCTIONS) \
                        and (low in _CONJUNCTIONS or ent.end - head_next.i >= 3):
                    nxt = head_next.i
                    break
                if low in _CONJUNCTIONS:
                    if seen_conj:
                        break
                    seen_conj = True
                end = tok.i + 1
            while end > start + 1 and doc[end - 1].lower_ in connectors:
                end -= 1
            if end - start >= 2:
                ents.append(Span(doc, start, end, label="ORG"))
            start = nxt
    doc.ents = ents
    return doc


# what may stand between a conjunction and the head noun of a second name: "y por el Departamento"
_BEFORE_HEAD = frozenset({"la", "las", "los", "el", "por", "para", "a", "al"})


def _comma_inside_name(doc: Doc, start: int, comma: int, end: int) -> bool:
    """`Ministerio de Gobierno, Infraestructura y Desarrollo Territorial`: a comma inside a name
    separates capitalised words that a conjunction closes; anything else ends the name there.
    A comma right after the head noun lists places or parts (`Centro, Barrio Blanco y ...`)."""
    def capital(tok) -> bool:
        return tok.is_title or (tok.is_upper and doc[start].is_upper)
    if comma - start < 2:
        return False
    k = comma + 1
    while k < end and capital(doc[k]) and doc[k].lower_ not in _heads() | _CONJUNCTIONS:
        k += 1
        if k < end and doc[k].text == ",":
            k += 1
    return k < end - 1 and doc[k].lower_ in _CONJUNCTIONS and capital(doc[k + 1]) and k > comma + 1


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(w for p in _patterns("organizations.jsonl") if p["id"] == "institution"
                     for w in p["pattern"][0]["LOWER"]["IN"])


def _patterns(name: str) -> list[dict]:
    import json
    text = resources.files("extractors").joinpath(f"patterns/{name}").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy
    from spacy.language import Language

    Language.component("org_trim", func=org_trim)
    nlp = spacy.blank("es")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(_patterns("organizations.jsonl"))
    nlp.add_pipe("org_trim", after="entity_ruler")
    return nlp
