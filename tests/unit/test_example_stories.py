"""The made-up example stories: the shipped file loads, every story says it is made up and
holds no contact details, and a malformed file is refused naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from peersupport.content import (
    EXAMPLE_STORIES_FILE,
    EXAMPLE_THEMES,
    EXAMPLE_WARNINGS,
    ExampleStory,
    load_example_stories,
)
from peersupport.services.scrubber import find_contact_details
from peersupport.services.story_text import plain_text, render_story_html

from .content_files import refusal_naming_the_file, write_content

FICTIONAL_MARKERS = {
    "nl": "*Dit is een verzonnen voorbeeldverhaal.*",
    "en": "*This is a made-up example story.*",
}


@pytest.fixture(scope="module")
def shipped_stories() -> tuple[ExampleStory, ...]:
    return load_example_stories()


def _titles(stories: tuple[ExampleStory, ...]) -> list[str]:
    return [story.title for story in stories]


# The shipped file


def test_the_shipped_file_holds_six_dutch_and_four_english_stories(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    languages = [story.language for story in shipped_stories]

    assert languages.count("nl") == 6
    assert languages.count("en") == 4
    assert len(shipped_stories) == 10


def test_loading_without_a_path_reads_the_shipped_file(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    assert load_example_stories(EXAMPLE_STORIES_FILE) == shipped_stories


def test_the_shipped_file_is_marked_fictional() -> None:
    text = EXAMPLE_STORIES_FILE.read_text(encoding="utf-8")

    assert "[meta]\nfictional = true\n" in text


def test_every_story_starts_by_saying_it_is_made_up(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    unmarked = [
        story.title
        for story in shipped_stories
        if story.body.splitlines()[0] != FICTIONAL_MARKERS[story.language]
    ]

    assert unmarked == []


def test_the_fictional_marker_renders_as_an_italic_first_paragraph(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    for story in shipped_stories:
        marker = FICTIONAL_MARKERS[story.language].strip("*")

        assert render_story_html(story.body).startswith(f"<p><em>{marker}</em></p>")


def test_no_shipped_story_holds_contact_details(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    flagged = {
        story.title: findings
        for story in shipped_stories
        if (findings := find_contact_details(story.body))
    }

    assert flagged == {}


def test_every_story_is_between_150_and_400_words(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    word_counts = {story.title: len(plain_text(story.body).split()) for story in shipped_stories}

    assert {title: n for title, n in word_counts.items() if not 150 <= n <= 400} == {}


def test_together_the_stories_cover_every_theme(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    covered = {theme for story in shipped_stories for theme in story.themes}

    assert covered == set(EXAMPLE_THEMES)


def test_no_story_opens_with_the_word_victim(
    shipped_stories: tuple[ExampleStory, ...],
) -> None:
    openings = {
        story.title: plain_text(story.body).split("\n\n")[1].split()[0].lower()
        for story in shipped_stories
    }

    assert {title: word for title, word in openings.items() if "slachtoffer" in word} == {}
    assert {title: word for title, word in openings.items() if "victim" in word} == {}


def test_titles_are_unique(shipped_stories: tuple[ExampleStory, ...]) -> None:
    titles = _titles(shipped_stories)

    assert len(titles) == len(set(titles))


def test_the_code_lists_hold_the_agreed_codes() -> None:
    assert set(EXAMPLE_THEMES) == {
        "online_grooming",
        "loverboy",
        "sextortion",
        "coming_out",
        "getting_help",
        "shame",
        "recovery",
    }
    assert set(EXAMPLE_WARNINGS) == {"sexual_abuse", "violence", "self_harm", "blackmail", "drugs"}


# Broken files

VALID_STORIES = """
# A comment
[meta]
fictional = true

[[story]]
language = "nl"
title = "Een titel"
themes = ["shame", "recovery"]
warnings = ["sexual_abuse"]
body = '''
*Dit is een verzonnen voorbeeldverhaal.*

Een verhaal.
'''
"""


def _without_line(document: str, start: str) -> str:
    return "\n".join(line for line in document.splitlines() if not line.startswith(start))


BROKEN_STORIES = {
    "no meta table": (
        _without_line(VALID_STORIES, "[meta]").replace("fictional = true", ""),
        "file.meta",
    ),
    "meta not marked fictional": (
        VALID_STORIES.replace("fictional = true", "fictional = false"),
        "meta.fictional",
    ),
    "meta without fictional": (
        VALID_STORIES.replace("fictional = true", 'note = "examples"'),
        "meta.fictional",
    ),
    "fictional as text": (
        VALID_STORIES.replace("fictional = true", 'fictional = "yes"'),
        "meta.fictional",
    ),
    "no stories": (VALID_STORIES.split("[[story]]")[0], "file.story"),
    "stories that are not tables": (
        'story = ["Een verhaal"]\n' + VALID_STORIES.split("[[story]]")[0],
        "story",
    ),
    "missing language": (_without_line(VALID_STORIES, "language ="), "story[0].language"),
    "unknown language": (
        VALID_STORIES.replace('language = "nl"', 'language = "de"'),
        "story[0].language",
    ),
    "language as a number": (
        VALID_STORIES.replace('language = "nl"', "language = 1"),
        "story[0].language",
    ),
    "missing title": (_without_line(VALID_STORIES, "title ="), "story[0].title"),
    "empty title": (
        VALID_STORIES.replace('title = "Een titel"', 'title = "   "'),
        "story[0].title",
    ),
    "title over 120 characters": (
        VALID_STORIES.replace('title = "Een titel"', f'title = "{"x" * 121}"'),
        "story[0].title",
    ),
    "missing themes": (_without_line(VALID_STORIES, "themes ="), "story[0].themes"),
    "no themes": (
        VALID_STORIES.replace('themes = ["shame", "recovery"]', "themes = []"),
        "story[0].themes",
    ),
    "unknown theme": (
        VALID_STORIES.replace('"recovery"]', '"romance"]'),
        "story[0].themes[1]",
    ),
    "theme as a number": (
        VALID_STORIES.replace('themes = ["shame", "recovery"]', "themes = [3]"),
        "story[0].themes[0]",
    ),
    "themes as text": (
        VALID_STORIES.replace('themes = ["shame", "recovery"]', 'themes = "shame"'),
        "story[0].themes",
    ),
    "the same theme twice": (
        VALID_STORIES.replace('"recovery"]', '"shame"]'),
        "story[0].themes",
    ),
    "missing warnings": (_without_line(VALID_STORIES, "warnings ="), "story[0].warnings"),
    "unknown warning": (
        VALID_STORIES.replace('warnings = ["sexual_abuse"]', 'warnings = ["spiders"]'),
        "story[0].warnings[0]",
    ),
    "a theme given as a warning": (
        VALID_STORIES.replace('warnings = ["sexual_abuse"]', 'warnings = ["shame"]'),
        "story[0].warnings[0]",
    ),
    "missing body": (
        VALID_STORIES.split("body =")[0],
        "story[0].body",
    ),
    "empty body": (
        VALID_STORIES.split("body =")[0] + 'body = "\\n\\n"\n',
        "story[0].body",
    ),
    "body over 20000 characters": (
        VALID_STORIES.split("body =")[0] + f'body = "{"a" * 20_001}"\n',
        "story[0].body",
    ),
    "a misspelt field": (
        VALID_STORIES.replace("warnings =", "warning ="),
        "story[0]",
    ),
}


def _write(tmp_path: Path, text: str | bytes) -> Path:
    return write_content(tmp_path / "stories.toml", text, dedent=True)


def test_the_valid_template_loads_so_each_broken_case_fails_for_its_own_reason(
    tmp_path: Path,
) -> None:
    stories = load_example_stories(_write(tmp_path, VALID_STORIES))

    assert stories == (
        ExampleStory(
            language="nl",
            title="Een titel",
            themes=("shame", "recovery"),
            warnings=("sexual_abuse",),
            body="*Dit is een verzonnen voorbeeldverhaal.*\n\nEen verhaal.",
        ),
    )


def test_a_story_without_warnings_loads(tmp_path: Path) -> None:
    document = VALID_STORIES.replace('warnings = ["sexual_abuse"]', "warnings = []")

    assert load_example_stories(_write(tmp_path, document))[0].warnings == ()


def test_title_and_body_at_their_limits_load(tmp_path: Path) -> None:
    document = (
        VALID_STORIES.split("body =")[0].replace('title = "Een titel"', f'title = "{"x" * 120}"')
        + f'body = "{"a" * 20_000}"\n'
    )

    story = load_example_stories(_write(tmp_path, document))[0]

    assert (len(story.title), len(story.body)) == (120, 20_000)


@pytest.mark.parametrize(("document", "field"), BROKEN_STORIES.values(), ids=BROKEN_STORIES.keys())
def test_a_broken_example_stories_file_is_refused_naming_file_and_field(
    tmp_path: Path, document: str, field: str
) -> None:
    refusal = refusal_naming_the_file(load_example_stories, _write(tmp_path, document))

    assert f": {field}:" in refusal


UNREADABLE = {
    "not TOML": "this is = = not [toml",
    "an unclosed string": "[meta]\nfictional = true\n[[story]]\nbody = '''\nnever closed",
    "not UTF-8": b"\xff\xfe garbage \x81",
}


@pytest.mark.parametrize("document", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_file_is_refused_naming_the_file(
    tmp_path: Path, document: str | bytes
) -> None:
    path = _write(tmp_path, document)
    refusal_naming_the_file(load_example_stories, path, match="cannot be read")


def test_a_missing_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refusal_naming_the_file(load_example_stories, tmp_path / "gone.toml", match="cannot be read")
