"""Score `ingest-eval/1` predictions against gold files (rules of the format's README).

Set fields: P/R/F1 on normalised values; percentages on the multiset of values;
milestones / activities on (commitment, number) / (commitment, milestone, number)
keys with attribute accuracies on matched keys; count claims on (claimed, listed);
flags on kind plus fuzzy value; scalars by exact match; all micro-averaged.
"""
from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import Counter

from rapidfuzz import fuzz

SET_FIELDS = ["dates", "urls", "emails", "phones", "organizations", "signatories", "recipients"]
F1_FIELDS = SET_FIELDS + ["percentages", "milestones", "activities", "count_claims", "flags"]
SCALARS = ["doc_type", "reference", "issued", "place"]
ATTRIBUTES = ["milestones.description", "activities.title", "activities.progress",
              "activities.periods"]
TEXT_THRESHOLD, FLAG_THRESHOLD = 85, 80


def norm(value) -> str | None:
    if value is None:
        return None
    s = unicodedata.normalize("NFC", unicodedata.normalize("NFC", str(value)).casefold())
    return re.sub(r"\s+", " ", s).strip()


def norm_value(field: str, value) -> str:
    s = norm(value) or ""
    if field == "phones":
        return re.sub(r"\D", "", s)
    return s.rstrip("/") if field == "urls" else s


def similarity(a, b) -> float:
    na, nb = norm(a), norm(b)
    if na is None or nb is None:
        return 100.0 if na is None and nb is None else 0.0
    return float(fuzz.token_sort_ratio(na, nb))


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    d = 2 * tp + fp + fn
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * tp / d if d else 1.0}


def _multiset(pred: list, gold: list) -> tuple[int, int, int]:
    tp = sum((Counter(pred) & Counter(gold)).values())
    return tp, len(pred) - tp, len(gold) - tp


def _pairs(pred: list[dict], gold: list[dict], key, text: str):
    """Match records by key; within a key, greedily by best text similarity."""
    groups_p: dict = {}
    groups_g: dict = {}
    for r in pred:
        groups_p.setdefault(key(r), []).append(r)
    for r in gold:
        groups_g.setdefault(key(r), []).append(r)
    pairs = []
    for k, gs in groups_g.items():
        ps = groups_p.get(k, [])
        ranked = sorted(((similarity(p.get(text), g.get(text)), i, j)
                         for i, p in enumerate(ps) for j, g in enumerate(gs)),
                        key=lambda t: (-t[0], t[1], t[2]))
        used_p, used_g = set(), set()
        for _, i, j in ranked:
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                pairs.append((ps[i], gs[j]))
    return pairs, (len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))


def _flag_match(a: dict, b: dict) -> bool:
    if norm(a.get("kind")) != norm(b.get("kind")):
        return False
    va, vb = a.get("value"), b.get("value")
    if any(re.match(r"^\s*https?://", str(v or ""), re.I) for v in (va, vb)):
        return norm_value("urls", va) == norm_value("urls", vb)
    return similarity(va, vb) >= FLAG_THRESHOLD


def _max_matching(pred: list, gold: list, ok) -> int:
    match: list[int | None] = [None] * len(gold)

    def augment(i: int, seen: set) -> bool:
        for j in range(len(gold)):
            if j not in seen and ok(pred[i], gold[j]):
                seen.add(j)
                if match[j] is None or augment(match[j], seen):
                    match[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(pred)))


def _periods(rec: dict) -> list[tuple]:
    return sorted((norm(p.get("start")) or "", norm(p.get("end")) or "")
                  for p in rec.get("periods") or [])


def _num(v):
    return None if v is None else float(v)


def score_pair(pred: dict | None, gold: dict) -> dict:
    missing = pred is None
    pred = pred or {}
    fields, attrs, scalars = {}, {}, {}
    for f in SET_FIELDS:
        p = {norm_value(f, v) for v in pred.get(f) or []}
        g = {norm_value(f, v) for v in gold.get(f) or []}
        fields[f] = (len(p & g), len(p - g), len(g - p))
    fields["percentages"] = _multiset([float(v) for v in pred.get("percentages") or []],
                                      [float(v) for v in gold.get("percentages") or []])
    ms, fields["milestones"] = _pairs(pred.get("milestones") or [], gold.get("milestones") or [],
                                      lambda m: (m.get("commitment"), m.get("number")), "description")
    attrs["milestones.description"] = (
        sum(similarity(p.get("description"), g.get("description")) >= TEXT_THRESHOLD for p, g in ms),
        len(ms))
    acts, fields["activities"] = _pairs(
        pred.get("activities") or [], gold.get("activities") or [],
        lambda a: (a.get("commitment"), a.get("milestone"), a.get("number")), "title")
    attrs["activities.title"] = (
        sum(similarity(p.get("title"), g.get("title")) >= TEXT_THRESHOLD for p, g in acts), len(acts))
    attrs["activities.progress"] = (
        sum(_num(p.get("progress")) == _num(g.get("progress")) for p, g in acts), len(acts))
    attrs["activities.periods"] = (sum(_periods(p) == _periods(g) for p, g in acts), len(acts))
    fields["count_claims"] = _multiset(
        [(c.get("claimed"), c.get("listed")) for c in pred.get("count_claims") or []],
        [(c.get("claimed"), c.get("listed")) for c in gold.get("count_claims") or []])
    pf, gf = pred.get("flags") or [], gold.get("flags") or []
    tp = _max_matching(pf, gf, _flag_match)
    fields["flags"] = (tp, len(pf) - tp, len(gf) - tp)
    for s in SCALARS:
        scalars[s] = (int(not missing and norm(pred.get(s)) == norm(gold.get(s))), 1)
    return {"fields": fields, "attributes": attrs, "scalars": scalars}


def _stem(source: str) -> str:
    return re.split(r"[._]", re.split(r"[\\/]", source.strip())[-1], maxsplit=1)[0]


def _load(directory: str) -> list[tuple[str, dict]]:
    out = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.endswith(".json") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                out.append((path, json.load(f)))
    return out


def evaluate_dirs(pred_dir: str, gold_dir: str) -> dict:
    golds = {_stem(g["source"]): (p, g) for p, g in _load(gold_dir)}
    preds: dict[str, list] = {}
    unmatched = []
    for path, p in _load(pred_dir):
        stem = _stem(p["source"])
        (preds.setdefault(stem, []) if stem in golds else unmatched).append((path, p))
    fields = {f: [0, 0, 0] for f in F1_FIELDS}
    attrs = {a: [0, 0] for a in ATTRIBUTES}
    scalars = {s: [0, 0] for s in SCALARS}
    documents = []
    for stem in sorted(golds):
        gpath, gold = golds[stem]
        for ppath, pred in preds.get(stem) or [(None, None)]:
            r = score_pair(pred, gold)
            for f, c in r["fields"].items():
                fields[f] = [a + b for a, b in zip(fields[f], c)]
            for a, c in r["attributes"].items():
                attrs[a] = [x + y for x, y in zip(attrs[a], c)]
            for s, c in r["scalars"].items():
                scalars[s] = [x + y for x, y in zip(scalars[s], c)]
            tot = [sum(c[i] for c in r["fields"].values()) for i in range(3)]
            documents.append({"source": stem, "gold": gpath, "prediction": ppath, **prf(*tot)})
    total = [sum(c[i] for c in fields.values()) for i in range(3)]

    def acc(ok: int, n: int) -> dict:
        return {"correct": ok, "total": n, "accuracy": ok / n if n else None}

    overall = prf(*total)
    return {"fields": {f: prf(*c) for f, c in fields.items()},
            "attributes": {a: acc(*c) for a, c in attrs.items()},
            "scalars": {s: acc(*c) for s, c in scalars.items()},
            "overall": overall, "overall_f1": overall["f1"], "documents": documents,
            "unmatched_predictions": [{"file": p, "source": d["source"]} for p, d in unmatched]}


def _fmt(x) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.4f}"


def format_report(report: dict) -> str:
    lines = [f"{'field':<28}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>9}{'F1':>9}"]
    for name, s in list(report["fields"].items()) + [("ALL (micro)", report["overall"])]:
        lines.append(f"{name:<28}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
                     f"{_fmt(s['precision']):>11}{_fmt(s['recall']):>9}{_fmt(s['f1']):>9}")
    lines.append("")
    lines.append(f"{'attribute / scalar':<28}{'correct':>8}{'total':>7}{'accuracy':>10}")
    for name, s in list(report["attributes"].items()) + list(report["scalars"].items()):
        lines.append(f"{name:<28}{s['correct']:>8}{s['total']:>7}{_fmt(s['accuracy']):>10}")
    lines.append(f"overall_f1 {report['overall_f1']:.4f}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    print(format_report(evaluate_dirs(sys.argv[1], sys.argv[2])))
