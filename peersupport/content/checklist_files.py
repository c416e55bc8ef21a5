"""One checklist file in one language: the checklist's shape (questions, answers,
points, result bands and their help routes, steps) as dataclasses, and the parser that
reads one TOML file into them, refusing unknown fields and texts too long for a phone.
`checklists.py` merges the two languages and loads them all."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peersupport.content import CONTENT_DIR, LocalizedText, _Reader

CHECKLISTS_DIR = CONTENT_DIR / "checklists"
ANSWERS = ("yes", "no", "unsure")

# Ids appear in addresses and in saved results: short, lower-case, no surprises.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
ID_MAX_CHARS = 40
# Texts are read on a phone, one question at a time.
TITLE_MAX_CHARS = 80
SUMMARY_MAX_CHARS = 200
INTRO_MAX_CHARS = 600
ANSWER_MAX_CHARS = 30
QUESTION_MAX_CHARS = 200
HINT_MAX_CHARS = 200
BAND_TEXT_MAX_CHARS = 600
RESULT_TEXT_MAX_CHARS = 600
STEP_TEXT_MAX_CHARS = 600
WEIGHTS = range(1, 4)
POINTS_MAX = 10

_FILE_NAME = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<language>[a-z]+)\.toml")
_FILE_FIELDS = frozenset(
    {"id", "order", "title", "summary", "intro", "answers", "scoring"}
    | {"questions", "bands", "result", "steps"}
)
_QUESTION_FIELDS = frozenset({"id", "text", "hint", "weight"})
_BAND_FIELDS = frozenset({"id", "min_score", "title", "text", "routes"})
_RESULT_FIELDS = frozenset({"combination", "no_signs", "not_your_fault"})
_STEP_FIELDS = frozenset({"title", "text"})


@dataclass(frozen=True)
class Question:
    id: str
    text: LocalizedText
    hint: LocalizedText | None
    weight: int


@dataclass(frozen=True)
class Band:
    """A result range, from `min_score` up to the next band's; never a diagnosis."""

    id: str
    min_score: int
    title: LocalizedText
    text: LocalizedText
    routes: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One step of a "what now" list (the sextortion checklist has one)."""

    title: LocalizedText
    text: LocalizedText


@dataclass(frozen=True)
class Checklist:
    id: str
    order: int
    title: LocalizedText
    summary: LocalizedText
    intro: LocalizedText
    answers: dict[str, LocalizedText]
    scoring: dict[str, int]
    questions: tuple[Question, ...]
    bands: tuple[Band, ...]
    combination: LocalizedText
    no_signs: LocalizedText
    not_your_fault: LocalizedText
    steps: tuple[Step, ...]

    def score(self, answers: Mapping[str, str]) -> int:
        """The points for these answers (question id -> answer). The answers come from
        the browser, so unknown ids and values are ignored; a skipped question counts
        nothing."""
        if not isinstance(answers, Mapping):
            return 0
        total = 0
        for question in self.questions:
            answer = answers.get(question.id)
            if isinstance(answer, str) and answer in ANSWERS:
                total += _points(self.scoring, answer, question.weight)
        return total

    def band_for(self, score: int) -> Band:
        """The highest band whose `min_score` the score reaches."""
        return next(
            (band for band in reversed(self.bands) if band.min_score <= score), self.bands[0]
        )


def _points(scoring: Mapping[str, int], answer: str, weight: int) -> int:
    """A question's weight multiplies the points of a "yes" or "not sure"; a "no"
    counts its own points however heavy the question."""
    return scoring[answer] if answer == "no" else scoring[answer] * weight


def _possible_scores(scoring: Mapping[str, int], questions: tuple[Question, ...]) -> set[int]:
    """Every score some answers give, skipping included (small: tens of values)."""
    scores = {0}
    for question in questions:
        options = {0} | {_points(scoring, answer, question.weight) for answer in ANSWERS}
        scores = {score + option for score in scores for option in options}
    return scores


# Reading one language file


def _refuse_unknown_fields(
    reader: _Reader, table: dict[str, Any], allowed: frozenset[str], where: str
) -> None:
    """A misspelt field would otherwise be skipped without a word."""
    unknown = set(table) - allowed
    if unknown:
        raise reader.fail(where, f"unknown fields {sorted(unknown)}")


def _text(reader: _Reader, table: dict[str, Any], field: str, where: str, limit: int) -> str:
    text = reader.value(table, field, where, str).strip()
    if len(text) > limit:
        raise reader.fail(f"{where}.{field}", f"at most {limit} characters, not {len(text)}")
    return text


def _id(reader: _Reader, table: dict[str, Any], where: str, taken: set[str]) -> str:
    value = reader.value(table, "id", where, str)
    if not ID_PATTERN.fullmatch(value) or len(value) > ID_MAX_CHARS:
        raise reader.fail(
            f"{where}.id",
            f"use up to {ID_MAX_CHARS} lower-case letters, digits and -, not {value!r}",
        )
    if value in taken:
        raise reader.fail(f"{where}.id", f"{value!r} is used twice")
    return value


def _table(reader: _Reader, field: str, allowed: frozenset[str]) -> dict[str, Any]:
    table = reader.value(reader.data, field, "file", dict)
    _refuse_unknown_fields(reader, table, allowed, field)
    return table


def _answers(reader: _Reader, language: str) -> dict[str, LocalizedText]:
    table = _table(reader, "answers", frozenset(ANSWERS))
    return {
        answer: {language: _text(reader, table, answer, "answers", ANSWER_MAX_CHARS)}
        for answer in ANSWERS
    }


def _scoring(reader: _Reader) -> dict[str, int]:
    table = _table(reader, "scoring", frozenset(ANSWERS))
    scoring = {answer: reader.value(table, answer, "scoring", int) for answer in ANSWERS}
    for answer, points in scoring.items():
        if not 0 <= points <= POINTS_MAX:
            raise reader.fail(f"scoring.{answer}", f"must be 0 to {POINTS_MAX}, not {points}")
    # More signs must mean a higher band, or the result texts would lie.
    if not scoring["no"] <= scoring["unsure"] <= scoring["yes"] or scoring["yes"] == 0:
        raise reader.fail("scoring.unsure", "points must rise from no to unsure to yes")
    return scoring


def _question(
    reader: _Reader, table: dict[str, Any], where: str, language: str, taken: set[str]
) -> Question:
    _refuse_unknown_fields(reader, table, _QUESTION_FIELDS, where)
    question_id = _id(reader, table, where, taken)
    hint = _text(reader, table, "hint", where, HINT_MAX_CHARS) if "hint" in table else None
    weight = reader.value(table, "weight", where, int) if "weight" in table else 1
    if weight not in WEIGHTS:
        raise reader.fail(f"{where}.weight", f"must be 1, 2 or 3, not {weight}")
    return Question(
        id=question_id,
        text={language: _text(reader, table, "text", where, QUESTION_MAX_CHARS)},
        hint=None if hint is None else {language: hint},
        weight=weight,
    )


def _questions(reader: _Reader, language: str) -> tuple[Question, ...]:
    questions: list[Question] = []
    for index, table in enumerate(reader.tables("questions")):
        taken = {question.id for question in questions}
        questions.append(_question(reader, table, f"questions[{index}]", language, taken))
    return tuple(questions)


def _routes(
    reader: _Reader, table: dict[str, Any], where: str, route_ids: frozenset[str]
) -> tuple[str, ...]:
    routes = reader.value(table, "routes", where, list)
    if not routes:
        raise reader.fail(f"{where}.routes", "every band needs at least one help route")
    for number, route in enumerate(routes):
        if not isinstance(route, str) or route not in route_ids:
            raise reader.fail(f"{where}.routes[{number}]", f"no help route {route!r}")
    if len(set(routes)) != len(routes):
        raise reader.fail(f"{where}.routes", "a route is named twice")
    return tuple(routes)


def _band(
    reader: _Reader,
    table: dict[str, Any],
    where: str,
    language: str,
    route_ids: frozenset[str],
    earlier: list[Band],
) -> Band:
    _refuse_unknown_fields(reader, table, _BAND_FIELDS, where)
    band_id = _id(reader, table, where, {band.id for band in earlier})
    min_score = reader.value(table, "min_score", where, int)
    if not earlier and min_score != 0:
        raise reader.fail(f"{where}.min_score", f"the first band must start at 0, not {min_score}")
    if earlier and min_score <= earlier[-1].min_score:
        raise reader.fail(
            f"{where}.min_score",
            f"must be above the band before it ({earlier[-1].min_score}), not {min_score}",
        )
    return Band(
        id=band_id,
        min_score=min_score,
        title={language: _text(reader, table, "title", where, TITLE_MAX_CHARS)},
        text={language: _text(reader, table, "text", where, BAND_TEXT_MAX_CHARS)},
        routes=_routes(reader, table, where, route_ids),
    )


def _bands(
    reader: _Reader, language: str, route_ids: frozenset[str], possible: set[int]
) -> tuple[Band, ...]:
    bands: list[Band] = []
    for index, table in enumerate(reader.tables("bands")):
        bands.append(_band(reader, table, f"bands[{index}]", language, route_ids, bands))
    for index, band in enumerate(bands):
        # A band no answers can reach would be a result text nobody ever reads.
        below = bands[index + 1].min_score if index + 1 < len(bands) else max(possible) + 1
        if not any(band.min_score <= score < below for score in possible):
            raise reader.fail(
                f"bands[{index}].min_score",
                f"no answers give a score from {band.min_score} to {below - 1}"
                f" (the highest possible score is {max(possible)})",
            )
    return tuple(bands)


def _steps(reader: _Reader, language: str) -> tuple[Step, ...]:
    if "steps" not in reader.data:
        return ()
    steps = []
    for index, table in enumerate(reader.tables("steps")):
        where = f"steps[{index}]"
        _refuse_unknown_fields(reader, table, _STEP_FIELDS, where)
        steps.append(
            Step(
                title={language: _text(reader, table, "title", where, TITLE_MAX_CHARS)},
                text={language: _text(reader, table, "text", where, STEP_TEXT_MAX_CHARS)},
            )
        )
    return tuple(steps)


def _parse_language_file(path: Path, language: str, route_ids: frozenset[str]) -> Checklist:
    """One language's file as a checklist whose texts hold that language only."""
    reader = _Reader(path)
    _refuse_unknown_fields(reader, reader.data, _FILE_FIELDS, "file")
    checklist_id = _id(reader, reader.data, "file", set())
    if path.name != f"{checklist_id}.{language}.toml":
        raise reader.fail("file.id", f"{checklist_id!r} does not fit the file name {path.name}")
    order = reader.value(reader.data, "order", "file", int)
    if order < 1:
        raise reader.fail("file.order", f"must be 1 or more, not {order}")
    scoring = _scoring(reader)
    questions = _questions(reader, language)
    result = _table(reader, "result", _RESULT_FIELDS)

    def said(table: dict[str, Any], field: str, where: str, limit: int) -> LocalizedText:
        return {language: _text(reader, table, field, where, limit)}

    return Checklist(
        id=checklist_id,
        order=order,
        title=said(reader.data, "title", "file", TITLE_MAX_CHARS),
        summary=said(reader.data, "summary", "file", SUMMARY_MAX_CHARS),
        intro=said(reader.data, "intro", "file", INTRO_MAX_CHARS),
        answers=_answers(reader, language),
        scoring=scoring,
        questions=questions,
        bands=_bands(reader, language, route_ids, _possible_scores(scoring, questions)),
        combination=said(result, "combination", "result", RESULT_TEXT_MAX_CHARS),
        no_signs=said(result, "no_signs", "result", RESULT_TEXT_MAX_CHARS),
        not_your_fault=said(result, "not_your_fault", "result", RESULT_TEXT_MAX_CHARS),
        steps=_steps(reader, language),
    )


# Merging the languages
