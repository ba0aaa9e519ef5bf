"""The action plan a document belongs to, as it names it: "... Gobierno Abierto 2018-2020".

A plan is a name ("Plan de Acción Nacional de Gobierno Abierto", "Cuarto Plan",
"PAN") right before a range of years. Documents also cite the plans before
theirs ("en seguimiento al ... tercer PAN 2016-2018") but never later ones, so
of several plans named the latest is the document's own.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from extractors import lexicon as lx
from extractors import settings
from extractors.mentions import _digits

HEAD_CUTOFF = 75.0  # one letter of "plan" misread
MAX_SPAN = 4  # plans run two years; a longer range is a misread or not a plan
_LOOKBACK = 120  # characters before the years searched for the name
_YEAR = r"[12][0-9OoIl]{3}"
_DASHES = "\\-‐‑‒–—―−~"
_WORD = re.compile(r"[^\W_]+")


@dataclass
class FoundPlan:
    start: int
    end: int
    first_year: int
    last_year: int


@lru_cache(maxsize=None)
def vocabulary() -> dict:
    data = json.loads(resources.files("extractors").joinpath("data/plan.json").read_text("utf-8"))
    data["_names"] = [_squeeze(n) for n in data["names"]]
    return data


@lru_cache(maxsize=None)
def _year_range() -> re.Pattern:
    links = "|".join(re.escape(w) for w in vocabulary()["year_links"])
    link = rf"\s*(?:[{_DASHES}]|\s(?:{links})\s)\s*"
    return re.compile(rf"(?<!\w)(?P<a>{_YEAR}){link}(?P<b>{_YEAR})(?!\w)", re.I)


def _squeeze(text: str) -> str:
    """Letters only, folded: a form that split or joined words and stray marks leave alone."""
    return re.sub(r"[^a-z]", "", lx.fold(text))


def _names_plan(window: str) -> int | None:
    """Offset in `window` where a plan's name starts that runs to the window's end."""
    vocab = vocabulary()
    words = list(_WORD.finditer(window))
    for i in range(len(words) - 1, -1, -1):
        word = words[i].group()
        if word in vocab["acronyms"] and i == len(words) - 1:
            return words[i].start()
        if fuzz.ratio(lx.fold(word).replace("1", "l"), vocab["head"]) < HEAD_CUTOFF:
            continue
        name = _squeeze(window[words[i].start():])
        if name == vocab["head"]:  # a bare "Plan" is the action plan only when counted
            ordinal = i > 0 and lx.fold(words[i - 1].group()) in vocab["ordinals"]
            return words[i - 1].start() if ordinal else None
        hit = process.extractOne(name, vocab["_names"], scorer=fuzz.ratio, score_cutoff=settings.current().match.plan_name)
        return words[i].start() if hit else None
    return None


def plans(text: str) -> list[FoundPlan]:
    """Every plan named with its years, in reading order."""
    out = []
    for m in _year_range().finditer(text):
        first, last = int(_digits(m.group("a"))), int(_digits(m.group("b")))
        if not 0 < last - first <= MAX_SPAN:
            continue
        start = max(0, m.start() - _LOOKBACK)
        offset = _names_plan(text[start:m.start()])
        if offset is not None:
            out.append(FoundPlan(start + offset, m.end(), first, last))
    return out


def own_plan(text: str) -> FoundPlan | None:
    """The document's own plan: the latest it names (earlier ones are its antecedents)."""
    return _latest(plans(text))


@lru_cache(maxsize=4)  # asked once per commitment-number vote on the same document
def earlier_plans(text: str) -> tuple[FoundPlan, ...]:
    """The plans before its own that the document names."""
    found = plans(text)
    own = _latest(found)
    return tuple(p for p in found if own and p.last_year < own.last_year)


def _latest(found: list[FoundPlan]) -> FoundPlan | None:
    return max(found, key=lambda p: (p.last_year, p.first_year)) if found else None
