"""Word lists the privacy scrubber looks names and streets up in, and what it never flags.

Dutch first names, surnames and streets come from the lookup lists `deduce`
ships (Dutch de-identification; plain text files in its package, read here directly:
its own pipeline takes minutes to build and tens of seconds to load, and is made for
medical records). They are read once, on first use, without importing `deduce` and
without any network.

Never flagged: the help routes' own names, numbers and sites (from the help-routes data,
so a route added there is never flagged either), and 112 and 113 themselves.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

# 112 and 113 themselves, and 113 and De Kindertelefoon as boys often type them.
EXTRA_HELP_NUMBERS = frozenset({"112", "113", "0113", "08000113", "08000432"})


def _lookup_dir() -> Path:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package 'deduce' (pinned in pyproject.toml) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _read(*parts: str) -> frozenset[str]:
    """The entries of one of deduce's lists (a folder holding `items` + ".txt")."""
    path = _lookup_dir().joinpath(*parts, "items" + ".txt")
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


# Words the first-name list holds that are mostly something else in a post.
_NOT_FIRST_NAMES = frozenset(
    {"De", "Hoi", "Wil", "May", "Mei", "June", "April", "Sky", "Storm", "Hoop", "Lief", "Fleur"}
)


@cache
def first_names() -> frozenset[str]:
    return _read("names", "lst_first_name") - _NOT_FIRST_NAMES


@cache
def surnames() -> frozenset[str]:
    return _read("names", "lst_surname")


@cache
def streets() -> frozenset[str]:
    """Street names, lower case."""
    return frozenset(name.lower() for name in _read("locations", "lst_street"))


@cache
def help_sites() -> frozenset[str]:
    """Host names of help routes, without "www.", lower case."""
    from peersupport.content import help_routes

    hosts = set(never_flag_sites())
    for route in help_routes().routes:
        if route.website:
            host = re.sub(r"^https://(www\.)?", "", route.website).split("/")[0].lower()
            hosts.add(host)
    return frozenset(hosts)


@cache
def never_flag_sites(path: Path | None = None) -> frozenset[str]:
    """Help sites the app names outside the help routes (takedown routes, ...)."""
    from peersupport.content import CONTENT_DIR, _Reader

    reader = _Reader(CONTENT_DIR / "never_flag.toml" if path is None else path)
    sites = reader.value(reader.data, "sites", "file", list)
    for index, site in enumerate(sites):
        if not isinstance(site, str) or not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", site):
            raise reader.fail(f"sites[{index}]", f"must be a host name, not {site!r}")
    return frozenset(sites)


@cache
def help_numbers() -> frozenset[str]:
    """The help routes' phone numbers as digits only."""
    from peersupport.content import help_routes

    numbers = set(EXTRA_HELP_NUMBERS)
    for route in help_routes().routes:
        if route.phone:
            numbers.add(re.sub(r"\D", "", route.phone))
    return frozenset(numbers)


@cache
def help_names() -> frozenset[str]:
    """The help routes' names, lower case."""
    from peersupport.content import help_routes

    return frozenset(route.name.lower() for route in help_routes().routes)
