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
from rapidfuzz.distance import Levenshtein

from extractors import lexicon as lx
from extractors import settings


def _opts():
    return settings.current().ocr



@lru_cache(maxsize=None)
def forms() -> dict:
    text = resources.files("extractors").joinpath("data/ocr_forms.json").read_text("utf-8")
    data = json.loads(text)
    data["_scheme_of"] = {f: s for s, fs in data["schemes"].items() for f in fs}
    data["_tld_of"] = {f: t for t, fs in data["tld_forms"].items() for f in fs}
    data["_sld_of"] = {f: s for s, fs in data["second_levels"].items() for f in fs}
    return data


def scheme(word: str, before_slash: bool = False) -> str | None:
    """`https` or `http` for a (misread) scheme word, else None. Before a `:/` the word
    is at a scheme's place, so a looser likeness is enough (`ittos:/`, `heps://`)."""
    w = lx.fold(word)
    known = forms()["_scheme_of"].get(w)
    if known:
        return known
    if not 3 <= len(w) <= 6 or not w.isalpha():
        return None
    hit = process.extractOne(w, ["https", "http"], scorer=fuzz.ratio,
                             score_cutoff=_opts().url_scheme_before_slash if before_slash else _opts().url_scheme)
    if not hit:
        return None
    return "https" if w.endswith("s") else hit[0]


def _ascii(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def is_tld(label: str) -> bool:
    return label in forms()["tlds"] or label in forms()["real_tld_forms"]


def fix_tld(label: str, before: str | None = None) -> str:
    """The TLD a misread one stands for; `before`, the label in front of it, if known."""
    if label in forms()["real_tld_forms"]:  # a real country's domain (.pt, .gr), unless after `.gob`...
        return forms()["_tld_of"][label] if before in forms()["_sld_of"] else label
    return label if is_tld(label) else forms()["_tld_of"].get(label, label)


def fix_host(host: str) -> tuple[str, str]:
    """A repaired host name, and any path glued to its last label (`gob.guportal`)."""
    slash = re.search(r"\.([a-zA-Z]{2,3})[íìÍ](?=[a-z0-9])", host)  # `go.crídatos`: the slash read as í
    if slash and is_tld(fix_tld(slash.group(1).lower())):
        fixed, glued = fix_host(host[:slash.end(1)])
        return fixed, (glued + "/" if glued else "") + _ascii(host[slash.end():])
    host = _ascii(host).lower()
    host = re.sub(r":(?!\d+$)", ".", host).replace(",", ".")
    labels = [l for l in host.strip(".").split(".") if l]
    if not labels:
        return "", ""
    glued = ""
    labels[-1] = fix_tld(labels[-1], labels[-2] if len(labels) >= 2 else None)
    last = labels[-1]
    slds = forms()["_sld_of"]
    if len(labels) >= 2 and not is_tld(last):
        prev_sld = labels[-2] in slds
        for tld in sorted(set(forms()["tlds"]) | set(forms()["_tld_of"]), key=len, reverse=True):
            rest = last[len(tld):]
            if last.startswith(tld) and len(rest) >= 3 and (prev_sld or "-" in rest):
                labels[-1], glued = fix_tld(tld), rest
                break
    real = forms()["real_second_levels"].get(labels[-2], ()) if len(labels) >= 2 else ()
    if len(labels) >= 3 and labels[-2] in slds and labels[-1] not in real:
        labels[-2] = slds[labels[-2]]
    elif len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] not in slds:
        labels[-2] = _government_level(labels[-2], labels[-1])
    return ".".join(labels), glued


def _government_level(label: str, tld: str) -> str:
    """Under a country's domain, a second level one letter from the one its government uses
    (`geb.gt`, `got.cl`, `2ob.pe`, `guu.uy`, `g0.cr`) is that one misread; any other label stays
    (com, org, edu, listed in `second_levels`, never come here; `mil`, `int`, `ac` do not start
    as it does)."""
    own = next((sld for sld, tlds in forms()["real_second_levels"].items() if tld in tlds), "gob")
    if len(label) != len(own) or label == own:
        return label
    return own if sum(a != b for a, b in zip(label, own)) == 1 and label[0] in own[0] + "2q" else label


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
                                 score_cutoff=_opts().known_domain if len(tail) >= 15 else _opts().known_domain_short)
        if hit and hit[0].count(".") == tail.count(".") and hit[0].split(".")[-1] == labels[-1]:
            return www + ".".join(labels[:-n] + [hit[0]])
    return host


def has_valid_tld(host: str) -> bool:
    labels = host.split(".")
    return len(labels) >= 2 and is_tld(labels[-1]) and all(labels)


def host_ok(host: str) -> bool:
    """A name under a known TLD, or an IPv4 address (with an optional port)."""
    bare = host[4:] if host.startswith("www.") else host
    return has_valid_tld(bare) or re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}(:\d+)?", bare) is not None


def _tld_shaped(host: str, after_slashes: bool = False) -> bool:
    """A host that ends in what may be a TLD OCR garbled (`laip.g1`, `laip.st`): kept for the
    document's consensus to repair, dropped if it cannot. Two labels are enough after a `//`:
    a word there is an address (`petenlaip.st`, its inner dot lost too)."""
    labels = host.split(".")
    return host_ok(host) or len(labels) >= (2 if after_slashes else 3) and all(labels) and \
        re.fullmatch(r"[a-z][a-z0-9]{0,2}", labels[-1]) is not None


_SLASHES = "/\\|¿“\"?'’"
_TOKEN_END = re.compile(r"[\s<>\"“”»«]")
_HOST_PIECE = re.compile(r"^[\w\-]+(?:[.,:][\w\-]+)+(?:/[^\s<>]*)?[>)»]?$")
_PATH_PIECE = re.compile(r"^[\w\-]+(?:[./_?=&%][\w\-]+)*[/]?[>)»]?$")


_LETTER_SEPARATOR = re.compile(r" [JfIl|]{1,2}(?=[a-z0-9])")


@dataclass
class UrlHit:
    start: int
    end: int
    value: str
    host: str
    repairs: int = 0  # how much was mended to read it: fewer, the likelier reading
    scheme_guessed: bool = False  # the scheme word is no known form of either scheme


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
    # a speck after the slashes, and a space, before the host (`https:/. www.`, `hups:/%www.`, `//¡www.`)
    junk = re.match(r"[.%¡!]?[ ]?(?=www)", text[p:p + 6], re.I) if slashes else None
    if junk:
        p += junk.end()
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
            elif len(seg) >= 8 and seg.lower() not in nexts:
                pair = next((n for n in nexts if fuzz.ratio(seg.lower(), first + n) >= 80), None)
                if pair:  # the pair garbled as well (`wp-comteovuploads`)
                    segs[i] = f"{first}/{pair}"
    return "/".join(segs)


_SCHEME_WORD = re.compile(r"(?<![\w@./])([^\W\d_]{3,6})(?=\s?[:;.,/\\|¿“\"]|\s[JfIl|]{1,2}\w)")
@lru_cache(maxsize=1)
def _www() -> re.Pattern:
    forms_ = "|".join(sorted(map(re.escape, forms()["www_forms"]), key=len, reverse=True))
    # besides the forms seen, its shape: three to five strokes of w, v, y, s, e or 4 in which two
    # w's or v's come first, a slash before them read as `a` or `f` (`wswyw.`, `weww.`); right
    # after a scheme no host label is made so
    shape = r"[af]?(?=(?:[yse4-]*[wv]){2})[wvyse4-]{3,5}"
    return re.compile(rf"(?i)(?:{forms_}|{shape})-?(?:\s?[.,]\s?|\s(?=[a-z0-9-]+\.[a-z]))")


def _path_specks(path: str) -> str:
    """A path as written: specks OCR printed beside its slashes dropped."""
    junk = re.escape("".join(forms()["path_junk"]))
    path = re.sub(f"(?<=/)[{junk}]+|[{junk}]+(?=/)", "", path)
    # an apostrophe between two words of a path is its slash, the stroke's top alone read
    # (`dataset'jgm-concursos`); a path has no apostrophes of its own
    return re.sub(r"(?<=[a-z0-9])['’](?=[a-z0-9])", "/", path)
# one stray space inside the host, or between host and path, on the same line
_AFTER_SPACE = re.compile(r"[ ]([^\s<>\"“”»«|]+)(?=[ ]*(?:[>»|]|\n|$)|[ ]+\S{1,3}[ ]*(?:\n|$))")


def ocr_urls(text: str) -> list[UrlHit]:
    """URLs on OCR text, scheme, separators, host and TLD repaired."""
    out: list[UrlHit] = []
    for m in _SCHEME_WORD.finditer(text):
        found = _scheme_at(text, m)
        if not found:
            continue
        sch, p, slashed = found
        w = _www().match(text, p)
        www, p = ("www.", w.end()) if w else ("", p)
        token, e = _url_token(text, p)
        if not token:
            continue
        host, slash, path = token.partition("/")
        fixed, path, end, repairs = _host_and_path(text, e, host, "/" + path if slash or path else "")
        if text[max(0, m.start() - 1):m.start()] == "<":
            path, end = _angle_continued(text, path, end)
        path = _split_known_segments(_clean_tail(_path_specks(path)))
        if not fixed or not _tld_shaped(fixed, slashed):
            continue
        fixed = known_domain(fixed)
        value = f"{sch}://{www}{fixed}{_ascii(path)}"
        guessed = lx.fold(m.group(1)) not in forms()["_scheme_of"]
        out.append(UrlHit(m.start(), end, value, www + fixed, repairs, guessed))
    return out


def _scheme_at(text: str, m: re.Match) -> tuple[str, int, bool] | None:
    """The scheme a word before a (misread) `://` stands for, where the address starts, and
    whether two slashes were read."""
    p, ok = _separator(text, m.end())
    weak = _LETTER_SEPARATOR.match(text, m.end())
    if not ok and weak and lx.fold(m.group(1)) in ("http", "https"):
        p, ok = weak.end(), True  # a scheme read whole, its `://` read as letters (`https Jf`)
    sep = text[m.end():p]
    slashes = sum(c in _SLASHES for c in sep)
    sch = scheme(m.group(1), slashes >= 2 or ":" in sep and slashes >= 1)
    return (sch, p, slashes >= 2) if sch and ok else None


def _url_token(text: str, p: int) -> tuple[str, int]:
    """The address from `p` to its end ("" if it cannot start a host), and that end."""
    e = _TOKEN_END.search(text, p)
    e = e.start() if e else len(text)
    token = _mend_tail(text[p:e])
    return (token if token and token[0].isalnum() else ""), e


def _mend_tail(token: str) -> str:
    """`gob.g!`: the closing slash misread."""
    tails = forms()["url_tail_forms"]
    return token[:-1] + tails[token[-1]] if token[-1:] in tails else token


def _host_and_path(text: str, e: int, host: str, path: str) -> tuple[str, str, int, int]:
    """The repaired host, the path, where the URL ends, and the repairs made, reading on past
    one stray space that split the host or cut the path off."""
    end, repairs = e, 0
    nxt = _AFTER_SPACE.match(text, e)
    fixed, glued = fix_host(host)
    if nxt and not path:
        piece = _mend_tail(nxt.group(1))
        if not has_valid_tld(fixed) and (_HOST_PIECE.match(piece) or _tld_after_sld(fixed, piece)):
            h2, slash2, p2 = piece.partition("/")
            candidate, glued2 = fix_host(host + "." + h2)
            if _tld_shaped(candidate):
                fixed, glued, path = candidate, glued2, ("/" + p2.rstrip(">)»") if slash2 else "")
                end, repairs = nxt.end(), 1
        elif has_valid_tld(fixed) and not glued and _PATH_PIECE.match(piece) and \
                re.search(r"[./_?=\-]", piece.rstrip("/>)»")):
            path = "/" + piece
            end = nxt.end()
    if glued:
        path = "/" + glued + path
    return fixed, path, end, repairs


def _tld_after_sld(host: str, piece: str) -> bool:
    """`senacyt.gob gt/colecciones`: the country's label after a space, the dot before it lost."""
    label = re.match(r"[a-z]{2,3}(?=/|[>)»]?$)", piece)
    return host.rsplit(".", 1)[-1] in forms()["second_levels"] and label is not None and is_tld(label.group(0))


def _angle_continued(text: str, path: str, end: int) -> tuple[str, int]:
    """A URL in angle brackets cut at the line end continues up to the closing `>`."""
    if text[end:end + 1] in ("\n", " "):
        cont = re.match(r"[\n ]([^\s<>]+)>", text[end:])
        if cont and not re.match(r"(?i)[a-z]{3,6}:|www", cont.group(1)):
            return path + cont.group(1), end + cont.end() - 1
    return path, end


def _vote(values: list[str], min_count: int = 3, weights: list[float] | None = None) -> str | None:
    """The consensus spelling of near-identical strings, voted character by character.

    Only same-length variants of the most common value (`OcrRepairOptions.variant_vote`) vote, each
    with its weight; they must be at least `min_count` and at least half of all values.
    """
    if not values:
        return None
    weights = weights or [1.0] * len(values)
    totals: Counter = Counter()
    for v, w in zip(values, weights):
        totals[v] += w
    top = max(totals, key=lambda v: (values.count(v), totals[v]))
    group = [(v, w) for v, w in zip(values, weights) if len(v) == len(top) and fuzz.ratio(v, top) >= _opts().variant_vote]
    if len(group) < min_count or len(group) * 2 < len(values):
        return None
    out = []
    for i, default in enumerate(top):
        votes: Counter = Counter()
        for v, w in group:
            votes[v[i]] += w
        most = max(votes.values())  # a tie goes to the most common whole spelling's character
        out.append(default if votes[default] == most else votes.most_common(1)[0][0])
    return "".join(out)


def _fix_suffix(host: str, suffix: str) -> str:
    if host.endswith("." + suffix) or host == suffix:
        return host
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in forms()["second_levels"] and has_valid_tld(host):
        return host  # a well-formed name of its own (x.gob.gt among y.laip.gt)
    n = suffix.count(".") + 1  # the same labels misread (`laip.g1`, `jaip.gt`)
    if len(labels) > n and fuzz.ratio(".".join(labels[-n:]), suffix) >= 70:
        return ".".join(labels[:-n] + [suffix])
    tail = "." + suffix  # the dot itself misread (`munilascrucesJaip.gt`): the best-aligned cut
    cuts = [(fuzz.ratio(host[-k:], tail), k) for k in range(len(tail) - 1, len(tail) + 2)
            if len(host) > k + 3]
    score, k = max(cuts, default=(0, 0))
    return host[:-k] + tail if score >= 70 else host


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
    named = [h for h in hits if not h.host.startswith("www.") and h.host.count(".") >= 2
             and not re.fullmatch(r"[\d.:]+", h.host)]
    suffix = _vote([".".join(h.host.split(".")[-2:]) for h in named],  # a host read whole counts double
                   weights=[2.0 if not h.repairs else 1.0 for h in named])
    family = []
    for h in hits:
        if suffix and not h.host.startswith("www."):
            new = _fix_suffix(h.host, suffix)
            if new.endswith("." + suffix):
                family.append(h)
            rehost(h, new)
    prefix = _vote([h.host[:4] for h in family if len(h.host) > 8])
    if prefix:
        for h in family:
            rehost(h, _fix_prefix(h.host, prefix))
    # one spelling per host: near-identical hosts are the same host misread
    groups: list[list[UrlHit]] = []
    for h in hits:
        for g in groups:
            if len(h.host) >= 10 and fuzz.ratio(h.host, g[0].host) >= _opts().same_host and h.host != g[0].host \
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
            return (host_ok(name), spellings[name], -min(h.repairs for h in g if h.host == name),
                    sum(conf) / len(conf))
        best = max(spellings, key=score)
        for h in g:
            rehost(h, best)


def schemes(hits: list[UrlHit]) -> None:
    """A scheme guessed from a garbled word (`hitpe//`) follows the scheme the same
    domain's other URLs are read with."""
    for h in hits:
        domain = ".".join(h.host.split(".")[-2:])
        votes = Counter(o.value.split(":")[0] for o in hits
                        if not o.scheme_guessed and o.host.endswith(domain))
        if h.scheme_guessed and votes:
            best = votes.most_common(1)[0][0]
            h.value = best + h.value[h.value.index(":"):]


def trailing_slashes(hits: list[UrlHit]) -> None:
    """Bare hosts of one domain are written alike: where one of them keeps the closing `/`,
    the others lost theirs to the scan (`laip.gt/` beside `laip.g1`)."""
    bare = [h for h in hits if h.value.rstrip("/").endswith(h.host)]
    for h in bare:
        domain = ".".join(h.host.split(".")[-2:])
        if not h.value.endswith("/") and any(o.value.endswith("/") and o.host.endswith(domain)
                                             for o in bare):
            h.value += "/"


def _variants(word: str, pairs) -> list[str]:
    out = []
    for a, b in pairs:
        i = word.find(a)
        while i >= 0:
            out.append(word[:i] + b + word[i + len(a):])
            i = word.find(a, i + 1)
    return out


def confusions_undone(word: str) -> list[str]:
    """`word` with one of OCR's letter confusions undone, each way it can be (`ciaye` -> claye, ...)."""
    return _variants(word, forms()["letter_confusions"])


def confusion_word(word: str) -> str | None:
    """The one Spanish word a folded `word` becomes with one of OCR's letter confusions undone
    (`salnd` -> salud, `desarrolio` -> desarrollo); None when none does, or several."""
    found = {v for v in confusions_undone(word) if v in lx.spanish_words()}
    return found.pop() if len(found) == 1 else None


def _sub_paths(hits: list[UrlHit], pattern: str, repl) -> None:
    """`re.sub` over the path of each address (what follows its host), the host left as it is."""
    for h in hits:
        i = h.value.find("/", h.value.index(h.host) + len(h.host))
        if i >= 0:
            h.value = h.value[:i] + re.sub(pattern, repl, h.value[i:])


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

    _sub_paths(hits, r"[A-Z]?[a-z]+", lambda m: _same_case(m.group(0), fix(m.group(0).lower())))


def _same_case(word: str, new: str) -> str:
    return new[:1].upper() + new[1:] if word[:1].isupper() else new


def _body_words(hits: list[UrlHit], text: str) -> list[str]:
    """The document's words outside its URLs, folded."""
    body, last = [], 0
    for h in sorted(hits, key=lambda h: h.start):
        body.append(text[last:h.start])
        last = max(last, h.end)
    body.append(text[last:])
    return [lx.fold(w) for w in re.findall(r"[^\W\d_]+", " ".join(body))]


def _aligned(words: list[str], tokens: list[str], distinct: set[str]) -> bool:
    """The words stand in the text in this order, each about as spelt (a title the slug was made of);
    `distinct` is the set of `tokens`."""
    n = len(words)
    # only where the first word is about as spelt can the run start (each word scores 60 or more)
    firsts = {t for t, _, _ in process.extract_iter(words[0], distinct, scorer=fuzz.ratio, score_cutoff=60)}
    for k in range(len(tokens) - n + 1):
        if tokens[k] not in firsts:
            continue
        scores = [fuzz.ratio(a, b) for a, b in zip(words, tokens[k:k + n])]
        if min(scores) >= 60 and sum(scores) / n >= 80:
            return True
    return False


def _nearest_written(word: str, vocab: Counter) -> str:
    """Of the words one slip from `word` (an edit, a letter confusion), the one the text writes most."""
    if len(word) < 4 or vocab[word] or word in forms()["web_words"]:
        return word
    near = [v for v in vocab if abs(len(v) - len(word)) <= 1 and Levenshtein.distance(v, word) <= 1]
    near += [v for v in _variants(word, forms()["letter_confusions"]) if vocab[v]]
    return max(near, key=lambda v: (vocab[v], v)) if near else word


def slug_words(hits: list[UrlHit], text: str) -> None:
    """Slug words OCR misread (`prirmera-mesa-de-gubierno-abierto`): where the slug spells
    a title the text prints, a word the text never writes takes the nearest one it does."""
    tokens = _body_words(hits, text)
    vocab = Counter(tokens)
    distinct = set(vocab)

    def repl(m: re.Match) -> str:
        words = m.group(0).split("-")
        if not _aligned([w.lower() for w in words], tokens, distinct):
            return m.group(0)
        return "-".join(_same_case(w, _nearest_written(w.lower(), vocab)) for w in words)

    _sub_paths(hits, r"(?<![A-Za-z])[A-Za-z]+(?:-[A-Za-z]+){2,}(?![A-Za-z])", repl)


def spanish_path_words(hits: list[UrlHit]) -> None:
    """A path word of six letters or more that is no Spanish word (`contraraciones`,
    `beueficiarios`) and is one slip from exactly one that is, is that word misread. Paths
    name things in the document's language; words of the web (`index`, `portal`) stay."""
    words = lx.common_words()
    web = set(forms()["web_words"])

    def repl(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        if len(low) < 6 or low in words or low in web or lx.fold(low) in lx.spanish_words():
            return w
        near = lx.one_slip_word(low, common=True)
        return _same_case(w, near) if near else w

    _sub_paths(hits, r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", repl)


def written_path_words(hits: list[UrlHit], text: str) -> None:
    """A path word the text never writes, one slip (two in a word of six letters or more) from
    exactly one word it writes at least twice, is that word misread (`plan-jocal` beside "plan de
    acción local", `gobierno-abieno`). A Spanish word needs the stronger evidence of three
    mentions, since a misreading may make one (`compres` for compras); a plural or singular of
    a written word is a path's own choice, not a slip (`/informes` beside "informe")."""
    if not hits:
        return
    body = Counter(_body_words(hits, text))
    if not body:  # nothing written outside the addresses: no word to take a spelling from
        return
    web = set(forms()["web_words"])
    vocab = Counter({w: n for w, n in body.items() if n >= 2 and len(w) >= 4})
    for w in web:
        vocab[w] = max(vocab[w], 3)

    def repl(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < 4 or body[low] or low in web:
            return word
        real = lx.fold(low) in lx.spanish_words()
        limit = 1 if len(low) < 6 else 2
        dist = {v: Levenshtein.distance(v, low, score_cutoff=limit) for v in vocab
                if abs(len(v) - len(low)) <= limit and (not real or vocab[v] >= 3)}
        closest = min(dist.values(), default=limit + 1)
        best = [v for v, d in dist.items() if d == closest <= limit]
        if len(best) != 1 or _inflection(low, best[0]):
            return word
        return _same_case(word, best[0])

    _sub_paths(hits, r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])", repl)


def _inflection(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es")


def compound_words(hits: list[UrlHit], text: str) -> None:
    """A host label or path word of eight letters or more that is no run of Spanish words, and
    becomes one with exactly one letter confusion undone, is that run misread (`gobiemoabierto`
    -> gobiernoabierto, `catalegodatos` is not fixed: two readings). Needs no help from the text,
    which may misread the words the same way; but a name the text writes as a word (`risaralda`,
    which undone `d` -> `cl` splits as risa-ral-cla) is no misreading."""
    if not hits:
        return
    written = written_vocabulary(text, hits)

    def run(word: str) -> str:
        return word if written[word] else words_run(word)

    for h in hits:
        labels = h.host.split(".")
        rehost(h, ".".join([run(l) if l.isalpha() and l.islower() else l for l in labels[:-1]] + labels[-1:]))
    _sub_paths(hits, r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", lambda m: run(m.group(0)))


def words_run(word: str) -> str:
    """`word`, or the one run of Spanish words a single letter confusion undone makes of it."""
    if len(word) < 8 or _in_words(word):
        return word
    found = {v for v in _variants(word, forms()["letter_confusions"]) if _in_words(v)}
    return found.pop() if len(found) == 1 else word


def host_words(hits: list[UrlHit], text: str) -> None:
    """A long host label the text never writes, one slip from a word it writes twice or
    from an acronym it prints (`cransparencia`, `conamgua` beside CONAMIGUA), is that word misread;
    so is one that, a letter confusion undone, is words the text writes run together
    (`gobiemoabierto`)."""
    vocab = written_vocabulary(text, hits)
    grams = written_compounds(text)
    for h in hits:
        labels = h.host.split(".")
        fixed = [nearest_compound(compound_fix(_nearest_written(l, vocab), vocab), grams)
                 if len(l) >= 6 and l.isalpha() else l for l in labels]
        rehost(h, ".".join(fixed))


def host_labels(hits: list[UrlHit], text: str) -> None:
    """A host label a slip from a name the document prints more often (an acronym,
    a word written twice, another of its hosts' labels: `senacvi` beside www.senacyt.gob.gt and
    SENACYT, `laip` beside IAIP), is that name misread. Labels of four letters or more; one slip,
    two in a label of seven or more."""
    vocab = written_vocabulary(text, hits)
    labels = Counter(l for h in hits for l in h.host.split(".")[:-1])
    known = set(forms()["second_levels"]) | set(forms()["web_words"]) | {"www"}
    for h in hits:
        parts = h.host.split(".")
        for k, label in enumerate(parts[:-1]):
            if len(label) < 4 or not label.isalpha() or label in known:
                continue
            limit = 1 if len(label) < 7 else 2
            seen = lambda w: vocab[w] + labels[w]  # noqa: E731
            near = [w for w in set(vocab) | set(labels) if w != label and seen(w) > seen(label)
                    and len(w) >= 4 and abs(len(w) - len(label)) <= 1
                    and Levenshtein.distance(w, label, score_cutoff=limit) <= limit]
            if near:
                best = min(near, key=lambda w: (Levenshtein.distance(w, label), -seen(w), w))
                ties = [w for w in near if Levenshtein.distance(w, label) == Levenshtein.distance(best, label)
                        and seen(w) == seen(best)]
                if len(ties) == 1:
                    parts[k] = best
        rehost(h, ".".join(parts))


def written_vocabulary(text: str, hits: list[UrlHit] | None = None) -> Counter:
    """Words the text writes at least twice outside its URLs, and the acronyms it prints."""
    words = Counter(_body_words(hits or [], text))
    vocab = Counter({w: n for w, n in words.items() if n >= 2})
    vocab.update(lx.fold(a) for a in re.findall(r"\b[A-ZÑ]{4,}\b", text))
    return vocab


def _splits(token: str, vocab: Counter) -> bool:
    """The token is words of the vocabulary (four letters or more) run together."""
    ok = [True] + [False] * len(token)
    for i in range(1, len(token) + 1):
        ok[i] = any(ok[j] and vocab[token[j:i]] for j in range(max(0, i - 20), i - 3))
    return ok[-1]


@lru_cache(maxsize=4)  # asked for by every address of a document; read, never changed
def written_compounds(text: str) -> Counter:
    """Words of six letters or more the text writes outside its URLs, and runs of two or
    three of its words written together (`Gobierno Abierto` -> gobiernoabierto): what an
    address label or local part is usually made of."""
    words = [lx.fold(w) for token in text.split() if not re.search(r"\w\.\w|[/@]|:\S", token)
             for w in re.findall(r"[^\W\d_]+", token)]  # prose words: no address, read or misread
    grams: Counter = Counter()
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            gram = "".join(words[i:i + n])
            if len(gram) >= 6:
                grams[gram] += 1
    return grams


def nearest_compound(token: str, grams: Counter) -> str:
    """A label the text never writes, one OCR slip (two in a long label) from exactly one
    compound it writes, is that compound misread (`gobienoabierto`, `curridahat`)."""
    if len(token) < 6 or not token.isalpha() or grams[token] or token in forms()["web_words"]:
        return token
    limit = 1 if len(token) < 10 else 2
    near = {g for g in grams if abs(len(g) - len(token)) <= limit and g[-2:] == token[-2:] or
            abs(len(g) - len(token)) <= limit and g[:2] == token[:2]}
    dist = {g: Levenshtein.distance(g, token, score_cutoff=limit) for g in near}
    closest = min(dist.values(), default=limit + 1)
    best = [g for g, d in dist.items() if d == closest <= limit]
    return best[0] if len(best) == 1 else token


def compound_fix(token: str, vocab: Counter) -> str:
    """A label or local part that, one letter confusion undone (`m` for `rn`), is words the text
    writes run together; as it is when it already is, or when no single repair makes it so."""
    if len(token) < 8 or not token.isalpha() or _splits(token, vocab):
        return token
    found = [v for v in _variants(token, forms()["letter_confusions"]) if _splits(v, vocab)]
    return found[0] if len(set(found)) == 1 else token


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


def same_readings(hits: list[UrlHit], text: str) -> None:
    """On a scan, two addresses of one host whose paths differ by a letter or a speck, not by a digit
    (`.../gobierno-abierta/c6/...` and `.../gobierno-abierto/c6/...`, `compromiso-?` and `compromiso-7`),
    or the first cut at a line end where the second goes on (`.../programa-` and `.../programa-federal`),
    are one address read twice: both take the spelling whose path words the text writes most."""
    vocab = written_vocabulary(text, hits)
    def written(value: str) -> int:
        return sum(vocab[w] for w in re.findall(r"[a-z]{3,}", value.split("//", 1)[-1].lower()))
    def path(h: UrlHit, value: str) -> str:
        return value[value.index(h.host) + len(h.host):]
    def same(a: UrlHit, va: str, b: UrlHit, vb: str) -> tuple[bool, bool]:
        """(one address, the shorter cut at a line end)"""
        if a.host != b.host or va == vb:
            return False, False
        pa, pb = path(a, va), path(b, vb)
        short, long_ = sorted((pa, pb), key=len)
        if len(short) < 8:
            return False, False
        if short[-1] in "-/_" and long_.startswith(short):
            return True, True  # cut at a line end
        ops = Levenshtein.editops(pa, pb)
        return len(ops) <= (2 if len(short) >= 30 else 1) and not any(_digit_changed(o, pa, pb) for o in ops), False
    read = [h.value for h in hits]
    for i, a in enumerate(hits):
        partners = [(j, cut) for j, b in enumerate(hits) if j != i for one, cut in [same(a, read[i], b, read[j])] if one]
        if len(partners) != 1:
            continue  # none, or a speck that could be either of two addresses
        j, cut = partners[0]
        # the reading without specks, then the longer (a scan loses letters more often than it adds them),
        # then the one whose words the text writes
        a.value = max((read[i], read[j]), key=lambda v: (-len(re.findall(r"[^\w\-./:]", v)), len(v),
                                                           written(v), v == read[i]))


def _digit_changed(op, a: str, b: str) -> bool:
    """An edit that changes what a number says (a digit for another character that could be read,
    a digit added or lost), not a speck read for a digit."""
    x = a[op.src_pos] if op.tag != "insert" else ""
    y = b[op.dest_pos] if op.tag != "delete" else ""
    if op.tag == "replace":
        return (x.isdigit() or y.isdigit()) and x.isalnum() and y.isalnum()
    return (x or y).isdigit()


def acronym_labels(address: str, acronyms: set[str], text: str) -> str:
    """An address whose domain label, four letters or more, no word or acronym of the text writes, but
    one slip (two in a label of seven or more) from exactly one institution's acronym the document names
    (read alike twice, or a known one of its country), is that acronym misread (`www.itel.org.mx` beside ITEI, `sticc.gob.hn` beside STLCC)."""
    at = address.rfind("@")
    head, host, tail = (address[:at + 1], address[at + 1:], "") if at >= 0 else \
        re.match(r"((?:[a-z]+://)?)([^/]*)(.*)", address, re.I).groups()
    labels = host.split(".")
    keys, vocab = _trusted_acronyms(text, frozenset(acronyms))
    known = set(forms()["second_levels"]) | set(forms()["web_words"]) | {"www"}
    for k, label in enumerate(labels[:-1]):
        if len(label) < 4 or not label.isalpha() or label in known or label in keys or vocab[label]:
            continue
        limit = 1 if len(label) < 7 else 2
        near = [a for a in keys if abs(len(a) - len(label)) <= 1 and Levenshtein.distance(a, label) <= limit]
        if len(near) == 1:
            labels[k] = near[0]
    return head + ".".join(labels) + tail


@lru_cache(maxsize=2)  # one document's addresses ask in turn
def _trusted_acronyms(text: str, acronyms: frozenset[str]) -> tuple[dict[str, str], Counter]:
    """The acronyms an address label may be a slip of (read alike twice, or listed for the country the
    text names; the country's institutions as their lexicon spells them), by lower-case label, and the
    words the text writes."""
    written = Counter(re.findall(r"\b[A-ZÑ]{4,}\b", text))
    listed = lx.institutions(text)["acronyms"]
    keys = {a.lower(): a for a in acronyms if len(a) >= 4 and (written[a] >= 2 or a in listed)}
    return keys, written_vocabulary(text)


def rehost(hit: UrlHit, host: str) -> None:
    if host == hit.host:
        return
    i = hit.value.index(hit.host)
    hit.value = hit.value[:i] + host + hit.value[i + len(hit.host):]
    hit.repairs += Levenshtein.distance(hit.host, host)
    hit.host = host


def agree_domains(emails: list[str], hosts: list[str], text: str) -> list[str]:
    """E-mail domains one misread label away from the host of a URL of the same document
    (`inendoza.gov.ar` beside `www.mendoza.gov.ar`): of the two labels, the one the text writes
    as a word or an acronym, or else the one more of its addresses share."""
    if not emails or not hosts:
        return list(emails)
    vocab = written_vocabulary(text)
    shared = Counter(l for h in hosts for l in h.split("."))
    out = []
    for email in emails:
        local, _, domain = email.partition("@")
        labels = domain.split(".")
        for host in hosts:
            tail = host.split(".")[-len(labels):]
            if len(tail) != len(labels) or tail[-1] != labels[-1]:
                continue
            diff = [i for i, (a, b) in enumerate(zip(labels, tail)) if a != b]
            if len(diff) != 1:
                continue
            i = diff[0]
            mine, theirs = labels[i], tail[i]
            if min(len(mine), len(theirs)) < 3 or Levenshtein.distance(mine, theirs) > 2:
                continue
            if vocab[theirs] > vocab[mine] or not vocab[mine] and shared[theirs] > shared[mine] + 1:
                labels[i] = theirs
                break
        out.append(f"{local}@{'.'.join(labels)}")
    return out


# --- e-mail ---------------------------------------------------------------

@lru_cache(maxsize=None)
def _email_ocr() -> re.Pattern:
    ats = "|".join(map(re.escape, sorted(forms()["at_forms"], key=len, reverse=True)))
    # besides the forms seen, any run of up to three symbols, capitals or accented i's or o's
    # between a lower-case name and a lower-case domain ("aperez(ODejemplo.gob.gt"), which may
    # end in the digit or the space the `@`'s tail became ("(2dnp.gov.co", "(O funcionpublica");
    # the ring's left side can also come out as an `f` before them ("gobiernoabiertofWmides.gob.gt")
    shape = r"f?(?:[^\w\s.,;:/\-]|[A-ZÍÌíìóò]){1,3}(?:\d|[ ](?=[a-z]))?"
    # the ring's left side as a bracket and the rest as one capital or digit (`(A`, `(P`, `(2`) needs
    # no cue: a bracket opens no word glued between two lower-case ones; a `+` after it is the
    # ring's tail (`(2+madrid.org`). A dot read twice (`gub..uy`) is one dot.
    ring = r"\([A-Z0-9]\+?"
    return re.compile(rf"(?<![\w.@/])([a-z0-9][\w.+-]*?)(?-i:(?P<seen>{ats})|(?P<ring>{ring})|(?P<shape>{shape}))"
                      rf"((?-i:[a-z])[\w-]*(?:[.,]{{1,2}}[a-z][\w-]*)+)", re.I)


def ocr_emails(text: str) -> list[tuple[int, int, str, bool]]:
    """E-mail addresses whose `@` OCR misread, where the rest is a valid domain, each with whether
    the `@` was one of the forms OCR is known to give for it."""
    out = []
    for m in _email_ocr().finditer(text):
        local, at, domain = m.group(1), m.group("seen") or m.group("ring") or m.group("shape"), m.group(5)
        if len(local) < 2 or m.group("shape") and not _mail_cue_before(text, m.start()):
            continue
        domain = domain.rstrip(".,")
        host, glued = fix_host(domain)
        if glued or not has_valid_tld(host):
            continue
        if at.isalnum() and not (local.islower() and host.count(".") >= 1):
            continue  # a letter or digit for `@` only inside a lower-case address
        out.append((m.start(), m.start(1) + len(local) + len(at) + len(domain),
                    f"{local.lower()}@{host}", bool(m.group("seen"))))
    return out + [e for e in _spaced_emails(text) if not any(s <= e[0] < t for s, t, *_ in out)]


# an address whose `@` OCR read as a space: a lower-case name, a space, a domain
_SPACED_EMAIL = re.compile(r"(?<![\w.@/])([a-z][a-z0-9._-]{3,}) ((?-i:[a-z])[\w-]*(?:\.[a-z][\w-]*){1,3})(?![\w@/])")


def _spaced_emails(text: str) -> list[tuple[int, int, str, bool]]:
    """`Consultas: planificacion vivienda.gob.sv`: right after an e-mail cue, a name and a domain
    with a known TLD, the `@` lost."""
    out = []
    for m in _SPACED_EMAIL.finditer(text):
        host, glued = fix_host(m.group(2).rstrip("."))
        suffix_only = host.count(".") == 1 and host.split(".")[0] in ("gob", "gov", "go", "gub", "com", "org", "edu", "net")
        if glued or not has_valid_tld(host) or host.startswith("www.") or suffix_only \
                or m.group(1).lower() in ("www", "http", "https") or not _mail_cue_before(text, m.start(), window=25):
            continue
        out.append((m.start(), m.end(), f"{m.group(1).lower()}@{host}", False))
    return out


_CUE_SIMILARITY = 85  # one letter in eight: "informes" / "infarmes", not "conducta" / "contacto"


def _mail_cue_before(text: str, pos: int, window: int = 60) -> bool:
    """The text says an e-mail address comes ("al correo ..."): an unseen `@` form is then trusted."""
    before = lx.fold(text[max(0, pos - window):pos])
    cues = lx.lexicon()["email_cues"]
    if any(cue in before for cue in cues):
        return True
    # a cue OCR misspelt ("Infarmes:", "consuitas"): one word a slip away from a long one-word cue
    long_cues = [c for c in cues if " " not in c and len(c) >= 6]
    return any(lx.best(word, long_cues, _CUE_SIMILARITY) for word in re.findall(r"[a-z]{6,}", before))


def _name_forms(text: str, pos: int, window: int = 300) -> list[str]:
    """The local parts people named just before `pos` would have (`Andrés Felipe Cárdenas` ->
    acardenas, andres.cardenas, felipecardenas, ...): from each given name and each surname after
    it in a run of capitalised words."""
    forms = []
    for m in re.finditer(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)+", text[max(0, pos - window):pos]):
        run = [lx.fold(w) for w in m.group().split()]
        for i, f in enumerate(run):
            for l in run[i + 1:]:
                forms += [f[0] + l, f + l, f + "." + l, f[0] + "." + l, f + "_" + l, l + f[0]]
    return forms


def fix_local_part(email: str, text: str, pos: int, window: int = 300) -> str:
    """Restore the local part from a person named just before (`Sigrid Sánchez` -> ssanchez), or
    from words the text writes (`gobiemoabierto` -> gobiernoabierto)."""
    local, _, domain = email.partition("@")
    grams = written_compounds(text)
    labels = domain.split(".")
    domain = ".".join([nearest_compound(labels[0], grams)] + labels[1:])
    names = _name_forms(text, pos, window)
    if local in names:  # before any word repair: `acardenas` is A. Cárdenas, not the word `cardenas`
        return f"{local}@{domain}"
    vocab = written_vocabulary(text)
    local = ".".join(_written_part(part, vocab, grams) for part in local.split("."))
    if local in names:  # `gobiernoabierto`, from "Gobierno Abierto": no dot to add
        return f"{local}@{domain}"
    best, best_r = local, 0.0
    for form in names:
        r = fuzz.ratio(local, form)
        if form != local and abs(len(form) - len(local)) <= 1 and r >= 85 and r > best_r:
            best, best_r = form, r
    return f"{best}@{domain}"


def joined_local(email: str, text: str, pos: int) -> tuple[str, int]:
    """An address whose local part a space cut (`gobier noabierto(Pregion...`): the word before it
    joins it where the two make, one or two slips apart, a compound the text writes (`Gobierno Abierto`);
    the address, and where it now starts."""
    before = re.search(r"(?<![\w.@])([a-z]{2,12}) $", text[max(0, pos - 14):pos])
    if not before:
        return email, pos
    local, _, domain = email.partition("@")
    grams = written_compounds(text)
    joined = nearest_compound(before.group(1) + local, grams)
    if not grams[joined] or grams[local] or grams[nearest_compound(local, grams)]:
        return email, pos
    return f"{joined}@{domain}", pos - len(before.group(0))


def _written_part(part: str, vocab: Counter, grams: Counter) -> str:
    """A local part as words the text writes: itself, or the one compound a letter confusion
    undone and then a slip make of it (`gobjemoabierto`: m -> rn, then j -> i)."""
    fixed = nearest_compound(compound_fix(part, vocab), grams)
    if fixed != part or len(part) < 8 or grams[part]:
        return fixed
    found = {nearest_compound(v, grams) for v in _variants(part, forms()["letter_confusions"])}
    found = {f for f in found if grams[f]}
    return found.pop() if len(found) == 1 else part


def _in_words(part: str, most: int = 3) -> bool:
    """Whether `part` is written as up to `most` lower-case Spanish words of three letters or more
    run together (shorter ones would let any misreading pass as words)."""
    words = lx.common_words()
    ok = [True] + [False] * len(part)  # ok[i]: part[:i] splits, in at most `most` words (counted below)
    count = [0] + [most + 1] * len(part)
    for i in range(1, len(part) + 1):
        for j in range(max(0, i - 20), i - 2):
            if ok[j] and count[j] < most and part[j:i] in words:
                ok[i], count[i] = True, min(count[i], count[j] + 1)
    return ok[-1]


def plausible_local(email: str, text: str, pos: int) -> bool:
    """An address found through an unseen `@` form is kept when its local part reads as a person
    named before it, or as words (`estadoabierto`), or is short like an office's acronym (`oai`):
    a misread one (`gobiemoabiertof`) would count as a wrong address, not a missed one."""
    local = email.partition("@")[0]
    if local in _name_forms(text, pos):
        return True
    return all(len(part) <= 5 or _in_words(part) for part in re.split(r"[._-]", local) if part)


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

def confusable(a: str, b: str) -> bool:
    """Two numbers one OCR digit confusion apart (`2015` for `2019`)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and (diff[0] in _digit_pairs() or diff[0][::-1] in _digit_pairs())


@lru_cache(maxsize=1)
def _digit_pairs() -> frozenset[tuple[str, str]]:
    return frozenset(tuple(p) for p in forms()["digit_confusions"])


def year_votes(text: str) -> Counter:
    return Counter(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))


def fix_year(year: int, votes: Counter) -> int:
    """The document's usual year for a rare year one digit confusion away from it; not the year
    just before or after it, which plans and reports write (`al 31 de marzo de 2026` in a 2025 plan)."""
    y = str(year)
    if votes[y] > 2:
        return year
    for other, n in votes.most_common():
        if n >= 5 and n >= 5 * max(votes[y], 1) and confusable(y, other) and abs(int(other) - year) != 1:
            return int(other)
    return year


def plausible_year(year: int, votes: Counter) -> int:
    """A year outside 1900-2099 (`2624`, `2924`) is a misread of the year one digit away that
    the document writes most."""
    if 1900 <= year <= 2099:
        return year
    y = str(year)
    near = [(n, other) for other, n in votes.items()
            if len(other) == len(y) and sum(a != b for a, b in zip(other, y)) == 1]
    return int(max(near)[1]) if near else year


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
