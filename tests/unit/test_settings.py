"""PEERSUPPORT_* settings: sensible defaults, and a refusal naming the variable for
every malformed value, both in-process and at the command line."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from reflex_base.environment import interpret_timedelta_env
from sqlalchemy.engine import make_url

from peersupport.__main__ import server_environment
from peersupport.settings import (
    DEFAULT_EXIT_URL,
    PROJECT_ROOT,
    Settings,
    SettingsError,
    load_settings,
)

from .conftest import RunPython


def test_an_empty_environment_gives_the_documented_defaults() -> None:
    settings = load_settings(env={})

    assert settings == Settings(
        port=3000,
        host="127.0.0.1",
        data_dir=PROJECT_ROOT / "data",
        database_url=f"sqlite:///{PROJECT_ROOT / 'data' / 'peersupport.db'}",
        redis_url=None,
        exit_url=DEFAULT_EXIT_URL,
        public_url="http://localhost:3000",
        workers=1,
    )
    assert settings.uses_sqlite


def test_the_default_exit_url_is_https() -> None:
    assert load_settings(env={}).exit_url.startswith("https://")


def test_the_sqlite_database_lives_in_the_configured_data_folder(tmp_path: Path) -> None:
    settings = load_settings(env={"PEERSUPPORT_DATA_DIR": str(tmp_path)})

    assert settings.data_dir == tmp_path
    assert settings.database_url == f"sqlite:///{tmp_path / 'peersupport.db'}"


def test_a_relative_data_folder_is_taken_relative_to_the_project() -> None:
    settings = load_settings(env={"PEERSUPPORT_DATA_DIR": "var/data"})

    assert settings.data_dir == PROJECT_ROOT / "var" / "data"


def test_the_public_url_defaults_to_localhost_on_the_configured_port() -> None:
    settings = load_settings(env={"PEERSUPPORT_PORT": "8123"})

    assert settings.port == 8123
    assert settings.public_url == "http://localhost:8123"
    assert settings.public_origin == "http://localhost:8123"


def test_the_public_origin_drops_the_path_of_the_public_url() -> None:
    settings = load_settings(env={"PEERSUPPORT_PUBLIC_URL": "https://kompas.example/app/"})

    assert settings.public_origin == "https://kompas.example"


def test_valid_values_are_taken_as_given() -> None:
    settings = load_settings(
        env={
            "PEERSUPPORT_PORT": " 8080 ",
            "PEERSUPPORT_DATABASE_URL": "postgresql://kompas@db/kompas",
            "PEERSUPPORT_REDIS_URL": "redis://cache:6379/0",
            "PEERSUPPORT_EXIT_URL": "https://www.nu.nl/",
            "PEERSUPPORT_PUBLIC_URL": "https://kompas.example",
            "PEERSUPPORT_WORKERS": "4",
        }
    )

    assert settings.port == 8080
    assert settings.database_url == "postgresql+psycopg://kompas@db/kompas"
    assert not settings.uses_sqlite
    assert settings.redis_url == "redis://cache:6379/0"
    assert settings.exit_url == "https://www.nu.nl/"
    assert settings.public_url == "https://kompas.example"
    assert settings.workers == 4


BROKEN_SETTINGS = [
    ("PEERSUPPORT_PORT", "abc"),
    ("PEERSUPPORT_PORT", "0"),
    ("PEERSUPPORT_PORT", "70000"),
    ("PEERSUPPORT_PORT", "-1"),
    ("PEERSUPPORT_PORT", "²"),
    ("PEERSUPPORT_DATABASE_URL", "mysql://x"),
    ("PEERSUPPORT_DATABASE_URL", "just-a-file.db"),
    ("PEERSUPPORT_REDIS_URL", "http://x"),
    ("PEERSUPPORT_EXIT_URL", "javascript:alert(1)"),
    ("PEERSUPPORT_EXIT_URL", "ftp://x"),
    ("PEERSUPPORT_EXIT_URL", "not a url"),
    ("PEERSUPPORT_EXIT_URL", "https://"),
    ("PEERSUPPORT_PUBLIC_URL", "localhost:3000"),
    ("PEERSUPPORT_PUBLIC_URL", "javascript:alert(1)"),
    ("PEERSUPPORT_WORKERS", "0"),
    ("PEERSUPPORT_WORKERS", "x"),
    ("PEERSUPPORT_WORKERS", "65"),
    ("PEERSUPPORT_WORKERS", "2"),
]


@pytest.mark.parametrize(("variable", "value"), BROKEN_SETTINGS)
def test_a_broken_value_is_refused_with_the_variable_name(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(variable)):
        load_settings(env={variable: value})


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_a_port_out_of_range_is_refused_with_the_variable_name_and_the_value(port: str) -> None:
    with pytest.raises(SettingsError) as refusal:
        load_settings(env={"PEERSUPPORT_PORT": port})

    assert "PEERSUPPORT_PORT" in str(refusal.value)
    assert repr(port) in str(refusal.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://kompas@db/kompas",
        "postgresql+psycopg://kompas@db/kompas",
        "postgresql+psycopg2://kompas@db/kompas",
    ],
)
def test_a_postgresql_url_is_driven_by_the_installed_psycopg_driver(url: str) -> None:
    database_url = load_settings(env={"PEERSUPPORT_DATABASE_URL": url}).database_url

    assert database_url == "postgresql+psycopg://kompas@db/kompas"
    assert make_url(database_url).get_dialect().driver == "psycopg"


def test_more_than_one_worker_without_redis_names_both_variables() -> None:
    with pytest.raises(SettingsError) as refusal:
        load_settings(env={"PEERSUPPORT_WORKERS": "2"})

    assert "PEERSUPPORT_WORKERS" in str(refusal.value)
    assert "PEERSUPPORT_REDIS_URL" in str(refusal.value)


def test_more_than_one_worker_is_accepted_with_redis() -> None:
    settings = load_settings(
        env={"PEERSUPPORT_WORKERS": "2", "PEERSUPPORT_REDIS_URL": "redis://localhost:6379"}
    )

    assert settings.workers == 2


def test_blank_values_fall_back_to_the_defaults() -> None:
    blank = {
        name: "  "
        for name in (
            "PEERSUPPORT_DATA_DIR",
            "PEERSUPPORT_DATABASE_URL",
            "PEERSUPPORT_REDIS_URL",
            "PEERSUPPORT_EXIT_URL",
            "PEERSUPPORT_PUBLIC_URL",
            "PEERSUPPORT_HOST",
        )
    }

    assert load_settings(env=blank) == load_settings(env={})


def test_importing_rxconfig_with_a_broken_port_stops_with_one_line_naming_it(
    run_python: RunPython,
) -> None:
    result = run_python("-c", "import rxconfig", PEERSUPPORT_PORT="abc")

    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "PEERSUPPORT_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_importing_rxconfig_with_valid_settings_succeeds(run_python: RunPython) -> None:
    result = run_python("-c", "import rxconfig", PEERSUPPORT_PORT="3001")

    assert result.returncode == 0, result.stderr
    assert "configuration error" not in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PEERSUPPORT_PORT", "abc"),
        ("PEERSUPPORT_DATABASE_URL", "mysql://x"),
        ("PEERSUPPORT_EXIT_URL", "javascript:alert(1)"),
        ("PEERSUPPORT_WORKERS", "2"),
    ],
)
def test_the_check_command_with_a_broken_setting_stops_with_one_line_naming_it(
    run_python: RunPython, tmp_path: Path, variable: str, value: str
) -> None:
    result = run_python(
        "-m", "peersupport", "check", PEERSUPPORT_DATA_DIR=str(tmp_path), **{variable: value}
    )

    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert variable in result.stderr
    assert "Traceback" not in result.stderr


def test_posting_limits_default_to_the_documented_values() -> None:
    limits = load_settings(env={}).posting_limits

    assert (limits.new_account_days, limits.new_threads_per_day) == (7, 3)
    assert (limits.new_replies_per_day, limits.new_seconds_between_posts) == (10, 30)
    assert (limits.threads_per_day, limits.replies_per_day, limits.seconds_between_posts) == (
        10,
        50,
        10,
    )
    assert limits.reports_per_day == 10


def test_posting_limits_are_read_from_the_environment() -> None:
    limits = load_settings(
        env={
            "PEERSUPPORT_NEW_ACCOUNT_LIMITS": "1/2/0",
            "PEERSUPPORT_ACCOUNT_LIMITS": " 20 / 100 / 5 ",
            "PEERSUPPORT_REPORTS_PER_DAY": "3",
        }
    ).posting_limits

    assert (limits.new_threads_per_day, limits.new_replies_per_day) == (1, 2)
    assert limits.new_seconds_between_posts == 0
    assert (limits.threads_per_day, limits.replies_per_day, limits.seconds_between_posts) == (
        20,
        100,
        5,
    )
    assert limits.reports_per_day == 3


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("PEERSUPPORT_NEW_ACCOUNT_LIMITS", "3/10"),
        ("PEERSUPPORT_NEW_ACCOUNT_LIMITS", "3/10/x"),
        ("PEERSUPPORT_ACCOUNT_LIMITS", "-1/10/10"),
        ("PEERSUPPORT_ACCOUNT_LIMITS", "99999/10/10"),
        ("PEERSUPPORT_REPORTS_PER_DAY", "0"),
        ("PEERSUPPORT_REPORTS_PER_DAY", "many"),
    ],
)
def test_a_malformed_posting_limit_is_refused_naming_the_variable(name: str, raw: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(env={name: raw})


def test_the_server_with_redis_keeps_a_tabs_state_in_its_worker_for_five_seconds() -> None:
    settings = load_settings(
        env={"PEERSUPPORT_WORKERS": "2", "PEERSUPPORT_REDIS_URL": "redis://127.0.0.1:6379/0"}
    )

    env = server_environment(settings, {"PATH": "/usr/bin"})

    assert env["GRANIAN_WORKERS"] == "2"
    assert env["REFLEX_OPLOCK_ENABLED"] == "true"
    # In the form Reflex reads it: five seconds.
    hold = interpret_timedelta_env(env["REFLEX_OPLOCK_HOLD_TIME"], "REFLEX_OPLOCK_HOLD_TIME")
    assert hold == timedelta(seconds=5)
    assert env["PATH"].endswith(":/usr/bin")


def test_the_server_without_redis_has_no_redis_locking_settings() -> None:
    env = server_environment(load_settings(env={}), {})

    assert env["GRANIAN_WORKERS"] == "1"
    assert "REFLEX_OPLOCK_ENABLED" not in env and "REFLEX_OPLOCK_HOLD_TIME" not in env


def test_an_operators_own_reflex_locking_settings_are_kept() -> None:
    settings = load_settings(env={"PEERSUPPORT_REDIS_URL": "redis://127.0.0.1:6379/0"})
    chosen = {"REFLEX_OPLOCK_ENABLED": "false", "REFLEX_OPLOCK_HOLD_TIME": "250ms"}

    env = server_environment(settings, chosen)

    assert env["REFLEX_OPLOCK_ENABLED"] == "false"
    assert env["REFLEX_OPLOCK_HOLD_TIME"] == "250ms"


def test_the_vault_keeps_10_mib_a_file_and_100_mib_an_account_unless_set() -> None:
    default = load_settings(env={}).vault_limits
    chosen = load_settings(
        env={"PEERSUPPORT_VAULT_FILE_MIB": "5", "PEERSUPPORT_VAULT_ACCOUNT_MIB": "50"}
    ).vault_limits

    assert (default.file_bytes, default.account_bytes) == (10 * 2**20, 100 * 2**20)
    assert (chosen.file_bytes, chosen.account_bytes) == (5 * 2**20, 50 * 2**20)


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("PEERSUPPORT_VAULT_FILE_MIB", "0"),
        ("PEERSUPPORT_VAULT_FILE_MIB", "65"),
        ("PEERSUPPORT_VAULT_FILE_MIB", "ten"),
        ("PEERSUPPORT_VAULT_ACCOUNT_MIB", "5"),
        ("PEERSUPPORT_VAULT_ACCOUNT_MIB", "-1"),
    ],
)
def test_a_broken_vault_limit_names_its_variable(name: str, raw: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(env={name: raw})
