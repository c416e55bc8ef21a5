"""The privacy scrubber finds contact details, also disguised ones, and leaves ordinary talk."""

from __future__ import annotations

import itertools
import time

import pytest

from peersupport.services.scrubber import Finding, find_contact_details, remove_contact_details

# (text, expected kinds). An empty set means: a near miss, nothing may be found.
EXAMPLES: list[tuple[str, set[str]]] = [
    # --- phone numbers, plain and disguised
    ("bel me op 0612345678", {"phone"}),
    ("mijn nummer is 06-12345678", {"phone"}),
    ("app me +31 6 12345678", {"phone"}),
    ("0031612345678 is mijn nummer", {"phone"}),
    ("call me on +44 7911 123456", {"phone"}),
    ("06 - 12 34 56 78", {"phone"}),
    ("0 6 1 2 3 4 5 6 7 8", {"phone"}),
    ("06.12.34.56.78 bellen", {"phone"}),
    ("nul zes een twee drie vier vijf zes zeven acht", {"phone"}),
    ("zero six one two three four five six seven eight", {"phone"}),
    ("nul zes 12 34 56 78", {"phone"}),
    ("thuis 020-1234567", {"phone"}),
    # --- e-mail
    ("mail me: jan.de.vries@gmail.com", {"email"}),
    ("naam [at] gmail [dot] com", {"email"}),
    ("naam at gmail dot com", {"email"}),
    ("stuur naar jantje(at)hotmail(punt)nl", {"email"}),
    ("JAN @ outlook.com", {"email"}),
    # --- links
    ("kijk op https://example.com/profiel", {"url"}),
    ("www.mijnsite.nl", {"url"}),
    ("ga naar jantje.nl voor meer", {"url"}),
    ("join discord.gg/abcd", {"url"}),
    ("linktr.ee is fine but mysite.io is mine", {"url"}),
    # --- handles
    ("volg @jantje_2009", {"handle"}),
    ("dm @kevin.nl ", {"handle"}),
    ("@xx_boy please", {"handle"}),
    # --- platform plus handle
    ("snap: jantje09", {"platform"}),
    ("sc: kevin", {"platform"}),
    ("insta = jan.de.v", {"platform"}),
    ("s n a p: jantje", {"platform"}),
    ("i n s t a - kevin_x", {"platform"}),
    ("mijn snap is jantje", {"platform"}),
    ("my insta is kevin", {"platform"}),
    ("telegram jan_2009", {"platform"}),
    ("kik: boy2009", {"platform"}),
    ("add me on snap kevin", {"platform"}),
    ("voeg me toe: jantje", {"platform"}),
    ("stuur me een dm op insta jantje", {"platform"}),
    ("app me jantje_09", {"platform"}),
    ("Snap me: jongen_2009 als je wilt praten", {"platform"}),
    ("ig jan.de.vries", {"platform"}),
    ("whatsapp: jantje", {"platform"}),
    # --- postcodes and addresses
    ("ik woon in 1234 AB", {"postcode"}),
    ("postcode 3511AB", {"postcode"}),
    ("Kerkstraat 12", {"address"}),
    ("ik woon op de kerkstraat 12a", {"address"}),
    ("Amsterdamsestraatweg 101a, 3551 AC Utrecht", {"address", "postcode"}),
    ("Dorpsplein 3", {"address"}),
    # --- near misses
    ("ik ben 16", set()),
    ("in 2023 gebeurde het", set()),
    ("om 10.30 uur", set()),
    ("3 keer", set()),
    ("snap je?", set()),
    ("ik snap het niet", set()),
    ("instagram is stom", set()),
    ("app", set()),
    ("de whatsapp-groep van school", set()),
    ("ik zat @ school", set()),
    ("ik woon in een straat", set()),
    ("112", set()),
    ("bel 113", set()),
    ("bel 0800-0113 als het niet gaat", set()),
    ("0900-1234567 is de hulplijn", set()),
    ("hij gaf me €650", set()),
    ("op 12-03-2024 was het", set()),
    ("van 10.30 - 12.45 op school", set()),
    ("van 2019-2023 zat ik vast", set()),
    ("I was 15 when it started", set()),
    ("he said add me and i did", set()),
    ("snap je wat ik bedoel", set()),
    ("I snap at people sometimes", set()),
    ("we gingen 3 keer per week", set()),
    ("ik reed 80 op de snelweg 3 keer", set()),
    ("he was at home", set()),
    ("mijn insta is privé", set()),
    ("telegram is eng", set()),
    ("kik was een app", set()),
    ("het kost 25 euro per uur", set()),
    ("I met him on tiktok", set()),
    ("hij had 2 telefoons en 3 sims", set()),
    ("ik was 14, hij 32", set()),
    ("check mijn site kevin.com", {"url"}),
]


def _kinds(text: str) -> set[str]:
    return {f.kind for f in find_contact_details(text)}


def test_the_example_table_is_large_and_balanced() -> None:
    hits = sum(1 for _, kinds in EXAMPLES if kinds)
    assert len(EXAMPLES) >= 70
    assert 0.4 <= hits / len(EXAMPLES) <= 0.65


def test_precision_and_recall_over_the_example_table_are_at_least_95_percent() -> None:
    true_pos = false_pos = false_neg = 0
    misses: list[str] = []
    for text, expected in EXAMPLES:
        got = _kinds(text)
        true_pos += len(got & expected)
        false_pos += len(got - expected)
        false_neg += len(expected - got)
        if got != expected:
            misses.append(f"{text!r}: expected {sorted(expected)}, got {sorted(got)}")
    p = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    r = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    print(f"precision {p:.3f} recall {r:.3f}")
    for miss in misses:
        print("  mismatch", miss)
    assert p >= 0.95
    assert r >= 0.95


@pytest.mark.parametrize("text", [t for t, kinds in EXAMPLES if kinds])
def test_finding_spans_index_the_original_text(text: str) -> None:
    findings = find_contact_details(text)
    assert findings
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize("text", [t for t, _ in EXAMPLES])
def test_findings_are_sorted_and_do_not_overlap(text: str) -> None:
    findings = find_contact_details(text)
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


def test_the_longest_of_overlapping_findings_wins() -> None:
    findings = find_contact_details("mail jan@gmail.com nu")
    assert [(f.kind, f.text) for f in findings] == [("email", "jan@gmail.com")]


def test_remove_contact_details_leaves_no_marker_and_a_sentence_that_reads() -> None:
    text = "hoi, snap: jantje09 of bel 06-12345678, groetjes"
    assert remove_contact_details(text) == "hoi, bel, groetjes"


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Hoi, snap me: jongen123 als je wilt praten.", "Hoi, als je wilt praten."),
        (
            "Je kan me bellen op 0612345678 als het niet gaat.",
            "Je kan me bellen op als het niet gaat.",
        ),
        ("Bel me op 0612345678.", "Bel me op."),
        ("Bel me op 0612345678", "Bel me op"),
        ("0612345678 is mijn nummer", "is mijn nummer"),
        ("Mijn nummer: 0612345678, en toen ging ik", "Mijn nummer, en toen ging ik"),
        ("mail jan@gmail.com (of bel 0612345678) maar niet nu", "mail (of bel) maar niet nu"),
        ("Schrijf (0612345678) erbij", "Schrijf erbij"),
        ("eerste regel 0612345678\ntweede regel", "eerste regel\ntweede regel"),
    ],
    ids=[
        "middle",
        "before-words",
        "end-with-full-stop",
        "end",
        "start",
        "label",
        "brackets",
        "only-in-brackets",
        "keeps-lines",
    ],
)
def test_remove_contact_details_tidies_what_is_left(text: str, cleaned: str) -> None:
    assert remove_contact_details(text) == cleaned
    assert "[…]" not in remove_contact_details(text)


def test_a_list_of_details_goes_with_what_only_joined_them() -> None:
    text = "Bel 06-12345678, 06-87654321 of 06-11111111 als het niet gaat."
    assert remove_contact_details(text) == "Bel als het niet gaat."


def test_a_marker_the_author_typed_himself_stays() -> None:
    text = "Hij zei […] en toen niks meer. Bel me: 0612345678"
    assert remove_contact_details(text) == "Hij zei […] en toen niks meer. Bel me"
    assert remove_contact_details("Ik laat het weg […] snap je") == "Ik laat het weg […] snap je"


def test_remove_contact_details_uses_the_given_findings_and_replacement() -> None:
    text = "abc def ghi"
    findings = [Finding("handle", 4, 7, "def")]
    assert remove_contact_details(text, findings, replacement="***") == "abc *** ghi"


def test_remove_contact_details_leaves_text_without_contact_details_alone() -> None:
    text = "ik snap het niet, bel 113 als het niet gaat"
    assert remove_contact_details(text) == text


def test_an_empty_text_has_no_contact_details() -> None:
    assert find_contact_details("") == []
    assert remove_contact_details("") == ""


@pytest.mark.parametrize(
    "text",
    [
        "ik weet het niet meer. " * 4500,
        "1 2 3 4 5 6 7 8 9 0 " * 5000,
        "1234567890" * 10000,
        "@" * 100_000,
        "a." * 50_000,
        "snap: " * 16_000,
        "naam [at] " * 10_000,
        "Kerkstraat " * 9000,
    ],
    ids=["prose", "spaced-digits", "digit-wall", "ats", "dots", "snaps", "ats-words", "streets"],
)
def test_hostile_inputs_of_100_kb_return_quickly_without_crashing(text: str) -> None:
    # The processor time this process spent, not the time on the wall: a backtracking
    # pattern burns seconds of it, while other processes on a busy machine (the tests
    # run in several) only stretch the wall clock.
    started = time.process_time()
    findings = find_contact_details(text)
    remove_contact_details(text, findings)
    assert time.process_time() - started < 5.0
