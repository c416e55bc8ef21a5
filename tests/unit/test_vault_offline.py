"""The service worker never keeps an evidence file: it stores only its fixed shell
entries, and the file routes are none of them. The quick exit empties the vault first."""

from __future__ import annotations

import re

from peersupport.http.vault import ROUTE
from peersupport.settings import PROJECT_ROOT

SW = (PROJECT_ROOT / "assets" / "sw.js").read_text(encoding="utf-8")


def test_the_service_worker_caches_a_fixed_list_without_the_file_routes() -> None:
    shell = re.search(r"var SHELL_FILES = \[(.*?)\];", SW, re.S)
    assert shell is not None
    entries = re.findall(r'"([^"]+)"', shell.group(1))
    kept = re.findall(r'"(/[^"]*\?taal=[a-z]+)"', SW)

    assert entries and kept
    assert not [path for path in entries + kept if path.startswith(("/api", ROUTE))]


def test_the_only_runtime_write_to_the_cache_is_for_a_shell_file() -> None:
    # One put, inside the branch for a path in SHELL_FILES; install adds the fixed list.
    assert SW.count("cache.put(") == 1 and SW.count("addAll(") == 1
    branch = SW.index("if (SHELL_FILES.indexOf(url.pathname) !== -1 && !url.search)")
    assert branch < SW.index("cache.put(")
    assert "/api" not in SW


def test_the_quick_exit_empties_the_vault_before_it_leaves() -> None:
    script = (PROJECT_ROOT / "assets" / "quick-exit.js").read_text(encoding="utf-8")
    body = script[script.index("function quickExit()") :]

    forget = body.index("window.psVault.forget()")
    assert body.index('style.visibility = "hidden"') < forget
    assert forget < body.index("window.location.replace(exitUrl)")
