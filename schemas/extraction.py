"""Options of the extraction stage, as one pydantic tree (picklable, so the extraction worker
gets a copy; part of the resume key when not the defaults).

Similarities are rapidfuzz ratios (0-100) between a word as read and a word of the vocabulary;
each default was measured on the evaluation corpus (`corpus/`, `tests/evaluation`), so lowering
one trades misread words found for ordinary words taken for vocabulary.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Options(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MatchOptions(_Options):
    """When a word read with a slip is taken for a word of the layout grammar or the lexicon."""

    keyword: float = Field(80, ge=0, le=100, description="a level word opening a line (`Acfivdad` for Actividad)")
    keyword_numbered: float = Field(
        70, ge=0, le=100, description="the same word before a number, or in a numbered header's shape, "
                                      "which backs a weaker likeness")
    keyword_caps_short: float = Field(
        50, ge=0, le=100, description="a four-letter word in capitals before a number (`HlTO 2`)")
    dotted_keyword: float = Field(
        55, ge=0, le=100, description="the word before a dotted number of the depth and under the path of one "
                                      "level's headers (`Acúvidad 4.2.4`), on a scan")
    phrase_first_word: float = Field(
        60, ge=0, le=100, description="the first word of a two-word level name whose other words are exact "
                                      "(`Lìnea de acción 2`)")
    label: float = Field(85, ge=0, le=100, description="a field label (`Medio de yerificación`) or list heading")
    month: float = Field(80, ge=0, le=100, description="a month name standing alone")
    month_beside_year: float = Field(65, ge=0, le=100, description="a month name with its year beside it")
    month_in_period: float = Field(70, ge=0, le=100, description="a month name inside a period (`ene.-mzo 2025`)")
    month_exact: float = Field(
        85, ge=0, le=100, description="a month read from two pieces, or in a table's period cell, where an "
                                      "ordinary word is more likely")
    plan_name: float = Field(85, ge=0, le=100, description="the name of the action plan a text says it is")


class OcrRepairOptions(_Options):
    """When OCR text is repaired, on scanned pages only."""

    url_scheme: float = Field(75, ge=0, le=100, description="a word taken for `http`/`https`")
    url_scheme_before_slash: float = Field(
        55, ge=0, le=100, description="the same right before `:/`, the scheme's place (`ittos:/`)")
    known_domain: float = Field(80, ge=0, le=100, description="a host's last labels taken for a known domain "
                                                              "(15 characters or more)")
    known_domain_short: float = Field(88, ge=0, le=100, description="the same for shorter labels")
    variant_vote: float = Field(
        70, ge=0, le=100, description="readings of one value (a URL, a number) alike enough to vote on each "
                                      "character")
    same_host: float = Field(90, ge=0, le=100, description="two hosts of 10 characters or more read as one")
    low_confidence: float = Field(
        30, ge=0, le=100, description="OCR confidence under which a lone capitalised word is taken for a "
                                      "stamp or a logo, not an acronym")
    name_word_sure: float = Field(
        93, ge=0, le=100, description="OCR confidence from which a word of a person's name is taken as read, "
                                      "even if no known name spells it so")
    bar_height: float = Field(
        0.95, gt=0, description="a lone thin mark (`¡`, `!`, `;`) at least this many times as tall as its line's "
                                "words is a table bar (a bar runs from the descenders to above the capitals)")
    bar_height_alnum: float = Field(
        1.05, gt=0, description="the same for a lone letter or digit (`1`, `l`, `y`), beside another bar")
    bar_thinness: float = Field(
        0.2, gt=0, description="the widest a table bar's box is, as a share of its height")
    address_gap: float = Field(
        0.5, description="a space OCR set inside an address (`mef.gov. py`) where the gap is at most this share "
                         "of its line's usual gap between words is no space")
    flat_word: float = Field(
        0.3, gt=0, description="a word OCR read unsure (`flat_word_confidence`) whose box is at most this share of "
                               "its line's words' height is a rule or a speck, not text")
    flat_word_confidence: float = Field(
        30, ge=0, le=100, description="OCR confidence under which a flat word may be no text")


class OrganizationOptions(_Options):
    name_match: float = Field(
        90, ge=0, le=100, description="an institution's name taken for a spelling the text or a lexicon gives")
    same_name: float = Field(92, ge=0, le=100, description="two names read as one institution")


class ExtractionOptions(_Options):
    match: MatchOptions = Field(default_factory=MatchOptions)
    ocr: OcrRepairOptions = Field(default_factory=OcrRepairOptions)
    organizations: OrganizationOptions = Field(default_factory=OrganizationOptions)
    nlp_model: str | None = Field(
        None, description="installed spaCy model (e.g. es_core_news_sm) whose morphology tells future and "
                          "pending action in progress statements; default: a lexicon")
