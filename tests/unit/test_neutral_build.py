"""The frontend build names its files by content hash only, never after a page."""

from __future__ import annotations

import pytest
from reflex_base.compiler.templates import vite_config_template

from peersupport.neutral_build import NeutralBuildNamesError, with_neutral_names


def reflex_vite_config() -> str:
    """vite.config.js exactly as the installed Reflex generates it for a production build."""
    return vite_config_template(
        base="/", hmr=False, force_full_reload=False, experimental_hmr=False, sourcemap=False
    )


def test_every_output_file_is_named_by_its_hash_only() -> None:
    config = with_neutral_names(reflex_vite_config())

    for option in ("entryFileNames", "chunkFileNames"):
        assert f'{option}: "assets/[hash].js"' in config
    assert 'assetFileNames: "assets/[hash][extname]"' in config
    assert "[name]" not in config
    # React Router names the pages' entries itself unless the client environment says.
    assert "environments: {\n    client: { build: { rollupOptions: { output: {" in config


def test_editing_twice_changes_nothing_more() -> None:
    once = with_neutral_names(reflex_vite_config())

    assert with_neutral_names(once) == once


def test_a_config_of_another_shape_stops_the_build_naming_the_file() -> None:
    with pytest.raises(NeutralBuildNamesError, match=r"vite\.config\.js"):
        with_neutral_names("export default {}")
