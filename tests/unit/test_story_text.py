"""Story text: each Markdown construct renders as the one tag it stands for, everything
else stays escaped text, and no hostile input produces a tag, an attribute or a link."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from peersupport.services.story_text import (
    ALLOWED_TAGS,
    plain_text,
    reading_minutes,
    render_story_html,
)

EXPECTED_ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "h2", "h3"}


class _TagCollector(HTMLParser):
    """Every tag, attribute and markup declaration an HTML parser finds in the output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.start_tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.end_tags: list[str] = []
        self.other_markup: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start_tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.other_markup.append(f"self-closing {tag}")

    def handle_endtag(self, tag: str) -> None:
        self.end_tags.append(tag)

    def handle_comment(self, data: str) -> None:
        self.other_markup.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other_markup.append(f"declaration {decl}")

    def handle_pi(self, data: str) -> None:
        self.other_markup.append(f"processing instruction {data}")

    def unknown_decl(self, data: str) -> None:
        self.other_markup.append(f"unknown declaration {data}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(output: str) -> _TagCollector:
    collector = _TagCollector()
    collector.feed(output)
    collector.close()
    return collector


def test_the_allowed_tags_are_exactly_the_ones_the_subset_needs() -> None:
    assert set(ALLOWED_TAGS) == EXPECTED_ALLOWED_TAGS


# Each construct

CONSTRUCTS = {
    "a paragraph": ("Ik was vijftien.", "<p>Ik was vijftien.</p>"),
    "two paragraphs": ("Eerst dit.\n\nDaarna dat.", "<p>Eerst dit.</p><p>Daarna dat.</p>"),
    "several blank lines between paragraphs": ("Een.\n\n\n\nTwee.", "<p>Een.</p><p>Twee.</p>"),
    "a single newline as a line break": ("regel een\nregel twee", "<p>regel een<br>regel twee</p>"),
    "windows line endings": ("een\r\ntwee\r\n\r\ndrie", "<p>een<br>twee</p><p>drie</p>"),
    "old mac line endings": ("een\rtwee", "<p>een<br>twee</p>"),
    "em with stars": ("Het was *niet* mijn schuld.", "<p>Het was <em>niet</em> mijn schuld.</p>"),
    "em with underscores": ("Het was _niet_ zo.", "<p>Het was <em>niet</em> zo.</p>"),
    "strong": ("Je bent **niet** stom.", "<p>Je bent <strong>niet</strong> stom.</p>"),
    "em inside strong": ("**heel *erg* fijn**", "<p><strong>heel <em>erg</em> fijn</strong></p>"),
    "strong inside em": ("*heel **erg** fijn*", "<p><em>heel <strong>erg</strong> fijn</em></p>"),
    "strong around em with three stars": ("***ja***", "<p><strong><em>ja</em></strong></p>"),
    "emphasis over a line break": ("*een\ntwee*", "<p><em>een<br>twee</em></p>"),
    "a dash bullet list": ("- een\n- twee", "<ul><li>een</li><li>twee</li></ul>"),
    "a star bullet list": ("* een\n* twee", "<ul><li>een</li><li>twee</li></ul>"),
    "a numbered list": ("1. eerst\n2. dan", "<ol><li>eerst</li><li>dan</li></ol>"),
    "a list after a paragraph": (
        "Wat hielp:\n- praten\n- slapen",
        "<p>Wat hielp:</p><ul><li>praten</li><li>slapen</li></ul>",
    ),
    "blank lines between list items keep one list": (
        "- een\n\n- twee",
        "<ul><li>een</li><li>twee</li></ul>",
    ),
    "a line under a list item continues it": ("- een\n  verder", "<ul><li>een<br>verder</li></ul>"),
    "a bullet list then a numbered list": (
        "- a\n1. b",
        "<ul><li>a</li></ul><ol><li>b</li></ol>",
    ),
    "a year at the start of a line is no list": (
        "In dat jaar\n2016. Toen begon het.",
        "<p>In dat jaar<br>2016. Toen begon het.</p>",
    ),
    "a blockquote": (
        "> Je bent niet de enige.",
        "<blockquote><p>Je bent niet de enige.</p></blockquote>",
    ),
    "a blockquote of two lines": ("> een\n> twee", "<blockquote><p>een<br>twee</p></blockquote>"),
    "a blockquote without a space": (">dicht", "<blockquote><p>dicht</p></blockquote>"),
    "a list inside a blockquote": (
        "> - een\n> - twee",
        "<blockquote><ul><li>een</li><li>twee</li></ul></blockquote>",
    ),
    "a nested blockquote": (
        "> buiten\n>> binnen",
        "<blockquote><p>buiten</p><blockquote><p>binnen</p></blockquote></blockquote>",
    ),
    "quotes deeper than three stay text": (
        ">>>>diep",
        "<blockquote><blockquote><blockquote><p>&gt;diep</p></blockquote></blockquote>"
        "</blockquote>",
    ),
    "a level-two heading": ("## Wat hielp", "<h2>Wat hielp</h2>"),
    "a level-three heading": ("### Later", "<h3>Later</h3>"),
    "a level-one heading becomes h2": ("# Mijn verhaal", "<h2>Mijn verhaal</h2>"),
    "a level-four heading stays text": ("#### Klein", "<p>#### Klein</p>"),
    "a hash without a space stays text": ("#hashtag", "<p>#hashtag</p>"),
    "a heading interrupts a paragraph": ("tekst\n## Kop", "<p>tekst</p><h2>Kop</h2>"),
    "empty text": ("", ""),
    "only whitespace": ("  \n\n \t ", ""),
}


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_each_construct_renders_as_its_tag(text: str, expected: str) -> None:
    assert render_story_html(text) == expected


NESTED_IN_LISTS = {
    "em in a bullet item": ("- *stil*", "<ul><li><em>stil</em></li></ul>"),
    "underscore em in a bullet item": ("- _stil_ zijn", "<ul><li><em>stil</em> zijn</li></ul>"),
    "strong in a numbered item": ("1. **praten**", "<ol><li><strong>praten</strong></li></ol>"),
    "em and strong in one item": (
        "* een *twee* **drie**",
        "<ul><li>een <em>twee</em> <strong>drie</strong></li></ul>",
    ),
    "em in a quoted list item": (
        "> - *echt*",
        "<blockquote><ul><li><em>echt</em></li></ul></blockquote>",
    ),
    "em in a heading": (
        "## Het was *niet* jouw schuld",
        "<h2>Het was <em>niet</em> jouw schuld</h2>",
    ),
}


@pytest.mark.parametrize(("text", "expected"), NESTED_IN_LISTS.values(), ids=NESTED_IN_LISTS.keys())
def test_emphasis_works_inside_list_items_quotes_and_headings(text: str, expected: str) -> None:
    assert render_story_html(text) == expected


LITERAL_MARKERS = {
    "an unclosed star": ("een *ster", "<p>een *ster</p>"),
    "an unclosed double star": ("een **ster", "<p>een **ster</p>"),
    "an unclosed underscore": ("een _streep", "<p>een _streep</p>"),
    "a star with a space after it": ("3 * 4 = 12", "<p>3 * 4 = 12</p>"),
    "stars with spaces inside": ("een * twee *", "<p>een * twee *</p>"),
    "underscores inside a word": ("snake_case_naam", "<p>snake_case_naam</p>"),
    "an empty pair of stars": ("****", "<p>****</p>"),
    "a double star closing a single one": ("**a*", "<p>*<em>a</em></p>"),
    "emphasis does not cross paragraphs": ("*een\n\ntwee*", "<p>*een</p><p>twee*</p>"),
    "emphasis does not cross list items": (
        "- *een\n- twee*",
        "<ul><li>*een</li><li>twee*</li></ul>",
    ),
    "backticks": ("`code`", "<p>`code`</p>"),
    "a fenced code block": ("```\nx\n```", "<p>```<br>x<br>```</p>"),
    "a horizontal rule": ("---", "<p>---</p>"),
    "a markdown link": ("[hulp](https://example.nl)", "<p>[hulp](https://example.nl)</p>"),
    "an image": ("![foto](plaatje.png)", "<p>![foto](plaatje.png)</p>"),
    "a bare url": ("https://example.nl/pad", "<p>https://example.nl/pad</p>"),
    "backslash escapes are not supported": (r"\*geen em\*", r"<p>\<em>geen em\</em></p>"),
}


@pytest.mark.parametrize(("text", "expected"), LITERAL_MARKERS.values(), ids=LITERAL_MARKERS.keys())
def test_unsupported_or_unbalanced_markers_stay_literal_text(text: str, expected: str) -> None:
    assert render_story_html(text) == expected


def test_every_special_character_is_escaped() -> None:
    assert render_story_html("""a < b > c & "d" 'e'""") == (
        "<p>a &lt; b &gt; c &amp; &quot;d&quot; &#x27;e&#x27;</p>"
    )


def test_a_long_text_of_unclosed_markers_renders_quickly_and_unchanged() -> None:
    text = "*a _b **c " * 2_000

    assert render_story_html(text) == f"<p>{text.strip()}</p>"


# Hostile input

XSS_PAYLOADS = {
    "a script tag": "<script>alert(1)</script>",
    "a script tag in a paragraph": "Hoi\n\n<script>alert(document.cookie)</script>",
    "a script tag in a list item": "- <script>alert(1)</script>",
    "a script tag in a heading": "## <script>alert(1)</script>",
    "a script tag in a quote": "> <script>alert(1)</script>",
    "a script tag inside emphasis": "*<script>alert(1)</script>*",
    "a script tag split by emphasis": "<scr**ipt**>alert(1)</script>",
    "an img onerror": "<img src=x onerror=alert(1)>",
    "an img onerror in quotes": '<img src="x" onerror="alert(1)">',
    "an svg onload": "<svg onload=alert(1)>",
    "an svg with a script inside": "<svg><script>alert(1)</script></svg>",
    "a markdown link to javascript": "[klik hier](javascript:alert(1))",
    "a markdown link to javascript with emphasis": "[**klik**](javascript:alert(1))",
    "a markdown reference link to javascript": "[klik][1]\n\n[1]: javascript:alert(1)",
    "a markdown image with onerror": '![x](y" onerror="alert(1))',
    "a markdown image to javascript": "![x](javascript:alert(1))",
    "breaking out of an attribute": '"><script>alert(1)</script>',
    "breaking out of a single-quoted attribute": "'><script>alert(1)</script>",
    "html entities for a script tag": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "numeric entities for a script tag": "&#60;script&#62;alert(1)&#60;/script&#62;",
    "an anchor with a javascript href": '<a href="javascript:alert(1)">klik</a>',
    "an anchor with an encoded javascript href": '<a href="&#106;avascript:alert(1)">x</a>',
    "a style tag": "<style>body{background:url(javascript:alert(1))}</style>",
    "an inline style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "an iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "an iframe with srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "fullwidth angle brackets": "＜script＞alert(1)＜/script＞",
    "small form angle brackets": "﹤script﹥alert(1)﹤/script﹥",
    "a null byte inside a tag name": "<scr\x00ipt>alert(1)</script>",
    "a null byte before a tag": "\x00<script>alert(1)</script>",
    "an autolink to javascript": "<javascript:alert(1)>",
    "an autolink to a website": "<http://x>",
    "an email autolink": "<iemand@example.nl>",
    "an html comment": "<!-- <script>alert(1)</script> -->",
    "a cdata section": "<![CDATA[<script>alert(1)</script>]]>",
    "a doctype": "<!DOCTYPE html>",
    "a processing instruction": "<?php echo 1; ?>",
    "an object tag": '<object data="javascript:alert(1)"></object>',
    "an embed tag": '<embed src="javascript:alert(1)">',
    "a form with a javascript action": '<form action="javascript:alert(1)"><button>x</button>',
    "a meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "a base tag": '<base href="javascript:alert(1)//">',
    "an allowed tag with an attribute": '<p onclick="alert(1)">x</p>',
    "an allowed tag written out": "<em>zelf</em> <strong>getypt</strong>",
    "a closing tag to break the page": "</p></div></body><script>alert(1)</script>",
    "an unclosed tag": "<img src=x onerror=alert(1)//",
    "a tab inside javascript": "[x](java\tscript:alert(1))",
    "a data url": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "a vbscript link": "[x](vbscript:msgbox(1))",
    "uppercase tags": "<SCRIPT>alert(1)</SCRIPT>",
    "a tag split over lines": "<scr\nipt>alert(1)</scr\nipt>",
    "a right-to-left override": "\u202e<script>alert(1)</script>",
    "zero-width characters in a tag": "<\u200bscript>alert(1)</script>",
    "a template literal": "${alert(1)}{{constructor.constructor('alert(1)')()}}",
}


@pytest.mark.parametrize("payload", XSS_PAYLOADS.values(), ids=XSS_PAYLOADS.keys())
def test_hostile_input_produces_only_allowed_tags_without_attributes(payload: str) -> None:
    parsed = _parsed(render_story_html(payload))

    assert parsed.other_markup == []
    for tag, attributes in parsed.start_tags:
        assert tag in EXPECTED_ALLOWED_TAGS
        assert attributes == []
        assert not any("javascript:" in (value or "").lower() for _, value in attributes)
    assert set(parsed.end_tags) <= EXPECTED_ALLOWED_TAGS


@pytest.mark.parametrize("payload", XSS_PAYLOADS.values(), ids=XSS_PAYLOADS.keys())
def test_hostile_input_leaves_no_angle_bracket_outside_the_allowed_tags(payload: str) -> None:
    allowed = "|".join(EXPECTED_ALLOWED_TAGS)
    without_allowed_tags = re.sub(rf"</?(?:{allowed})>", "", render_story_html(payload))

    assert "<" not in without_allowed_tags
    assert ">" not in without_allowed_tags


def test_a_script_tag_is_shown_as_text() -> None:
    output = render_story_html("<script>alert(1)</script>")

    assert output == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert "".join(_parsed(output).text) == "<script>alert(1)</script>"


def test_an_img_onerror_is_shown_as_text() -> None:
    output = render_story_html("<img src=x onerror=alert(1)>")

    assert "".join(_parsed(output).text) == "<img src=x onerror=alert(1)>"


def test_written_entities_are_shown_as_written_not_decoded() -> None:
    output = render_story_html("&lt;script&gt;")

    assert output == "<p>&amp;lt;script&amp;gt;</p>"
    assert "".join(_parsed(output).text) == "&lt;script&gt;"


def test_a_markdown_link_stays_plain_text_without_an_anchor() -> None:
    output = render_story_html("[klik](javascript:alert(1))")

    assert output == "<p>[klik](javascript:alert(1))</p>"


def test_an_autolink_is_shown_as_text() -> None:
    assert render_story_html("<http://x>") == "<p>&lt;http://x&gt;</p>"


def test_fullwidth_brackets_are_kept_as_harmless_text() -> None:
    assert render_story_html("＜script＞") == "<p>＜script＞</p>"


def test_a_null_byte_becomes_a_replacement_character() -> None:
    assert render_story_html("a\x00b") == "<p>a\ufffdb</p>"


def test_breaking_out_of_an_attribute_is_shown_as_text() -> None:
    assert render_story_html('"><script>') == "<p>&quot;&gt;&lt;script&gt;</p>"


# Plain text and reading time

PLAIN = {
    "emphasis markers go": ("Het was *niet* **echt** _zo_.", "Het was niet echt zo."),
    "heading markers go": ("## Kop\n\nTekst", "Kop\n\nTekst"),
    "list markers go": ("- een\n- twee\n1. drie", "een\ntwee\n\ndrie"),
    "quote markers go": ("> gezegd\n\nna", "gezegd\n\nna"),
    "line breaks stay": ("een\ntwee", "een\ntwee"),
    "unbalanced markers stay": ("een *ster", "een *ster"),
    "special characters are not escaped": ('a < b & "c"', 'a < b & "c"'),
    "written entities stay as written": ("&lt;", "&lt;"),
    "windows line endings are normalised": ("een\r\ntwee", "een\ntwee"),
    "empty text": ("", ""),
}


@pytest.mark.parametrize(("text", "expected"), PLAIN.values(), ids=PLAIN.keys())
def test_plain_text_drops_the_markdown_markers(text: str, expected: str) -> None:
    assert plain_text(text) == expected


def test_plain_text_holds_no_tags() -> None:
    assert "<em>" not in plain_text("*een* **twee**")


READING = {
    "empty text": ("", 1),
    "one word": ("woord", 1),
    "exactly 200 words": ("woord " * 200, 1),
    "201 words": ("woord " * 201, 2),
    "400 words": ("woord " * 400, 2),
    "401 words": ("woord " * 401, 3),
    "markers are not counted as words": ("- *a*\n" * 200 + "> b", 2),
    "list dashes alone are not words": ("- a\n" * 200, 1),
}


@pytest.mark.parametrize(("text", "minutes"), READING.values(), ids=READING.keys())
def test_reading_minutes_are_words_over_200_rounded_up_at_least_one(
    text: str, minutes: int
) -> None:
    assert reading_minutes(text) == minutes
