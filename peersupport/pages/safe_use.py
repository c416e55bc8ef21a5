"""Safe use: what traces remain on a device and on the server, how to remove each (one
button removes all the app keeps in the browser), private tabs, how quick exit works.

Every sentence here is checked against what a browser really keeps
(tests/browser/test_history_list.py, test_traces.py, test_pwa.py)."""

import reflex as rx

from peersupport.components.remove_traces import remove_traces_panel
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame

ROUTE = "/veilig"

# Each section: a heading and its paragraphs or steps, all from the catalogs.
SECTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("safe.exit.title", ("safe.exit.p1", "safe.exit.p2"), ()),
    (
        "safe.traces.title",
        ("safe.traces.p1",),
        (
            "safe.traces.history",
            "safe.traces.back",
            "safe.traces.language",
            "safe.traces.offline",
            "safe.traces.remembered",
            "safe.traces.helped",
            "safe.traces.installed",
        ),
    ),
    (
        "safe.history.title",
        ("safe.history.p1",),
        (
            "safe.history.android",
            "safe.history.iphone",
            "safe.history.one_entry",
        ),
    ),
    (
        "safe.sitedata.title",
        ("safe.sitedata.p1",),
        ("safe.sitedata.android", "safe.sitedata.iphone"),
    ),
    ("safe.private.title", ("safe.private.p1",), ("safe.private.android", "safe.private.iphone")),
    ("safe.installed.title", ("safe.installed.p1",), ()),
    ("safe.shared.title", ("safe.shared.p1", "safe.shared.p2"), ()),
    ("safe.we_keep.title", ("safe.we_keep.p1", "safe.we_keep.p2"), ()),
)


def _section(
    title_key: str, paragraph_keys: tuple[str, ...], item_keys: tuple[str, ...]
) -> rx.Component:
    slug = title_key.split(".")[1]
    parts: list[rx.Component] = [rx.el.h2(t(title_key), id=f"safe-{slug}")]
    parts += [rx.el.p(t(key)) for key in paragraph_keys]
    if item_keys:
        parts.append(rx.el.ul(*[rx.el.li(t(key)) for key in item_keys], class_name="steps"))
    return rx.el.section(*parts, class_name="panel", aria_labelledby=f"safe-{slug}")


def safe_use_page() -> rx.Component:
    return page_frame(
        rx.el.p(t("safe.intro"), class_name="lead"),
        *[_section(*section) for section in SECTIONS[:4]],
        remove_traces_panel(),
        *[_section(*section) for section in SECTIONS[4:]],
        title_key="safe.title",
        current=ROUTE,
    )
