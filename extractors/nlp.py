"""The one spaCy pipeline: a blank Spanish tokenizer plus rule components.

Patterns live in `extractors/patterns/*.jsonl`. The statistical model is not
loaded here: the rules need only tokens, and loading it costs a second of the
main process's time per run. Morphology, where a user asks for a model, is the
progress check's (`validation.morphology`).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors import lexicon as lx

_CONJUNCTIONS = {"y", "e"}


@Language.component("org_trim")
def org_trim(doc: Doc) -> Doc:
    """Cut institution names at a second conjunction and drop dangling connectors."""
    connectors = set(lx.lexicon()["org_connectors"])
    ents = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            ents.append(ent)
            continue
        end, seen_conj = ent.start + 1, False
        for tok in doc[ent.start + 1:ent.end]:
            low = tok.lower_
            if low in _CONJUNCTIONS:
                if seen_conj:
                    break
                seen_conj = True
            end = tok.i + 1
        while end > ent.start + 1 and doc[end - 1].lower_ in connectors:
            end -= 1
        if end - ent.start >= 2:
            ents.append(Span(doc, ent.start, end, label="ORG"))
    doc.ents = ents
    return doc


def _patterns(name: str) -> list[dict]:
    import json
    text = resources.files("extractors").joinpath(f"patterns/{name}").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def pipeline() -> Language:
    nlp = spacy.blank("es")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(_patterns("organizations.jsonl"))
    nlp.add_pipe("org_trim", after="entity_ruler")
    return nlp
