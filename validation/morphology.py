"""Pending action told by verb morphology, with a spaCy model a run names (opt-in).

Rules are Matcher patterns in `validation/patterns/future.jsonl`: a future tense,
"ir a" + infinitive ("va a realizar"), "por"/"sin" + infinitive ("por definir"),
and a main verb in the imperfect subjunctive in -ra ("Se invitara a ..."), which
in a progress statement is a future that lost its accent to the scan. The model
loads once per process, on first use; a model that is not installed is named in
one warning and the caller falls back to its lexicon.
"""
from __future__ import annotations

import json
import logging
import warnings
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher

log = logging.getLogger(__name__)


def _patterns() -> list[dict]:
    text = resources.files("validation").joinpath("patterns/future.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=None)
def _load(name: str) -> tuple[Language, Matcher] | None:
    import spacy

    try:
        with warnings.catch_warnings():
            # W095: a model trained on an older spaCy; its morphology still holds.
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            nlp = spacy.load(name, exclude=["ner"])
    except (OSError, ImportError):
        log.warning("spaCy model %r is not installed: progress statements are checked "
                    "with the lexicon of future and pending forms", name)
        return None
    matcher = Matcher(nlp.vocab)
    for rule in _patterns():
        matcher.add(rule["label"], [rule["pattern"]])
    return nlp, matcher


def announces_future(clause: str, model: str) -> bool | None:
    """Whether a verb of `clause` speaks of action still to come; None without the model."""
    loaded = _load(model)
    if loaded is None:
        return None
    nlp, matcher = loaded
    return bool(matcher(nlp(clause)))
