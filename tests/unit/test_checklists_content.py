"""The checklist content files: the three shipped checklists load in order, every result
band can be reached, answers are scored as the files say (hostile answers count nothing),
and a malformed file is refused with a ContentError naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from peersupport.content import ContentError, help_routes
from peersupport.content.checklists import (
    ANSWERS,
    CHECKLISTS_DIR,
    Checklist,
    checklist,
    checklists,
    load_checklists,
    parse_checklist_pair,
)

ROUTE_IDS = frozenset({"fier", "helpwanted", "112"})

VALID_NL = """\
id = "demo"
order = 1
title = "Is dit een test?"
summary = "Een korte lijst."
intro = "Dit duurt 2 minuten."

[answers]
yes = "Ja"
no = "Nee"
unsure = "Weet ik niet"

[scoring]
yes = 2
unsure = 1
no = 0

[[questions]]
id = "first"
text = "Eerste vraag?"
hint = "Een uitleg."

[[questions]]
id = "second"
text = "Tweede vraag?"
weight = 2

[[questions]]
id = "third"
text = "Derde vraag?"
weight = 1

[[bands]]
id = "few"
min_score = 0
title = "Weinig"
text = "Je herkent weinig."
routes = ["fier"]

[[bands]]
id = "some"
min_score = 2
title = "Een paar"
text = "Je herkent een paar dingen."
routes = ["fier", "helpwanted"]

[[bands]]
id = "many"
min_score = 6
title = "Veel"
text = "Je herkent veel."
routes = ["helpwanted", "112"]

[result]
combination = "Het gaat om de combinatie."
no_signs = "Geen tekens is niet veilig."
not_your_fault = "Het is niet jouw schuld."

[[steps]]
title = "Betaal niet"
text = "Betaal niets."

[[steps]]
title = "Bewaar bewijs"
text = "Maak screenshots."
"""

VALID_EN = (
    VALID_NL.replace('"Is dit een test?"', '"Is this a test?"')
    .replace('"Een korte lijst."', '"A short list."')
    .replace('"Dit duurt 2 minuten."', '"This takes 2 minutes."')
    .replace('"Ja"', '"Yes"')
    .replace('"Nee"', '"No"')
    .replace('"Weet ik niet"', '"Not sure"')
    .replace('"Eerste vraag?"', '"First question?"')
    .replace('"Een uitleg."', '"An explanation."')
    .replace('"Tweede vraag?"', '"Second question?"')
    .replace('"Derde vraag?"', '"Third question?"')
    .replace('"Weinig"', '"Few"')
    .replace('"Je herkent weinig."', '"You recognise little."')
    .replace('"Een paar"', '"A few"')
    .replace('"Je herkent een paar dingen."', '"You recognise a few things."')
    .replace('"Veel"', '"Many"')
    .replace('"Je herkent veel."', '"You recognise a lot."')
    .replace('"Het gaat om de combinatie."', '"It is the combination."')
    .replace('"Geen tekens is niet veilig."', '"No signs is not safe."')
    .replace('"Het is niet jouw schuld."', '"It is not your fault."')
    .replace('"Betaal niet"', '"Don’t pay"')
    .replace('"Betaal niets."', '"Pay nothing."')
    .replace('"Bewaar bewijs"', '"Keep evidence"')
    .replace('"Maak screenshots."', '"Take screenshots."')
)

Changes = tuple[tuple[str, str], ...]


def _changed(document: str, changes: Changes) -> str:
    """The document with each change made once; fails loudly if a template no longer
    holds the text a case changes."""
    for old, new in changes:
        assert document.count(old) == 1, old
        document = document.replace(old, new)
    return document


def _write_pair(
    tmp_path: Path, nl_changes: Changes = (), en_changes: Changes = (), name: str = "demo"
) -> tuple[Path, Path]:
    """The two template files, changed, as `<name>.nl.toml` and `<name>.en.toml`."""
    nl_path, en_path = tmp_path / f"{name}.nl.toml", tmp_path / f"{name}.en.toml"
    named = (('id = "demo"', f'id = "{name}"'),) if name != "demo" else ()
    nl_path.write_text(_changed(_changed(VALID_NL, nl_changes), named), encoding="utf-8")
    en_path.write_text(_changed(_changed(VALID_EN, en_changes), named), encoding="utf-8")
    return nl_path, en_path


def _demo(tmp_path: Path, changes: Changes = ()) -> Checklist:
    """The template checklist, with the same changes made in both languages."""
    return parse_checklist_pair(*_write_pair(tmp_path, changes, changes), ROUTE_IDS)


# Each case: changes to the Dutch file, changes to the English file, the file the error
# must name ("nl" or "en") and the field it must name.
BROKEN: dict[str, tuple[Changes, Changes, str, str]] = {
    # Fields the loader does not know, or misses
    "a misspelt top-level field": ((), (("order = 1", 'order = 1\ntitel = "x"'),), "en", "file"),
    "a misspelt question field": (
        (('hint = "Een uitleg."', 'hnt = "Een uitleg."'),),
        (),
        "nl",
        "questions[0]",
    ),
    "a misspelt band field": ((('routes = ["fier"]', 'route = ["fier"]'),), (), "nl", "bands[0]"),
    "an unknown answer": (
        (('unsure = "Weet ik niet"', 'unsure = "Weet ik niet"\nmaybe = "Misschien"'),),
        (),
        "nl",
        "answers",
    ),
    "a misspelt result field": ((), (("no_signs = ", "no_sign = "),), "en", "result"),
    "a misspelt step field": (
        (),
        (('text = "Take screenshots."', 'txt = "Take screenshots."'),),
        "en",
        "steps[1]",
    ),
    "no title": ((('title = "Is dit een test?"\n', ""),), (), "nl", "file.title"),
    "a question without text": (
        (),
        (('text = "Second question?"\n', ""),),
        "en",
        "questions[1].text",
    ),
    "no answer label for not sure": (
        (('unsure = "Weet ik niet"\n', ""),),
        (),
        "nl",
        "answers.unsure",
    ),
    "no text for when nothing is recognised": (
        (('no_signs = "Geen tekens is niet veilig."\n', ""),),
        (),
        "nl",
        "result.no_signs",
    ),
    "answers as text": (
        (('[answers]\nyes = "Ja"\nno = "Nee"\nunsure = "Weet ik niet"', 'answers = "Ja"'),),
        (),
        "nl",
        "file.answers",
    ),
    # Texts
    "a question of only spaces": ((('"Derde vraag?"', '"   "'),), (), "nl", "questions[2].text"),
    "an empty band title": ((), (('"A few"', '""'),), "en", "bands[1].title"),
    "a title over 80 characters": (
        (),
        (('"Is this a test?"', f'"{"t" * 81}"'),),
        "en",
        "file.title",
    ),
    "a question over 200 characters": (
        (('"Eerste vraag?"', f'"{"v" * 201}"'),),
        (),
        "nl",
        "questions[0].text",
    ),
    "a hint over 200 characters": (
        (),
        (('"An explanation."', f'"{"h" * 201}"'),),
        "en",
        "questions[0].hint",
    ),
    "a band text over 600 characters": (
        (('"Je herkent veel."', f'"{"b" * 601}"'),),
        (),
        "nl",
        "bands[2].text",
    ),
    # Ids
    "a question id with capitals and a space": (
        (('id = "first"', 'id = "First one"'),),
        (),
        "nl",
        "questions[0].id",
    ),
    "the same question id twice": (
        (),
        (('id = "third"', 'id = "first"'),),
        "en",
        "questions[2].id",
    ),
    "a checklist id that does not fit the file name": (
        (('id = "demo"', 'id = "other"'),),
        (),
        "nl",
        "file.id",
    ),
    # Weights and points
    "a weight of 0": (
        (("weight = 2", "weight = 0"),),
        (("weight = 2", "weight = 0"),),
        "nl",
        "questions[1].weight",
    ),
    "a weight of 4": ((), (("weight = 1", "weight = 4"),), "en", "questions[2].weight"),
    "a weight as text": ((("weight = 2", 'weight = "2"'),), (), "nl", "questions[1].weight"),
    "a weight of true": ((("weight = 1", "weight = true"),), (), "nl", "questions[2].weight"),
    "negative points": ((("no = 0", "no = -1"),), (), "nl", "scoring.no"),
    "not sure counting more than yes": (
        (("unsure = 1", "unsure = 3"),),
        (),
        "nl",
        "scoring.unsure",
    ),
    "an order of 0": (
        (("order = 1", "order = 0"),),
        (("order = 1", "order = 0"),),
        "nl",
        "file.order",
    ),
    # Bands
    "a first band that does not start at 0": (
        (("min_score = 0", "min_score = 1"),),
        (),
        "nl",
        "bands[0].min_score",
    ),
    "bands not ascending": ((("min_score = 6", "min_score = 2"),), (), "nl", "bands[2].min_score"),
    "a band above the highest possible score": (
        (("min_score = 6", "min_score = 9"),),
        (("min_score = 6", "min_score = 9"),),
        "nl",
        "bands[2].min_score",
    ),
    "a band only scores between the possible ones would reach": (
        (
            ("unsure = 1", "unsure = 0"),
            ("min_score = 2", "min_score = 3"),
            ("min_score = 6", "min_score = 4"),
        ),
        (),
        "nl",
        "bands[1].min_score",
    ),
    "an unknown route": (
        (),
        (('routes = ["fier", "helpwanted"]', 'routes = ["fier", "veilig-thuis"]'),),
        "en",
        "bands[1].routes[1]",
    ),
    "a band without routes": ((('routes = ["fier"]', "routes = []"),), (), "nl", "bands[0].routes"),
    "a route named twice": (
        (('routes = ["fier"]', 'routes = ["fier", "fier"]'),),
        (),
        "nl",
        "bands[0].routes",
    ),
    # Differences between the languages
    "another order in English": ((), (("order = 1", "order = 2"),), "en", "file.order"),
    "other points in English": ((), (("yes = 2", "yes = 3"),), "en", "scoring.yes"),
    "another weight in English": ((), (("weight = 2", "weight = 1"),), "en", "questions[1].weight"),
    "questions in another order in English": (
        (),
        (
            ('id = "first"', 'id = "swap"'),
            ('id = "second"', 'id = "first"'),
            ('id = "swap"', 'id = "second"'),
        ),
        "en",
        "questions[0].id",
    ),
    "a question fewer in English": (
        (),
        (('[[questions]]\nid = "third"\ntext = "Third question?"\nweight = 1\n', ""),),
        "en",
        "file.questions",
    ),
    "a hint in Dutch only": ((), (('hint = "An explanation."\n', ""),), "en", "questions[0].hint"),
    "another band start in English": (
        (),
        (("min_score = 2", "min_score = 3"),),
        "en",
        "bands[1].min_score",
    ),
    "other routes in English": (
        (),
        (('routes = ["fier"]', 'routes = ["helpwanted"]'),),
        "en",
        "bands[0].routes",
    ),
    "a step fewer in English": (
        (),
        (('[[steps]]\ntitle = "Keep evidence"\ntext = "Take screenshots."\n', ""),),
        "en",
        "file.steps",
    ),
}


# The shipped checklists


def test_the_three_checklists_load_in_their_order() -> None:
    loaded = load_checklists()

    assert [item.id for item in loaded] == ["uitbuiting", "grooming", "sextortion"]
    assert [item.order for item in loaded] == [1, 2, 3]
    assert [item.title["nl"] for item in loaded] == [
        "Zit ik in een uitbuitingssituatie?",
        "Is dit grooming?",
        "Sextortion: wat nu?",
    ]


def test_each_checklist_asks_one_question_per_draft_item() -> None:
    counts = {item.id: len(item.questions) for item in load_checklists()}

    assert counts == {"uitbuiting": 13, "grooming": 12, "sextortion": 7}


def test_only_sextortion_has_the_steps_of_what_to_do_now() -> None:
    steps = {item.id: item.steps for item in load_checklists()}

    assert steps["uitbuiting"] == steps["grooming"] == ()
    titles = [step.title["nl"] for step in steps["sextortion"]]
    assert titles[0] == "Betaal niet en geef niet toe"
    assert titles[1] == "Bewaar eerst bewijs"
    assert "blokkeer" in titles[2]
    assert "113" in steps["sextortion"][-1].text["nl"]


def test_checklists_are_the_shipped_files_read_once() -> None:
    assert checklists() == load_checklists(CHECKLISTS_DIR)
    assert checklists() is checklists()


def test_every_band_names_existing_help_routes() -> None:
    route_ids = {route.id for route in help_routes().routes}

    for item in checklists():
        for band in item.bands:
            assert band.routes, (item.id, band.id)
            assert set(band.routes) <= route_ids, (item.id, band.id)


@pytest.mark.parametrize(
    ("route", "nl_words", "en_words"),
    [
        ("112", "Bel 112", "Call 112"),
        ("113", "113", "113"),
        ("csg", "7 dagen", "7 days"),
        ("meld-misdaad-anoniem", "Meld Misdaad Anoniem", "Meld Misdaad Anoniem"),
    ],
)
def test_a_band_shows_a_route_exactly_when_its_text_speaks_of_it(
    route: str, nl_words: str, en_words: str
) -> None:
    for item in checklists():
        for band in item.bands:
            assert (route in band.routes) == (nl_words in band.text["nl"]), (item.id, band.id)
            assert (route in band.routes) == (en_words in band.text["en"]), (item.id, band.id)


def test_every_sextortion_band_shows_helpwanted() -> None:
    sextortion = checklist("sextortion")

    assert sextortion is not None
    assert all("helpwanted" in band.routes for band in sextortion.bands)


def test_every_result_says_it_is_not_his_fault_and_no_signs_is_not_safe() -> None:
    for item in checklists():
        assert "niet jouw schuld" in item.not_your_fault["nl"]
        assert "not your fault" in item.not_your_fault["en"]
        assert "niet stom geweest" in item.not_your_fault["nl"]
        assert "niet dat je veilig bent" in item.no_signs["nl"]
        assert "combinatie" in item.combination["nl"]


def test_every_intro_says_how_long_that_nothing_is_kept_and_how_to_leave() -> None:
    for item in checklists():
        for words in ("2 minuten", "overslaan", "bewaren je antwoorden niet", "Snel weg"):
            assert words in item.intro["nl"], (item.id, words)
        for words in ("2 minutes", "skip", "don’t keep your answers", "Quick exit"):
            assert words in item.intro["en"], (item.id, words)


def test_no_text_leads_with_victim_or_calls_abuse_a_relationship() -> None:
    for item in checklists():
        texts = [item.title, item.summary, item.intro, item.combination, item.no_signs]
        texts += [item.not_your_fault, *item.answers.values()]
        texts += [question.text for question in item.questions]
        texts += [question.hint for question in item.questions if question.hint]
        texts += [text for band in item.bands for text in (band.title, band.text)]
        texts += [text for step in item.steps for text in (step.title, step.text)]
        for text in texts:
            assert set(text) == {"nl", "en"}
            for word in ("slachtoffer", "relatie", "prostitu"):
                assert word not in text["nl"].lower()
            for word in ("victim", "relationship", "prostitu"):
                assert word not in text["en"].lower()


def _answers_for_every_score(item: Checklist) -> dict[int, dict[str, str]]:
    """For each score some answers give, one set of answers that gives it."""
    examples: dict[int, dict[str, str]] = {0: {}}
    for question in item.questions:
        grown = dict(examples)
        for score, answers in examples.items():
            for answer in ANSWERS:
                points = item.score({question.id: answer})
                grown.setdefault(score + points, {**answers, question.id: answer})
        examples = grown
    return examples


@pytest.mark.parametrize("checklist_id", ["uitbuiting", "grooming", "sextortion"])
def test_every_band_is_reached_by_some_answers(checklist_id: str) -> None:
    item = checklist(checklist_id)
    assert item is not None

    reached = set()
    for score, answers in _answers_for_every_score(item).items():
        assert item.score(answers) == score
        reached.add(item.band_for(score).id)

    assert reached == {band.id for band in item.bands}


@pytest.mark.parametrize("checklist_id", ["uitbuiting", "grooming", "sextortion"])
def test_all_no_gives_the_first_band_and_all_yes_the_last(checklist_id: str) -> None:
    item = checklist(checklist_id)
    assert item is not None

    all_no = {question.id: "no" for question in item.questions}
    all_yes = {question.id: "yes" for question in item.questions}

    assert item.band_for(item.score(all_no)) == item.bands[0]
    assert item.band_for(item.score(all_yes)) == item.bands[-1]
    assert item.band_for(item.score({})) == item.bands[0]


def test_a_checklist_is_found_by_its_id() -> None:
    grooming = checklist("grooming")

    assert grooming is not None
    assert grooming.title == {"nl": "Is dit grooming?", "en": "Is this grooming?"}


@pytest.mark.parametrize(
    "checklist_id",
    ["", "Grooming", " grooming", "grooming.nl", "onbekend", None, 2, ["grooming"], {"id": "x"}],
)
def test_an_unknown_or_odd_id_finds_no_checklist(checklist_id: object) -> None:
    assert checklist(checklist_id) is None


# Scoring


def test_the_template_merges_both_languages_into_one_checklist(tmp_path: Path) -> None:
    item = _demo(tmp_path)

    assert item.id == "demo"
    assert item.title == {"nl": "Is dit een test?", "en": "Is this a test?"}
    assert item.answers == {
        "yes": {"nl": "Ja", "en": "Yes"},
        "no": {"nl": "Nee", "en": "No"},
        "unsure": {"nl": "Weet ik niet", "en": "Not sure"},
    }
    assert item.scoring == {"yes": 2, "no": 0, "unsure": 1}
    assert [question.id for question in item.questions] == ["first", "second", "third"]
    assert item.questions[0].hint == {"nl": "Een uitleg.", "en": "An explanation."}
    assert item.questions[1].hint is None
    assert [question.weight for question in item.questions] == [1, 2, 1]
    assert [(band.id, band.min_score) for band in item.bands] == [
        ("few", 0),
        ("some", 2),
        ("many", 6),
    ]
    assert item.bands[2].routes == ("helpwanted", "112")
    assert item.bands[1].text == {
        "nl": "Je herkent een paar dingen.",
        "en": "You recognise a few things.",
    }
    assert item.not_your_fault == {"nl": "Het is niet jouw schuld.", "en": "It is not your fault."}
    assert item.steps[1].text == {"nl": "Maak screenshots.", "en": "Take screenshots."}


@pytest.mark.parametrize(
    ("answers", "score", "band"),
    [
        ({}, 0, "few"),
        ({"first": "no", "second": "no", "third": "no"}, 0, "few"),
        ({"first": "yes"}, 2, "some"),
        ({"first": "unsure"}, 1, "few"),
        ({"second": "unsure"}, 2, "some"),  # weight 2 doubles "not sure" too
        ({"second": "yes"}, 4, "some"),
        ({"first": "yes", "second": "yes"}, 6, "many"),
        ({"first": "yes", "second": "yes", "third": "yes"}, 8, "many"),
        ({"first": "unsure", "second": "unsure", "third": "unsure"}, 4, "some"),
    ],
)
def test_answers_score_as_the_file_says(
    tmp_path: Path, answers: dict[str, str], score: int, band: str
) -> None:
    item = _demo(tmp_path)

    assert item.score(answers) == score
    assert item.band_for(score).id == band


@pytest.mark.parametrize(
    "answers",
    [
        {"first": "YES"},
        {"first": "ja"},
        {"first": " yes"},
        {"first": 2},
        {"first": True},
        {"first": None},
        {"first": ["yes"]},
        {"first": {"yes": 1}},
        {"unknown": "yes", "FIRST": "yes", "first ": "yes"},
        {3: "yes", None: "yes"},
        ["first", "yes"],
        "first=yes",
        None,
        42,
    ],
)
def test_hostile_answers_count_nothing(tmp_path: Path, answers: object) -> None:
    item = _demo(tmp_path)

    assert item.score(answers) == 0  # type: ignore[arg-type]


def test_hostile_answers_do_not_hide_the_real_ones(tmp_path: Path) -> None:
    item = _demo(tmp_path)

    assert item.score({"first": "yes", "second": "maybe", "extra": "yes"}) == 2


def test_weight_multiplies_yes_and_not_sure_but_not_no(tmp_path: Path) -> None:
    item = _demo(
        tmp_path, (("yes = 2", "yes = 3"), ("unsure = 1", "unsure = 2"), ("no = 0", "no = 1"))
    )

    assert item.score({"second": "yes"}) == 6
    assert item.score({"second": "unsure"}) == 4
    assert item.score({"second": "no"}) == 1
    assert item.score({"first": "no", "second": "no", "third": "no"}) == 3


@pytest.mark.parametrize(
    ("score", "band"), [(-5, "few"), (0, "few"), (1, "few"), (2, "some"), (5, "some"), (6, "many")]
)
def test_band_for_gives_the_highest_band_the_score_reaches(
    tmp_path: Path, score: int, band: str
) -> None:
    assert _demo(tmp_path).band_for(score).id == band


def test_texts_at_their_limits_load_and_are_stripped(tmp_path: Path) -> None:
    changes = (
        ('"Is dit een test?"', f'"{"t" * 80}"'),
        ('"Eerste vraag?"', f'"  {"v" * 200}\\n"'),
        ('"Een uitleg."', f'"{"h" * 200}"'),
        ('"Je herkent veel."', f'"{"b" * 600}"'),
    )

    item = parse_checklist_pair(*_write_pair(tmp_path, changes), ROUTE_IDS)

    assert len(item.title["nl"]) == 80
    assert item.questions[0].text["nl"] == "v" * 200
    assert len(item.questions[0].hint["nl"] if item.questions[0].hint else "") == 200
    assert len(item.bands[2].text["nl"]) == 600


def test_a_checklist_without_steps_has_none(tmp_path: Path) -> None:
    nl_steps = VALID_NL[VALID_NL.index("[[steps]]") :]
    en_steps = VALID_EN[VALID_EN.index("[[steps]]") :]

    item = parse_checklist_pair(
        *_write_pair(tmp_path, ((nl_steps, ""),), ((en_steps, ""),)), ROUTE_IDS
    )

    assert item.steps == ()


# Malformed files


@pytest.mark.parametrize(
    ("nl_changes", "en_changes", "blamed", "field"), BROKEN.values(), ids=BROKEN.keys()
)
def test_a_broken_checklist_is_refused_naming_file_and_field(
    tmp_path: Path, nl_changes: Changes, en_changes: Changes, blamed: str, field: str
) -> None:
    nl_path, en_path = _write_pair(tmp_path, nl_changes, en_changes)

    with pytest.raises(ContentError) as refusal:
        parse_checklist_pair(nl_path, en_path, ROUTE_IDS)

    assert str(nl_path if blamed == "nl" else en_path) in str(refusal.value)
    assert f": {field}:" in str(refusal.value)


def test_a_pair_of_two_different_checklists_is_refused(tmp_path: Path) -> None:
    nl_path, _ = _write_pair(tmp_path)
    _, other_en = _write_pair(tmp_path, name="other")

    with pytest.raises(
        ContentError, match=r"other\.en\.toml: file\.id: 'other' differs from 'demo'"
    ):
        parse_checklist_pair(nl_path, other_en, ROUTE_IDS)


def test_an_unreadable_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    nl_path, en_path = _write_pair(tmp_path)
    en_path.write_text("id = = not [toml", encoding="utf-8")

    with pytest.raises(ContentError, match="cannot be read") as refusal:
        parse_checklist_pair(nl_path, en_path, ROUTE_IDS)

    assert str(en_path) in str(refusal.value)


# The folder


def test_the_folder_is_loaded_in_order_not_by_name(tmp_path: Path) -> None:
    second = (("order = 1", "order = 2"),)
    _write_pair(tmp_path, second, second, name="aaa")
    _write_pair(tmp_path, name="zzz")
    (tmp_path / "README.md").write_text("Not a checklist.", encoding="utf-8")

    loaded = load_checklists(tmp_path, ROUTE_IDS)

    assert [item.id for item in loaded] == ["zzz", "aaa"]


def test_two_checklists_with_the_same_order_are_refused(tmp_path: Path) -> None:
    _write_pair(tmp_path, name="aaa")
    _write_pair(tmp_path, name="zzz")

    with pytest.raises(
        ContentError, match=r"zzz\.nl\.toml: file\.order: 1 is also the order of 'aaa'"
    ):
        load_checklists(tmp_path, ROUTE_IDS)


@pytest.mark.parametrize("missing", ["nl", "en"])
def test_a_language_file_without_its_partner_is_refused(tmp_path: Path, missing: str) -> None:
    _write_pair(tmp_path)
    (tmp_path / f"demo.{missing}.toml").unlink()
    present = "en" if missing == "nl" else "nl"

    with pytest.raises(ContentError) as refusal:
        load_checklists(tmp_path, ROUTE_IDS)

    assert f"demo.{present}.toml: file name: has no partner demo.{missing}.toml" in str(
        refusal.value
    )


@pytest.mark.parametrize("name", ["demo.toml", "demo.de.toml", "Demo.nl.toml", "demo.nl.en.toml"])
def test_a_file_named_otherwise_is_refused(tmp_path: Path, name: str) -> None:
    _write_pair(tmp_path)
    (tmp_path / name).write_text(VALID_NL, encoding="utf-8")

    with pytest.raises(ContentError) as refusal:
        load_checklists(tmp_path, ROUTE_IDS)

    assert f"{tmp_path / name}: file name:" in str(refusal.value)


def test_an_empty_or_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="holds no checklist files"):
        load_checklists(tmp_path, ROUTE_IDS)
    with pytest.raises(ContentError, match="cannot be read"):
        load_checklists(tmp_path / "gone", ROUTE_IDS)


def test_route_ids_default_to_the_help_routes_file(tmp_path: Path) -> None:
    comensha = (('routes = ["fier"]', 'routes = ["comensha"]'),)
    _write_pair(tmp_path, comensha, comensha)

    assert load_checklists(tmp_path)[0].bands[0].routes == ("comensha",)
    with pytest.raises(ContentError, match=r"bands\[0\]\.routes\[0\]"):
        load_checklists(tmp_path, ROUTE_IDS)
