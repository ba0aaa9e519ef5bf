"""One function per flag kind: records in, flags out."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import lexicon as lx
from schemas.records import DocumentRecords, Email, Flag, Phone, Url
from validation import morphology

_WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


def _raw(rec) -> str:
    return rec.provenance.raw if rec.provenance else ""


def invalid_dates(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="invalid_date", value=_raw(d), provenance=d.provenance,
                 explanation="a written date that does not exist in the calendar")
            for d in r.dates if d.value is None]


def weekday_mismatches(r: DocumentRecords) -> list[Flag]:
    out = []
    for d in r.dates:
        if d.value and d.weekday and _WEEKDAYS[d.value.weekday()] != d.weekday:
            out.append(Flag(kind="weekday_mismatch", value=_raw(d), provenance=d.provenance,
                            explanation=f"{d.value.isoformat()} is a {_WEEKDAYS[d.value.weekday()]}"))
    return out


def inverted_ranges(r: DocumentRecords) -> list[Flag]:
    out = []
    for a in [*r.milestones, *r.activities]:
        for p in a.periods:
            if p.inverted:
                out.append(Flag(kind="date_range_inverted", value=_raw(p) or f"{p.start} – {p.end}",
                                provenance=p.provenance, explanation="the period ends before it starts"))
    return out


def periods_outside_plan(r: DocumentRecords) -> list[Flag]:
    plan = r.document.plan_period
    if plan is None:
        return []
    return [Flag(kind="period_outside_plan", value=_raw(p) or f"{p.start} – {p.end}",
                 provenance=p.provenance,
                 explanation=f"{p.start} – {p.end} is outside the action plan's years "
                             f"{plan.first_year}–{plan.last_year}")
            for a in r.activities for p in a.periods if not plan.contains(p)]


def _first_repeats(mentions: list[Url] | list[Email] | list[Phone]) -> list:
    """Each value's first repeat; values are compared by their normalised key."""
    seen, flagged, out = set(), set(), []
    for m in mentions:
        if m.key in seen and m.key not in flagged:
            flagged.add(m.key)
            out.append(m)
        seen.add(m.key)
    return out


def duplicate_urls(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="duplicate_url", value=u.url, provenance=u.provenance,
                 explanation="the same URL is listed more than once") for u in _first_repeats(r.urls)]


def duplicate_emails(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="duplicate_email", value=e.email, provenance=e.provenance,
                 explanation="the same e-mail address is given more than once")
            for e in _first_repeats(r.emails)]


def duplicate_phones(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="duplicate_phone", value=p.digits, provenance=p.provenance,
                 explanation="the same phone number is given more than once")
            for p in _first_repeats(r.phones)]


def count_mismatches(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="count_mismatch", value=_raw(c) or c.subject, provenance=c.provenance,
                 explanation=f"states {c.claimed} but lists {c.listed}")
            for c in r.count_claims if c.claimed != c.listed]


def _future_forms() -> list[str]:
    return sorted({lx.fold(f) for f in lx.lexicon()["future_forms"]}, key=len, reverse=True)


# a statement's opening figure, in any phrasing: "Avance 100%.", "100 %).", "100 % de avance."
_PROGRESS_OPENING = re.compile(r"(?i)^\W*(?:(?:porcentaje\s+de\s+)?avance\W*)?(?:del\s*)?\d{1,3}(?:[.,]\d+)?\s?%\W*"
                               r"(?:de\s+(?:avance|cumplimiento|ejecuci[oó]n)\b\W*)?")


@lru_cache(maxsize=1)
def _contrast_opener() -> re.Pattern:
    return re.compile(rf"(?i)\W*(?:{'|'.join(map(re.escape, lx.lexicon()['contrast_openers']))})\b,?\s*")


def _opening_clause(text: str) -> str:
    """Up to the first comma, semicolon or full stop that is not an abbreviation's ("el Sr. Oyarzún")."""
    abbreviations = {a.lower().rstrip(".") for a in lx.lexicon()["abbreviations"]}
    for m in re.finditer(r"[,.;]", text):
        word = re.findall(r"[\w.]+$", text[:m.start()])
        if m.group() == "." and word and word[0].lower().rstrip(".") in abbreviations:
            continue
        return text[:m.start()]
    return text


def speaks_of_future(text: str, nlp_model: str | None = None) -> bool:
    """Whether the opening clause of a progress statement announces pending work.

    Pending forms come from the lexicon, compared without accents (scans lose them).
    Tense comes from the morphology of `nlp_model` where it is installed, else from
    the future endings after "se" (which also catch the present "se considera").
    """
    body = _PROGRESS_OPENING.sub("", text.strip())
    opener = _contrast_opener().match(body)
    clause = _opening_clause(body[opener.end():] if opener else body)
    folded = lx.fold(clause)
    if any(re.search(rf"\b{re.escape(f)}\b", folded) for f in _future_forms()):
        return True
    if re.search(r"\bser[aá]n?\s+(?:\w+mente\s+)?\w{3,}(?:ad|id|ct|st|it)[oa]s?\b", folded):
        return True  # "será realizada", "serán publicados": a passive in the future
    told = morphology.announces_future(clause, nlp_model) if nlp_model else None
    if told is not None:
        return told
    return re.search(r"\bse\s+\w{3,}(ara|era|ira)n?\b", folded) is not None


def progress_without_evidence(r: DocumentRecords, nlp_model: str | None = None) -> list[Flag]:
    return [Flag(kind="progress_without_evidence", value=a.title or f"Actividad {a.number}",
                 provenance=a.provenance,
                 explanation="reported complete but its statement speaks of future or pending action")
            for a in r.activities
            if a.progress == 100 and a.evidence
            and any(speaks_of_future(part, nlp_model)
                    for part in [a.title or "", *re.split(r"\n|;\s", a.evidence), a.verification or ""]
                    if part)]  # each statement, each clause a semicolon sets apart ("concluida; se realizará ..."),
    # and the evidence offered for it ("Evidencia: la guía será publicada ...")


_COMPLETE = re.compile(r"(?i)(?<![\d/.,])100\s?%|\bcien\s+por\s+ciento\b")


def milestone_progress_without_evidence(r: DocumentRecords, nlp_model: str | None = None) -> list[Flag]:
    """A hito without activities stated complete (100 %) whose own text then speaks of what is still to
    happen ("el repositorio se publicará en octubre"): the hito's claim, checked as an activity's is."""
    out = []
    for m in r.milestones:
        if any(a.milestone == m.number and a.commitment == m.commitment for a in r.activities):
            continue
        body, heading = m.text or "", _heading(m)
        in_body = _COMPLETE.search(body)
        if not (in_body or _COMPLETE.search(heading)) or len(_COMPLETE.findall(body + " " + heading)) > 1:
            continue  # no claim, or several (a table of hitos read as one hito's text)
        after = body[in_body.end():] if in_body else body
        statements = [s for s in re.split(r"(?<=[.;:])\s+|\s+[–—]\s+|\n", after) if s.strip()]
        if any(speaks_of_future(s, nlp_model) for s in statements[:3]):
            out.append(Flag(kind="progress_without_evidence", value=m.description or heading,
                            provenance=m.provenance,
                            explanation="a hito reported complete whose text speaks of future or pending action"))
    return out


def progress_out_of_range(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="progress_out_of_range", value=f"Avance {a.stated_progress:g}%",
                 provenance=a.provenance,
                 explanation="a stated progress outside 0–100 %; the activity keeps no progress")
            for a in r.activities if a.stated_progress is not None and not 0 <= a.stated_progress <= 100]


def _reports_progress(m, heading: str) -> bool:
    # a percentage, not a date's year before a field label ("30/11/2025 % de avance:")
    return re.search(r"(?<![\d/.])\d{1,3}(?:[.,]\d+)?\s?%", (m.text or "") + "\n" + heading) is not None


@lru_cache(maxsize=1)
def _no_data() -> re.Pattern:
    values = "|".join(re.escape(v) for v in sorted(lx.lexicon()["no_data_values"], key=len, reverse=True))
    return re.compile(rf"(?i)(?:\b(?:avance|progreso)\b[^:\n]{{0,20}}:\s*(?P<said>{values})\b"
                      rf"|(?<!\w)[sn]/d(?!\w))")


def milestones_without_progress(r: DocumentRecords) -> list[Flag]:
    """In a progress report, or in a letter that reports the progress of two hitos or more; in any
    document, a hito whose progress it states is missing (`Avance: sin dato`).

    Minutes and news name hitos in passing, so one without a figure there says nothing more.
    """
    headings = [_heading(m) for m in r.milestones]
    every = r.document.type == "progress_report" or (
        r.document.type == "letter" and sum(_reports_progress(m, h) for m, h in zip(r.milestones, headings)) >= 2)
    out = []
    for m, heading in zip(r.milestones, headings):
        has_acts = any(a.milestone == m.number and a.commitment == m.commitment for a in r.activities)
        missing = _no_data().search(m.text or "")
        if not has_acts and not _reports_progress(m, heading) and (every or missing):
            titled = re.search(r"[^\W\d_]{3}", re.sub(r"^\W*[^\W\d_]+\s*[\dIVXLC.]*[\s.:–-]*", "", heading))
            word = re.match(r"\W*([^\W\d_]+)", heading)
            label = word.group(1) if word else None
            if missing and missing.group("said"):  # a bare `S/D` cell is no statement: its row's title names it
                value = _missing_statement(m, heading, missing, label or "Hito")
            else:
                value = m.description if titled and m.description else f"{label or 'HITO'} {m.number}"
            out.append(Flag(kind="milestone_without_progress", value=value,
                            provenance=m.provenance,
                            explanation="a hito of a progress report with no activity and no progress"))
    return out


def _missing_statement(m, heading: str, missing: re.Match, label: str) -> str:
    """What a hito says of its missing progress, after its label and number as printed
    (`Hito 3.2: sin dato`): the statement, not the hito's title, is the item at fault."""
    # The record's text runs its lines together: the statement ends at a cell's bar, a stop, or a
    # capitalised word, where the next field's label or sentence begins (`... la CVP Los soportes`).
    said = re.match(r"[^\n|.;]*?(?=\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñü]|\s*[\n|.;]|\s*$)",
                    missing.string[missing.start("said"):]).group(0).strip()
    printed = re.search(r"\d+(?:\.\d+)*", heading)
    return f"{label} {printed.group(0) if printed else m.number}: {said}"


def _heading(rec, titled: bool = False) -> str:
    """The unit's heading as printed: its first line, a table row's first two cells; with `titled`,
    a line cut after the unit's title (a rule-less row's later cells are no heading)."""
    line = re.sub(r"^\[[^\]]{0,2}\]\s*", "", _raw(rec).split("\n")[0].strip().lstrip("-–—•·*» "))  # a check box
    title = (getattr(rec, "title", None) or getattr(rec, "description", None)) if titled else None
    if line.count("|") >= 2:
        cells = [c.strip() for c in line.strip("| ").split("|")][:2]
        if title and len(cells) == 2 and cells[1] and title.startswith(cells[1]):
            cells[1] = title  # a title that wrapped inside its cell onto the lines below
        return " | ".join(cells)
    at = line.find(title) if title else -1
    return line[:at + len(title)] if at > 0 else line


def _numbering(units: list, key, what: str) -> list[Flag]:
    groups: dict = {}
    for u in units:
        groups.setdefault(key(u), []).append(u)
    out = []
    for group in groups.values():
        seen: set[int] = set()
        prev = None
        for u in group:
            p = u.printed_number
            if p is None:  # an unreadable number: the list goes on from the number it was given
                prev = u.number
                continue
            corrected = p != u.number
            repeated = p in seen and not any(b.printed_number == p and b.printed_number != b.number
                                             for b in group)
            skipped = prev is not None and p > prev + 1 and not corrected
            # on a scan a gap in the numbers is most often a unit whose header OCR lost
            skipped = skipped and (u.provenance is None or u.provenance.box is None)
            if corrected or repeated or skipped:
                title = getattr(u, "title", None) or getattr(u, "description", None) or ""
                out.append(Flag(kind="numbering_error", value=_heading(u, titled=True) or f"{what} {p}: {title}".strip(" :"),
                                provenance=u.provenance,
                                explanation=f"printed {p} where the list order gives {prev + 1 if prev is not None else p}"))
            seen.add(p)
            prev = u.number
    return out


def numbering_errors(r: DocumentRecords) -> list[Flag]:
    """Repeated or skipped numbers of activities within one hito (or commitment), and of hitos
    within one commitment."""
    return (_numbering(r.milestones, lambda m: m.commitment, "Hito")
            + _numbering(r.activities, lambda a: (a.commitment, a.milestone), "Actividad"))


CHECKS = (invalid_dates, weekday_mismatches, inverted_ranges, periods_outside_plan, duplicate_urls,
          duplicate_emails, duplicate_phones, count_mismatches, progress_without_evidence,
          milestone_progress_without_evidence, progress_out_of_range, milestones_without_progress, numbering_errors)


def check(r: DocumentRecords, nlp_model: str | None = None) -> list[Flag]:
    """Every check's flags; `nlp_model` names a spaCy model for the progress statements' morphology."""
    return [flag for fn in CHECKS
            for flag in (fn(r, nlp_model) if fn in (progress_without_evidence, milestone_progress_without_evidence)
                         else fn(r))]
