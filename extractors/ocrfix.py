"""Repairs of OCR-garbled URLs and e-mail addresses.

Every repair is driven by the lexicon of misread forms in `data/ocr_forms.json`
(scheme, slash, `@`, TLD and second-level-domain shapes tesseract produces) or by
consensus inside the same document (hosts of one list share a prefix and a
suffix; the same host mentioned twice is one host). Nothing here is used on
pages that came with a text layer.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from rapidfuzz import fuzz, process

from extractors import lexicon as lx


@lru_cache(maxsize=None)
def forms() -> dict:
    text = resources.files("extractors").joinpath("data/ocr_forms.json").read_text("utf-8")
    data = json.loads(text)
    data["_scheme_of"] = {f: s for s, fs in data["schemes"].items() for f in fs}
    data["_tld_of"] = {f: t for t, fs in data["tld_forms"].items() for f in fs}
    data["_sld_of"] = {f: s for s, fs in data["second_levels"].items() for f in fs}
    return data


def scheme(word: str) -> str | None:
    """`https` or `http` for a (misread) scheme word, else None."""
    w = lx.fold(word)
    known = forms()["_scheme_of"].get(w)
    if known:
        return known
    if not 3 <= len(w) <= 6 or not w.isalpha():
        return None
    hit = process.extractOne(w, ["https", "http"], scorer=fuzz.ratio, score_cutoff=75)
    if not hit:
        return None
    return "https" if w.endswith("s") else hit[0]


def _ascii(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def is_tld(label: str) -> bool:
    return label in forms()["tlds"]


def fix_tld(label: str) -> str:
    return label if is_tld(label) else forms()["_tld_of"].get(label, label)


def fix_host(host: str) -> tuple[str, str]:
    """A repaired host name, and any path glued to its last label (`gob.guportal`)."""
    host = _ascii(host).lower()
    host = re.sub(r":(?!\d+$)", ".", host).replace(",", ".")
    labels = [l for l in host.strip(".").split(".") if l]
    if not labels:
        return "", ""
    glued = ""
    labels[-1] = fix_tld(labels[-1])
    last = labels[-1]
    slds = forms()["_sld_of"]
    if len(labels) >= 2 and not is_tld(last):
        prev_sld = labels[-2] in slds
        for tld in sorted(set(forms()["tlds"]) | set(forms()["_tld_of"]), key=len, reverse=True):
            rest = last[len(tld):]
            if last.startswith(tld) and len(rest) >= 3 and (prev_sld or "-" in rest):
                labels[-1], glued = fix_tld(tld), rest
                break
    if len(labels) >= 3 and labels[-2] in slds:
        labels[-2] = slds[labels[-2]]
    return ".".join(labels), glued


def known_domain(host: str) -> str:
    """A host whose registered domain is one OCR slip or two from a well-known one."""
    www = "www." if host.startswith("www.") else ""
    bare = host[len(www):]
    labels = bare.split(".")
    for n in (3, 2):  # drive.google.com, then google.com
        if len(labels) < n:
            continue
        tail = ".".join(labels[-n:])
        if len(tail) < 8 or tail in forms()["known_domains"]:
            if tail in forms()["known_domains"]:
                return host
            continue
        hit = process.extractOne(tail, forms()["known_domains"], scorer=fuzz.ratio,
                                 score_cutoff=80 if len(tail) >= 15 else 88)
        if hit and hit[0].count(".") == tail.count(".") and hit[0].split(".")[-1] == labels[-1]:
            return www + ".".join(labels[:-n] + [hit[0]])
    return host


def has_valid_tld(host: str) -> bool:
    labels = host.split(".")
    return len(labels) >= 2 and is_tld(labels[-1]) and all(labels)


_SLASHES = "/\\|¿“\"?"
_TOKEN_END = re.compile(r"[\s<>\"“”»«]")
_HOST_PIECE = re.compile(r"^[\w\-]+(?:[.,:][\w\-]+)+(?:/[^\s<>]*)?[>)»]?$")
_PATH_PIECE = re.compile(r"^[\w\-]+(?:[./_?=&%][\w\-]+)*[/]?[>)»]?$")


@dataclass
class UrlHit:
    start: int
    end: int
    value: str
    host: str


def _separator(text: str, p: int) -> tuple[int, bool]:
    """Skip the `://` of a URL as OCR printed it; (end, looks like a separator)."""
    colon = slashes = 0
    if p < len(text) and text[p] == " ":
        p += 1
    if p < len(text) and text[p] in ":;.,":
        colon, p = 1, p + 1
    if p < len(text) and text[p] == " ":
        p += 1
    while p < len(text) and slashes < 3:
        c = text[p]
        nxt = text[p + 1] if p + 1 < len(text) else ""
        if c in _SLASHES:
            slashes += 1
        elif c in "1lIíi" and nxt in "/\\" and (colon or slashes):
            slashes += 1
        elif c in "AáÁíÍ" and slashes == 1 and nxt.islower():
            slashes += 1
        else:
            break
        p += 1
    return p, bool(slashes or (colon and text[p:p + 3].lower() == "www"))


def _clean_tail(path: str) -> str:
    path = path.rstrip(".,;:»›)>\"'“”")
    for bad, good in forms()["url_tail_forms"].items():
        if path.endswith(bad):
            path = path[:-1] + good
    return path


def _split_known_segments(path: str) -> str:
    """Restore the `/` OCR dropped between two standard path segments (`wp-contentuploads`)."""
    known = forms()["path_segments"]
    segs = path.split("/")
    for i, seg in enumerate(segs):
        for first, nexts in known.items():
            rest = seg[len(first):]
            if seg.lower().startswith(first) and rest.lower() in nexts:
                segs[i] = seg[:len(first)] + "/" + rest
    return "/".join(segs)


def ocr_urls(text: str) -> list[UrlHit]:
    """URLs on OCR text, scheme, separators, host and TLD repaired."""
    out: list[UrlHit] = []
    for m in re.finditer(r"(?<![\w@./])([^\W\d_]{3,6})(?=\s?[:;.,/\\|¿“\"])", text):
        sch = scheme(m.group(1))
        if not sch:
            continue
        p, ok = _separator(text, m.end())
        if not ok:
            continue
        w = re.match(r"(?i)www(?:\s?[.,]\s?|\s(?=[a-z0-9-]+\.[a-z]))", text[p:])
        www = ""
        if w:
            www, p = "www.", p + w.end()
        e = _TOKEN_END.search(text, p)
        e = e.start() if e else len(text)
        token = text[p:e]
        if not token or not token[0].isalnum():
            continue
        end = e
        host, slash, path = token.partition("/")
        path = "/" + path if slash or path else ""
        # one stray space inside the host, or between host and path, on the same line
        nxt = re.match(r"[ ]([^\s<>\"“”»«|]+)(?=[ ]*(?:[>»|]|\n|$)|[ ]+\S{1,3}[ ]*(?:\n|$))", text[e:])
        fixed, glued = fix_host(host)
        if nxt and not path:
            piece = nxt.group(1)
            if not has_valid_tld(fixed) and _HOST_PIECE.match(piece):
                h2, slash2, p2 = piece.partition("/")
                candidate, glued2 = fix_host(host + "." + h2)
                if has_valid_tld(candidate):
                    fixed, glued, path = candidate, glued2, ("/" + p2.rstrip(">)»") if slash2 else "")
                    end = e + nxt.end()
            elif has_valid_tld(fixed) and not glued and _PATH_PIECE.match(piece) and \
                    re.search(r"[./_?=\-]", piece.rstrip("/>)»")):
                path = "/" + piece
                end = e + nxt.end()
        if glued:
            path = "/" + glued + path
        # a URL in angle brackets cut at the line end continues up to the closing `>`
        if text[max(0, m.start() - 1):m.start()] == "<" and text[end:end + 1] in ("\n", " "):
            cont = re.match(r"[\n ]([^\s<>]+)>", text[end:])
            if cont and not re.match(r"(?i)[a-z]{3,6}:|www", cont.group(1)):
                path += cont.group(1)
                end += cont.end() - 1
        path = _split_known_segments(_clean_tail(path))
        if not fixed or not (has_valid_tld(fixed) or
                             re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}(:\d+)?", fixed)):
            continue
        fixed = known_domain(fixed)
        value = f"{sch}://{www}{fixed}{_ascii(path)}"
        out.append(UrlHit(m.start(), end, value, www + fixed))
    return out


def _vote(values: list[str], min_count: int = 3) -> str | None:
    """The consensus spelling of near-identical strings, voted character by character.

    Only same-length variants of the most common value (similarity >= 70) vote;
    they must be at least `min_count` and at least half of all values.
    """
    if not values:
        return None
    top = Counter(values).most_common(1)[0][0]
    group = [v for v in values if len(v) == len(top) and fuzz.ratio(v, top) >= 70]
    if len(group) < min_count or len(group) * 2 < len(values):
        return None
    return "".join(Counter(chars).most_common(1)[0][0] for chars in zip(*group))


def _fix_suffix(host: str, suffix: str) -> str:
    if host.endswith("." + suffix) or host == suffix:
        return host
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in forms()["second_levels"]:
        return host  # a well-formed name of its own (x.gob.gt among y.laip.gt)
    tail = "." + suffix
    k = len(tail)
    if len(host) > k + 3 and fuzz.ratio(host[-k:], tail) >= 70:
        return host[:-k] + tail
    return host


def _fix_prefix(host: str, prefix: str) -> str:
    if host.startswith(prefix):
        return host
    best, best_k = 0.0, None
    for k in range(len(prefix) - 1, len(prefix) + 2):
        r = fuzz.ratio(host[:k], prefix)
        if r > best:
            best, best_k = r, k
    if best >= 60 and best_k is not None:
        return prefix + host[best_k:]
    return host


def consensus(hits: list[UrlHit], confidence: Callable[[int, int], float] | None = None) -> None:
    """Make the hosts of one document agree: a shared suffix and prefix, one spelling per host."""
    hosts = [h.host for h in hits if not h.host.startswith("www.")]
    suffix = _vote([".".join(h.split(".")[-2:]) for h in hosts if h.count(".") >= 2])
    family = []
    for h in hits:
        if suffix and not h.host.startswith("www."):
            new = _fix_suffix(h.host, suffix)
            if new.endswith("." + suffix):
                family.append(h)
            _rehost(h, new)
    prefix = _vote([h.host[:4] for h in family if len(h.host) > 8])
    if prefix:
        for h in family:
            _rehost(h, _fix_prefix(h.host, prefix))
    # one spelling per host: near-identical hosts are the same host misread
    groups: list[list[UrlHit]] = []
    for h in hits:
        for g in groups:
            if len(h.host) >= 10 and fuzz.ratio(h.host, g[0].host) >= 90 and h.host != g[0].host \
                    or h.host == g[0].host:
                g.append(h)
                break
        else:
            groups.append([h])
    for g in groups:
        spellings = Counter(h.host for h in g)
        if len(spellings) < 2:
            continue

        def score(name: str) -> tuple:
            conf = [confidence(h.start, h.end) for h in g if h.host == name] if confidence else [0]
            return spellings[name], sum(conf) / len(conf)
        best = max(spellings, key=score)
        for h in g:
            _rehost(h, best)


def _variants(word: str, pairs) -> list[str]:
    out = []
    for a, b in pairs:
        for i in range(len(word)):
            if word.startswith(a, i):
                out.append(word[:i] + b + word[i + len(a):])
    return out


def path_words(hits: list[UrlHit], text: str) -> None:
    """Words of URL paths OCR misread by one letter confusion (`gobiemo`), where the
    document itself writes the repaired word at least three times, and three times as
    often as the misreading."""
    vocab = Counter(lx.fold(w) for w in re.findall(r"[^\W\d_]{4,}", text))
    for w in forms()["web_words"]:  # words web paths are made of count as well attested
        vocab[w] += 3
    pairs = forms()["letter_confusions"]

    def fix(word: str) -> str:
        if len(word) < 3 or (len(word) < 5 and word not in forms()["web_words"] and
                             not any(vocab[c] for c in _variants(word, pairs))):
            return word
        for cand in _variants(word, pairs):
            if vocab[cand] >= 3 and vocab[cand] >= 3 * vocab[word]:
                return cand
        return word

    for h in hits:
        i = h.value.find("/", h.value.index(h.host) + len(h.host))
        if i < 0:
            continue
        path = re.sub(r"[a-z]+", lambda m: fix(m.group(0)), h.value[i:])
        h.value = h.value[:i] + path


def path_segments(hits: list[UrlHit]) -> None:
    """Path segments of one host agree: a segment one letter away from one the same
    host's other URLs use as a directory (`/comunicadoa` beside `/comunicado/...`) is it."""
    by_host: dict[str, list[tuple[UrlHit, int, list[str]]]] = {}
    for h in hits:
        i = h.value.find("/", h.value.index(h.host) + len(h.host))
        if i >= 0:
            by_host.setdefault(h.host, []).append((h, i, h.value[i + 1:].split("/")))
    for items in by_host.values():
        dirs = Counter(seg for _, _, segs in items for seg in segs[:-1] if seg.isalpha())
        for h, i, segs in items:
            changed = False
            for k, seg in enumerate(segs):
                if len(seg) < 6 or not seg.isalpha() or seg in dirs:
                    continue
                near = [d for d in dirs if len(d) >= 5 and len(d) + 1 == len(seg) and seg.startswith(d)]
                if near:
                    segs[k], changed = near[0], True
            if changed:
                h.value = h.value[:i + 1] + "/".join(segs)


def _rehost(hit: UrlHit, host: str) -> None:
    if host == hit.host:
        return
    i = hit.value.index(hit.host)
    hit.value = hit.value[:i] + host + hit.value[i + len(hit.host):]
    hit.host = host


# --- e-mail ---------------------------------------------------------------

_EMAIL_OCR = re.compile(r"(?<![\w.@])([a-z0-9][\w.+-]*?)(\(D|\(W|\(@|íD|iD|\(Q|[@©®O0Q&])"
                        r"([a-z][\w-]*(?:[.,][a-z][\w-]*)+)", re.I)


def ocr_emails(text: str) -> list[tuple[int, int, str]]:
    """E-mail addresses whose `@` OCR misread, where the rest is a valid domain."""
    out = []
    at_forms = set(forms()["at_forms"])
    for m in _EMAIL_OCR.finditer(text):
        local, at, domain = m.group(1), m.group(2), m.group(3)
        if at not in at_forms or len(local) < 2:
            continue
        domain = domain.rstrip(".,")
        host, glued = fix_host(domain)
        if glued or not has_valid_tld(host):
            continue
        if at in "O0Q" and not (local.islower() and host.count(".") >= 1):
            continue
        out.append((m.start(), m.start(1) + len(local) + len(at) + len(domain),
                    f"{local.lower()}@{host}"))
    return out


def fix_local_part(email: str, text: str, pos: int, window: int = 300) -> str:
    """Restore the local part from a person named just before (`Sigrid Sánchez` -> ssanchez)."""
    local, _, domain = email.partition("@")
    names = re.findall(r"\b([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\b",
                       text[max(0, pos - window):pos])
    best, best_r = local, 0.0
    for first, last in names:
        f, l = lx.fold(first), lx.fold(last)
        if local in (f[0] + l, f + l, f + "." + l, f[0] + "." + l, f + "_" + l, l + f[0]):
            return email
    for first, last in names:
        f, l = lx.fold(first), lx.fold(last)
        for form in (f[0] + l, f + l, f + "." + l, f[0] + "." + l, f + "_" + l, l + f[0]):
            r = fuzz.ratio(local, form)
            if form != local and abs(len(form) - len(local)) <= 1 and r >= 85 and r > best_r:
                best, best_r = form, r
    return f"{best}@{domain}"


def fix_domain_label(email: str, acronyms: Counter) -> str:
    """A domain label one letter away from an acronym the document names (`inlom` -> `infom`)."""
    local, _, domain = email.partition("@")
    labels = domain.split(".")
    first = labels[0]
    if first.upper() in acronyms:
        return email
    for acr in sorted(acronyms, key=lambda a: -acronyms[a]):
        a = acr.lower()
        if acronyms[acr] >= 2 and first != a and len(a) >= 4 and len(first) == len(a) and \
                sum(x != y for x, y in zip(first, a)) == 1:
            labels[0] = a
            break
    return f"{local}@{'.'.join(labels)}"


# --- years ----------------------------------------------------------------

def _confusable(a: str, b: str) -> bool:
    """Two years one OCR digit confusion apart (`2015` for `2019`)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    pairs = {tuple(p) for p in forms()["digit_confusions"]}
    return len(diff) == 1 and (diff[0] in pairs or diff[0][::-1] in pairs)


def year_votes(text: str) -> Counter:
    return Counter(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))


def fix_year(year: int, votes: Counter) -> int:
    """The document's usual year for a rare year one digit confusion away from it."""
    y = str(year)
    if votes[y] > 2:
        return year
    for other, n in votes.most_common():
        if n >= 5 and n >= 5 * max(votes[y], 1) and _confusable(y, other):
            return int(other)
    return year


def fix_future_year(year: int, issued_year: int, votes: Counter) -> int:
    """A date years after the document's own (`2037` in a 2020 report) is a misread:
    the year one digit away that the document writes and that is not after it."""
    if year <= issued_year + 5:
        return year
    y = str(year)
    for other, _ in votes.most_common():
        if int(other) <= issued_year and len(other) == len(y) and \
                sum(a != b for a, b in zip(other, y)) == 1:
            return int(other)
    return year
