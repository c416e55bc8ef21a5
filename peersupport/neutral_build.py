"""Neutral names for the files of the frontend build.

Vite names each page's script after its route (`_zelftest_._uitbuiting_._index-….js`,
`_notities_._index-….js`). Those names end up in the browser's caches, where anyone
who checks the phone can read them. This Reflex plugin makes the build name every
script and stylesheet after its content hash only (`assets/Bx3k9q.js`), which still
changes whenever the content does, so long-lived caching stays safe.

React Router names the client build's entries (one per page) itself unless the config
gives the client environment output options of its own; so the names are set there,
and for the rest of the build (shared chunks) in the top-level output options.
"""

from __future__ import annotations

from typing import Any

from reflex.plugins.base import Plugin

VITE_CONFIG_FILE = "vite.config.js"
# The places in Reflex's generated vite.config.js where the output options and the
# experimental options (after which the client environment's options go) start.
_OUTPUT_OPTIONS = "      output: {\n"
_EXPERIMENTAL_OPTIONS = "  experimental: {\n"
_NAMES = (
    'entryFileNames: "assets/[hash].js", '
    'chunkFileNames: "assets/[hash].js", '
    'assetFileNames: "assets/[hash][extname]",'
)
_NEUTRAL_NAMES = f"        {_NAMES}\n"
_CLIENT_NAMES = (
    "  environments: {\n"
    f"    client: {{ build: {{ rollupOptions: {{ output: {{ {_NAMES} }} }} }} }},\n"
    "  },\n"
)


class NeutralBuildNamesError(RuntimeError):
    """Reflex's vite.config.js no longer has the shape this plugin edits."""


def with_neutral_names(vite_config: str) -> str:
    """`vite_config` with output file names made of content hashes only."""
    if _NEUTRAL_NAMES in vite_config:
        return vite_config
    for anchor in (_OUTPUT_OPTIONS, _EXPERIMENTAL_OPTIONS):
        if vite_config.count(anchor) != 1:
            raise NeutralBuildNamesError(
                f"{VITE_CONFIG_FILE}: expected one line {anchor.strip()!r} in the config"
                " that Reflex generates; update peersupport/neutral_build.py for this"
                " Reflex version"
            )
    return vite_config.replace(_OUTPUT_OPTIONS, _OUTPUT_OPTIONS + _NEUTRAL_NAMES).replace(
        _EXPERIMENTAL_OPTIONS, _CLIENT_NAMES + _EXPERIMENTAL_OPTIONS
    )


class NeutralBuildNames(Plugin):
    """Edits the generated vite.config.js before every build (see the module text)."""

    def pre_compile(self, **context: Any) -> None:
        context["add_modify_task"](VITE_CONFIG_FILE, with_neutral_names)
