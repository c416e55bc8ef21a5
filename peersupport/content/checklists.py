"""The self-assessment checklists, read from one TOML file per checklist per language.

A checklist lets a boy check his own situation without telling anyone: questions
answered yes, no or "not sure", points per answer, result bands that say what the
answers may mean and which help routes fit. Each language has its own file
(``grooming.nl.toml``, ``grooming.en.toml``) so a writer sees one language at a time;
the loader merges the two into one `Checklist` with ``{nl, en}`` texts and refuses any
difference in what is counted (ids, order, points, weights, bands, routes), because a
boy must get the same result in either language. A new checklist is two new files.

A malformed file raises `ContentError` naming the file and the field, so a bad edit
fails the build, not a boy's result page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

from peersupport.content import ContentError, LocalizedText, help_routes
from peersupport.content.checklist_files import (
    _FILE_NAME,
    ANSWERS,
    CHECKLISTS_DIR,
    Band,
    Checklist,
    Question,
    Step,
    _parse_language_file,
)
from peersupport.translations import LANGUAGES

__all__ = [
    "ANSWERS",
    "CHECKLISTS_DIR",
    "Band",
    "Checklist",
    "Question",
    "Step",
    "checklist",
    "checklists",
    "load_checklists",
    "parse_checklist_pair",
]

T = TypeVar("T")


class _Merger:
    """Joins a second language into a checklist, refusing any difference in what counts."""

    def __init__(self, path: Path, partner: Path) -> None:
        self.path = path
        self.partner = partner

    def same(self, field: str, this: object, first: object) -> None:
        """Refuse if this file's value differs from the first language's."""
        if this != first:
            raise ContentError(
                f"{self.path}: {field}: {this!r} differs from {first!r} in {self.partner.name}"
            )

    def paired(
        self, name: str, firsts: tuple[T, ...], others: tuple[T, ...]
    ) -> Iterator[tuple[str, T, T]]:
        """Each item of the list `name` in the first language and in this one, with where it
        stands, once both lists are as long."""
        self.same(f"file.{name}", len(others), len(firsts))
        for index, (first, this) in enumerate(zip(firsts, others, strict=True)):
            yield f"{name}[{index}]", first, this

    def question(self, where: str, first: Question, this: Question) -> Question:
        self.same(f"{where}.id", this.id, first.id)
        self.same(f"{where}.weight", this.weight, first.weight)
        self.same(f"{where}.hint", _given(this.hint), _given(first.hint))
        hint = None if this.hint is None or first.hint is None else first.hint | this.hint
        return Question(this.id, first.text | this.text, hint, this.weight)

    def band(self, where: str, first: Band, this: Band) -> Band:
        self.same(f"{where}.id", this.id, first.id)
        self.same(f"{where}.min_score", this.min_score, first.min_score)
        self.same(f"{where}.routes", this.routes, first.routes)
        title, text = first.title | this.title, first.text | this.text
        return Band(this.id, this.min_score, title, text, this.routes)

    def merge(self, merged: Checklist, other: Checklist) -> Checklist:
        self.same("file.id", other.id, merged.id)
        self.same("file.order", other.order, merged.order)
        for answer in ANSWERS:
            self.same(f"scoring.{answer}", other.scoring[answer], merged.scoring[answer])
        return Checklist(
            id=merged.id,
            order=merged.order,
            title=merged.title | other.title,
            summary=merged.summary | other.summary,
            intro=merged.intro | other.intro,
            answers={answer: merged.answers[answer] | other.answers[answer] for answer in ANSWERS},
            scoring=merged.scoring,
            questions=tuple(
                self.question(*pair)
                for pair in self.paired("questions", merged.questions, other.questions)
            ),
            bands=tuple(
                self.band(*pair) for pair in self.paired("bands", merged.bands, other.bands)
            ),
            combination=merged.combination | other.combination,
            no_signs=merged.no_signs | other.no_signs,
            not_your_fault=merged.not_your_fault | other.not_your_fault,
            steps=tuple(
                Step(first.title | this.title, first.text | this.text)
                for _, first, this in self.paired("steps", merged.steps, other.steps)
            ),
        )


def _given(text: LocalizedText | None) -> str:
    return "missing" if text is None else "given"


def _parse_translations(paths: Mapping[str, Path], route_ids: frozenset[str]) -> Checklist:
    """Every language's file, checked one by one and then against the first (Dutch) one."""
    first_language, *others = LANGUAGES
    merged = _parse_language_file(paths[first_language], first_language, route_ids)
    for language in others:
        other = _parse_language_file(paths[language], language, route_ids)
        merged = _Merger(paths[language], paths[first_language]).merge(merged, other)
    return merged


def parse_checklist_pair(nl_path: Path, en_path: Path, route_ids: frozenset[str]) -> Checklist:
    """Read, check and merge the Dutch and English file of one checklist.

    Raises:
        ContentError: naming the file and the field at fault.
    """
    return _parse_translations({"nl": nl_path, "en": en_path}, route_ids)


# The folder of checklists


def _files_by_checklist(directory: Path) -> dict[str, dict[str, Path]]:
    """The folder's TOML files grouped by checklist id, each with every language."""
    try:
        files = sorted(path for path in directory.iterdir() if path.suffix == ".toml")
    except OSError as error:
        raise ContentError(f"{directory}: cannot be read: {error}") from error
    if not files:
        raise ContentError(f"{directory}: holds no checklist files")
    groups: dict[str, dict[str, Path]] = {}
    for path in files:
        match = _FILE_NAME.fullmatch(path.name)
        if match is None or match["language"] not in LANGUAGES:
            names = " or ".join(f"<id>.{language}.toml" for language in LANGUAGES)
            raise ContentError(f"{path}: file name: must be {names}")
        groups.setdefault(match["id"], {})[match["language"]] = path
    for checklist_id, paths in groups.items():
        for language in LANGUAGES:
            if language not in paths:
                present = next(iter(paths.values()))
                raise ContentError(
                    f"{present}: file name: has no partner {checklist_id}.{language}.toml"
                )
    return groups


def load_checklists(
    directory: Path | None = None, route_ids: frozenset[str] | None = None
) -> tuple[Checklist, ...]:
    """Every checklist in the folder, in their `order`; route ids default to the help
    routes file's.

    Raises:
        ContentError: naming the file and the field at fault.
    """
    folder = CHECKLISTS_DIR if directory is None else directory
    known = frozenset(r.id for r in help_routes().routes) if route_ids is None else route_ids
    loaded: dict[int, Checklist] = {}
    for paths in _files_by_checklist(folder).values():
        checklist = _parse_translations(paths, known)
        if checklist.order in loaded:
            raise ContentError(
                f"{paths[LANGUAGES[0]]}: file.order: {checklist.order} is also the order"
                f" of {loaded[checklist.order].id!r}"
            )
        loaded[checklist.order] = checklist
    return tuple(loaded[order] for order in sorted(loaded))


@cache
def checklists() -> tuple[Checklist, ...]:
    """The shipped checklists, read once per process."""
    return load_checklists()


def checklist(id: object) -> Checklist | None:
    """The checklist with this id; None for an unknown id or anything not a string, so
    an id straight from the browser can be passed in as it came."""
    if not isinstance(id, str):
        return None
    return next((item for item in checklists() if item.id == id), None)
