"""Self-assessment checklists: one page per checklist (/zelftest/<order>: a number,
never a topic word), built from the content files in peersupport/content/checklists/.
The list of them (/zelftest) is a page from the server (peersupport/http/info_pages.py).

The whole checklist is in the page: an intro, one screen per question, and one result
screen per band. assets/checklist.js shows one screen at a time and works out the band
in the browser; the answers never reach the server (no state var, no event carries
them). Only a signed-in member's own "save the result" sends a note sealed in the
browser, holding the result text, not the answers.
"""

from __future__ import annotations

import json

import reflex as rx

from peersupport.components.first_aid_link import first_aid_link
from peersupport.components.help_route import help_route_card
from peersupport.components.save_note import SaveTexts, save_note_section
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import language_pair, t
from peersupport.content import help_routes
from peersupport.content.checklists import ANSWERS, Checklist, Question
from peersupport.layouts.page_frame import page_frame
from peersupport.state.checklists import ChecklistState

ROUTE = "/zelftest"

ANSWER_ORDER = ("yes", "no", "unsure")
# Saving the result (not the answers) as an encrypted note; members only.
CHECKLIST_SAVE_TEXTS = SaveTexts(
    text="checklists.save.text",
    button="checklists.save.button",
    members="checklists.save.members",
    sign_in_first="checklists.error.sign_in_first",
    note_empty="checklists.error.note_empty",
)


def checklist_route(checklist: Checklist) -> str:
    """/zelftest/<order>: a number, because the address is what the browser's history
    list shows, and a checklist's id names its topic ("uitbuiting")."""
    return f"{ROUTE}/{checklist.order}"


def rules_json(checklist: Checklist) -> str:
    """What checklist.js needs to work out the band: points, weights, bands."""
    return json.dumps(
        {
            "scoring": dict(checklist.scoring),
            "questions": [
                {"id": f"q-{question.id}", "weight": question.weight}
                for question in checklist.questions
            ],
            "bands": [{"id": band.id, "min": band.min_score} for band in checklist.bands],
        },
        separators=(",", ":"),
    )


def _button(label_key: str, action: str, style: str = "secondary") -> rx.Component:
    return rx.el.button(
        t(label_key),
        type="submit" if action == "next" else "button",
        class_name=f"button button--{style}",
        custom_attrs={"data-cl-action": action},
    )


def _intro(checklist: Checklist) -> rx.Component:
    return rx.el.div(
        rx.el.h2(language_pair(checklist.title), tab_index=-1, custom_attrs={"data-focus": ""}),
        rx.el.p(language_pair(checklist.intro), class_name="lead"),
        rx.el.ul(
            rx.el.li(t("checklists.promise.private")),
            rx.el.li(t("checklists.promise.skip")),
            rx.el.li(t("checklists.promise.exit")),
            class_name="checklist-promises",
        ),
        _button("checklists.start", "start", "primary"),
        custom_attrs={"data-step": "intro"},
        class_name="checklist-step",
    )


def _question(checklist: Checklist, index: int, question: Question) -> rx.Component:
    name = f"q-{question.id}"
    total = len(checklist.questions)
    legend_id = f"{name}-legend"
    return rx.el.form(
        rx.el.p(
            t("checklists.progress", number=index + 1, total=total),
            class_name="checklist-progress",
        ),
        rx.el.progress(
            value=index + 1,
            max=total,
            aria_hidden="true",
            class_name="checklist-bar",
        ),
        rx.el.fieldset(
            rx.el.legend(
                language_pair(question.text),
                id=legend_id,
                tab_index=-1,
                custom_attrs={"data-focus": ""},
                class_name="checklist-question",
            ),
            rx.el.p(language_pair(question.hint), class_name="muted")
            if question.hint
            else rx.fragment(),
            rx.el.div(
                *[
                    rx.el.label(
                        rx.el.input(type="radio", name=name, value=answer),
                        rx.el.span(language_pair(checklist.answers[answer])),
                        class_name="answer",
                    )
                    for answer in ANSWER_ORDER
                    if answer in ANSWERS
                ],
                class_name="answers",
            ),
        ),
        rx.el.div(
            _button("checklists.next", "next", "primary"),
            _button("checklists.skip", "skip"),
            _button("checklists.back", "back"),
            class_name="checklist-nav",
        ),
        hidden=True,
        auto_complete="off",
        custom_attrs={"data-step": name},
        class_name="checklist-step",
    )


def _result(checklist: Checklist, band_index: int) -> rx.Component:
    band = checklist.bands[band_index]
    routes = help_routes()
    return rx.el.div(
        rx.el.div(
            rx.el.h2(language_pair(band.title), tab_index=-1, custom_attrs={"data-focus": ""}),
            rx.el.p(language_pair(band.text), class_name="lead"),
            rx.el.p(language_pair(checklist.combination)),
            rx.el.p(language_pair(checklist.no_signs)),
            rx.el.p(rx.el.strong(language_pair(checklist.not_your_fault))),
            custom_attrs={"data-note": "", "data-note-title": language_pair(checklist.title)},
        ),
        rx.el.p(
            t("checklists.answered_before"),
            " ",
            rx.el.span("0", custom_attrs={"data-answered-count": ""}),
            " ",
            t("checklists.answered_after", total=len(checklist.questions)),
            class_name="muted",
        ),
        rx.el.section(
            rx.el.h3(t("checklists.steps_title")),
            rx.el.ol(
                *[
                    rx.el.li(
                        rx.el.strong(language_pair(step.title)),
                        rx.el.p(language_pair(step.text)),
                    )
                    for step in checklist.steps
                ],
                class_name="checklist-steps",
            ),
            # The same steps, one a screen, with the takedown route for his age.
            first_aid_link(),
        )
        if checklist.steps
        else rx.fragment(),
        rx.el.section(
            rx.el.h3(t("checklists.routes_title")),
            rx.el.div(
                *[help_route_card(routes.by_id(route_id)) for route_id in band.routes],
                class_name="route-list",
            ),
        ),
        rx.el.div(
            _button("checklists.restart", "restart"),
            class_name="checklist-nav",
        ),
        hidden=True,
        custom_attrs={"data-step": f"result-{band.id}"},
        class_name="checklist-step",
    )


def checklist_page(checklist: Checklist) -> rx.Component:
    return page_frame(
        rx.el.section(
            _intro(checklist),
            *[
                _question(checklist, index, question)
                for index, question in enumerate(checklist.questions)
            ],
            *[_result(checklist, index) for index in range(len(checklist.bands))],
            save_note_section(ChecklistState, CHECKLIST_SAVE_TEXTS),
            secure_forms(),
            id="ps-checklist",
            custom_attrs={"data-checklist": rules_json(checklist), "data-current": "intro"},
            class_name="checklist",
            aria_label=language_pair(checklist.title),
        ),
        title_key="checklists.title",
        current=ROUTE,
        back_to=ROUTE,
    )
