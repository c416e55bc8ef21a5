"""Shared checks for the word lists that read a text (crisis reasons, grooming signals):
a labelled corpus read from tests/corpora, its precision and recall, and a broken list
that must fail naming the file and the field."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from peersupport.content import ContentError

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
CALM = "calm"


@dataclass(frozen=True)
class Sentence:
    label: str  # what the lists should find in it (a reason, a signal), or "calm"
    language: str
    text: str


def read_corpus(name: str, labels: Collection[str]) -> list[Sentence]:
    """The rows of tests/corpora/NAME: `label | language | text`, each label one of LABELS
    or "calm"; blank lines and lines starting with # are skipped."""
    rows = []
    for number, line in enumerate((CORPORA / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, language, text = (part.strip() for part in line.split("|", 2))
        assert label in (*labels, CALM), f"{name}:{number}: unknown label {label!r}"
        assert language in ("nl", "en"), f"{name}:{number}: unknown language {language!r}"
        rows.append(Sentence(label, language, text))
    return rows


@dataclass(frozen=True)
class Scores:
    true_positives: int
    false_negatives: int
    false_positives: int
    true_negatives: int
    wrong_label: int  # found something, but not what the row is labelled with

    @property
    def precision(self) -> float:
        return self.true_positives / (self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return self.true_positives / (self.true_positives + self.false_negatives)


def score(corpus: list[Sentence], find: Callable[[str], Sequence[str]]) -> Scores:
    """How FIND (a text to the labels it finds) does on CORPUS."""
    tp = fn = fp = tn = wrong = 0
    for row in corpus:
        found = find(row.text)
        if row.label == CALM:
            fp, tn = fp + bool(found), tn + (not found)
        else:
            tp, fn = tp + bool(found), fn + (not found)
            wrong += bool(found) and row.label not in found
    return Scores(tp, fn, fp, tn, wrong)


def assert_broken_dutch_list_fails(
    folder: Path, load: Callable[[Path], object], broken_nl: str, valid_en: str, field: str
) -> None:
    """Writes BROKEN_NL and VALID_EN into FOLDER; loading it must fail naming nl.toml and
    FIELD."""
    (folder / "nl.toml").write_text(broken_nl, encoding="utf-8")
    (folder / "en.toml").write_text(valid_en, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load(folder)
    message = str(raised.value)
    assert str(folder / "nl.toml") in message
    assert field in message


def assert_missing_english_list_fails(
    folder: Path, load: Callable[[Path], object], valid_nl: str, valid_en: str, field: str
) -> None:
    """Writes VALID_NL and VALID_EN without the list FIELD (`section.key`) into FOLDER;
    loading it must fail with `en.toml: FIELD: missing`."""
    key = field.rsplit(".", 1)[-1]
    start = valid_en.index(f"{key} = [")
    end = valid_en.index("]", start) + 1
    (folder / "nl.toml").write_text(valid_nl, encoding="utf-8")
    (folder / "en.toml").write_text(valid_en[:start] + valid_en[end:], encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(f"en.toml: {field}: missing")):
        load(folder)
