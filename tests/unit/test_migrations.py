"""Alembic migrations and the start-up guard that refuses an unmigrated database.

The upgrade/downgrade round trips, the comparison of the migrated schema with the
models, and the constraints run on a throw-away SQLite file, and again on the database
in PEERSUPPORT_DATABASE_URL when CI sets one (its PostgreSQL run).
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from alembic import command
from peersupport.database import (
    DatabaseNotMigratedError,
    alembic_config,
    current_revision,
    ensure_migrated,
    head_revision,
    make_engine,
    upgrade_to_head,
)
from peersupport.models import Base
from peersupport.settings import PROJECT_ROOT

from .conftest import RunPython, configured_database_url

CONFIGURED_DATABASE_URL = configured_database_url()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "configured",
            marks=pytest.mark.skipif(
                not CONFIGURED_DATABASE_URL,
                reason="PEERSUPPORT_DATABASE_URL is not set (CI sets it for PostgreSQL)",
            ),
        ),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database to migrate: a new SQLite file, or the configured server database.

    The configured database is shared with the browser tests that run after this
    suite, so it is left at the newest migration whatever the test did to it.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    try:
        yield CONFIGURED_DATABASE_URL
    finally:
        upgrade_to_head(CONFIGURED_DATABASE_URL)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[tuple[Engine, str]]:
    url = f"sqlite:///{tmp_path / 'unmigrated.db'}"
    engine = make_engine(url)
    yield engine, url
    engine.dispose()


def _start_at(database_url: str, revision: str) -> Config:
    """The database brought down to nothing (the shared server database may be at head),
    then up to `revision`; returns the configuration to move it on with."""
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    command.upgrade(config, revision)
    return config


def _version_rows(engine: Engine) -> int:
    if not inspect(engine).has_table("alembic_version"):
        return 0
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one())


def test_there_is_exactly_one_head_revision() -> None:
    head = head_revision("sqlite://")

    assert head is not None
    assert head == "0011_note_files"


def test_upgrade_to_head_brings_the_database_to_the_head_revision(
    database_url: str, engine: Engine
) -> None:
    upgrade_to_head(database_url)

    assert current_revision(engine) == head_revision(database_url)
    assert _version_rows(engine) == 1
    ensure_migrated(engine, database_url)  # no longer refuses


def test_upgrading_twice_changes_nothing(database_url: str, engine: Engine) -> None:
    upgrade_to_head(database_url)
    upgrade_to_head(database_url)

    assert current_revision(engine) == head_revision(database_url)
    assert _version_rows(engine) == 1


def test_downgrade_to_base_leaves_no_revision_behind(database_url: str, engine: Engine) -> None:
    upgrade_to_head(database_url)

    command.downgrade(alembic_config(database_url), "base")

    assert current_revision(engine) is None
    assert _version_rows(engine) == 0
    with pytest.raises(DatabaseNotMigratedError):
        ensure_migrated(engine, database_url)


ACCOUNT_TABLES = {"accounts", "account_sessions", "login_throttles", "notes"}


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_the_migrated_schema_matches_the_models(database_url: str, engine: Engine) -> None:
    """The hand-written migrations create exactly what the models declare: columns,
    types, nullability, defaults, indexes, constraints."""
    upgrade_to_head(database_url)

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def _insert_an_account_with_everything(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO accounts (id, pseudonym, pseudonym_key, role, kdf_params, auth_hash,"
                " wrapped_dk, recovery_auth_hash, wrapped_dk_rc, created_month)"
                " VALUES (1, 'StilleVos42', 'stillevos42', 'member', '{}', 'h', 'w', 'rh', 'wr',"
                " :month)"
            ),
            {"month": date(2026, 11, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO account_sessions (account_id, token_hash, created_at, last_seen_at,"
                " expires_at, remember) VALUES (1, :hash, :now, :now, :now, :no)"
            ),
            {"hash": "a" * 64, "now": datetime(2026, 11, 27, tzinfo=UTC), "no": False},
        )
        connection.execute(
            text(
                "INSERT INTO notes (id, account_id, envelope, updated_at)"
                " VALUES (:id, 1, 'v1.x.y', :now)"
            ),
            {"id": str(uuid.uuid4()), "now": datetime(2026, 11, 27, tzinfo=UTC)},
        )
        connection.execute(
            text(
                "INSERT INTO login_throttles (key, window_start, failures)"
                " VALUES ('global', :now, 1)"
            ),
            {"now": datetime(2026, 11, 27, tzinfo=UTC)},
        )


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608


def test_upgrade_from_the_baseline_with_data_then_downgrade_step_by_step(
    database_url: str, engine: Engine
) -> None:
    config = _start_at(database_url, "0001_baseline")
    assert _tables(engine) == set()  # the baseline holds no data to carry over

    command.upgrade(config, "head")
    _insert_an_account_with_everything(engine)
    upgrade_to_head(database_url)  # upgrading again keeps the data
    assert {table: _count(engine, table) for table in ACCOUNT_TABLES} == dict.fromkeys(
        ACCOUNT_TABLES, 1
    )

    command.downgrade(config, "0001_baseline")
    assert current_revision(engine) == "0001_baseline"
    assert _tables(engine) == set()

    command.downgrade(config, "base")
    assert current_revision(engine) is None


def test_upgrade_from_accounts_to_stories_keeps_accounts_then_downgrades(
    database_url: str, engine: Engine
) -> None:
    config = _start_at(database_url, "0002_accounts_and_notes")
    _insert_an_account_with_everything(engine)

    command.upgrade(config, "0003_stories_and_moderation")
    assert {table: _count(engine, table) for table in ACCOUNT_TABLES} == dict.fromkeys(
        ACCOUNT_TABLES, 1
    )
    assert {"stories", "moderation_items", "audit_log", "watched_words"} <= _tables(engine)

    command.downgrade(config, "0002_accounts_and_notes")
    assert "stories" not in _tables(engine) and "audit_log" not in _tables(engine)
    assert _count(engine, "accounts") == 1
    command.downgrade(config, "base")


BOARD_TABLES = {"board_threads", "board_posts", "post_reports"}
STORY_TABLES = {"accounts", "stories", "moderation_items"}


def _insert_a_story_in_the_queue(engine: Engine) -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO stories (id, author_id, state, language, title, body, themes,"
                " warnings, reading_minutes, helped_count, created_at, updated_at, submitted_at)"
                " VALUES (1, 1, 'pending', 'nl', 'Mijn verhaal', 'Wat er gebeurde.', 'shame',"
                " '', 1, 0, :now, :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO moderation_items (id, kind, story_id, author_id, state, queued_at,"
                " original_title, original_body, findings, flags, escalated)"
                " VALUES (1, 'story', 1, 1, 'pending', :now, 'Mijn verhaal', 'Wat er gebeurde.',"
                " '[]', '[]', :no)"
            ),
            {"now": now, "no": False},
        )


def _insert_a_thread_in_the_queue(engine: Engine) -> None:
    now = datetime(2026, 11, 28, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO board_threads (id, board, author_id, title, listed, locked,"
                " created_at, reply_count) VALUES (1, 'vragen', 1, 'Een vraag', :no, :no, :now, 0)"
            ),
            {"now": now, "no": False},
        )
        connection.execute(
            text(
                "INSERT INTO board_posts (id, thread_id, author_id, opening, body, state, hidden,"
                " created_at) VALUES (1, 1, 1, :yes, 'Tekst', 'pending', :no, :now)"
            ),
            {"now": now, "yes": True, "no": False},
        )
        connection.execute(
            text(
                "INSERT INTO moderation_items (id, kind, post_id, author_id, state, queued_at,"
                " original_title, original_body, findings, flags, escalated)"
                " VALUES (2, 'thread', 1, 1, 'pending', :now, 'Een vraag', 'Tekst', '[]', '[]',"
                " :no)"
            ),
            {"now": now, "no": False},
        )


STORY_ITEM = (1, "story", 1, 1, "pending", "Mijn verhaal", "Wat er gebeurde.")


def _columns(engine: Engine, table: str) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns(table)}


def _start_with_a_queued_story(database_url: str, engine: Engine, revision: str) -> Config:
    """The database at `revision` holding an account with everything and his story in the
    queue; returns the configuration to move it on with."""
    config = _start_at(database_url, revision)
    _insert_an_account_with_everything(engine)
    _insert_a_story_in_the_queue(engine)
    return config


def _story_items(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT id, kind, story_id, author_id, state, original_title, original_body"
                    " FROM moderation_items ORDER BY id"
                )
            )
        ]


def test_upgrade_to_boards_keeps_stories_and_their_queue_then_downgrades(
    database_url: str, engine: Engine
) -> None:
    config = _start_with_a_queued_story(database_url, engine, "0003_stories_and_moderation")

    command.upgrade(config, "0004_boards")

    assert {table: _count(engine, table) for table in STORY_TABLES} == dict.fromkeys(
        STORY_TABLES, 1
    )
    assert _story_items(engine) == [STORY_ITEM]
    with engine.connect() as connection:
        created_on = connection.execute(text("SELECT created_on FROM accounts")).scalar_one()
    assert str(created_on)[:10] == "2026-11-01"  # the first day of the sign-up month
    assert _tables(engine) >= BOARD_TABLES
    _insert_a_thread_in_the_queue(engine)  # the queue now takes threads
    assert _count(engine, "moderation_items") == 2

    command.downgrade(config, "0003_stories_and_moderation")

    assert not BOARD_TABLES & _tables(engine)
    assert _story_items(engine) == [STORY_ITEM]
    kept = STORY_TABLES | ACCOUNT_TABLES  # notes and sessions of the accounts too
    assert {table: _count(engine, table) for table in kept} == dict.fromkeys(kept, 1)
    assert "post_id" not in _columns(engine, "moderation_items")
    assert "created_on" not in _columns(engine, "accounts")
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE moderation_items SET kind = 'thread'"))
    command.downgrade(config, "base")


def test_upgrade_to_urgent_items_keeps_the_queue_not_urgent_then_downgrades(
    database_url: str, engine: Engine
) -> None:
    config = _start_with_a_queued_story(database_url, engine, "0005_audit_log_forgets")

    command.upgrade(config, "0006_urgent_items")

    assert _story_items(engine) == [STORY_ITEM]
    with engine.connect() as connection:
        urgent, reasons = connection.execute(
            text("SELECT urgent, urgent_reasons FROM moderation_items")
        ).one()
    assert (bool(urgent), reasons) == (False, "")

    command.downgrade(config, "0005_audit_log_forgets")

    assert _story_items(engine) == [STORY_ITEM]
    assert not {"urgent", "urgent_reasons"} & _columns(engine, "moderation_items")
    command.downgrade(config, "base")


def test_upgrade_to_helped_day_keeps_the_marks_without_a_day_then_downgrades(
    database_url: str, engine: Engine
) -> None:
    config = _start_with_a_queued_story(database_url, engine, "0006_urgent_items")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO story_helps (story_id, marker) VALUES (1, :marker)"),
            {"marker": "a" * 64},
        )

    command.upgrade(config, "0007_helped_day")

    with engine.connect() as connection:
        kept = connection.execute(text("SELECT story_id, counted_on FROM story_helps")).all()
    assert [tuple(row) for row in kept] == [(1, None)]

    command.downgrade(config, "0006_urgent_items")

    assert _count(engine, "story_helps") == 1
    assert "counted_on" not in _columns(engine, "story_helps")
    command.downgrade(config, "base")


def test_upgrade_to_one_open_draft_keeps_the_newest_draft_then_refuses_a_second(
    database_url: str, engine: Engine
) -> None:
    config = _start_at(database_url, "0007_helped_day")
    _insert_an_account_with_everything(engine)
    with engine.begin() as connection:
        for story_id, day in ((1, 25), (2, 27), (3, 26)):
            connection.execute(
                text(
                    "INSERT INTO stories (id, author_id, state, language, title, body, themes,"
                    " warnings, reading_minutes, helped_count, created_at, updated_at)"
                    " VALUES (:id, 1, 'draft', 'nl', :title, 'Tekst.', '', '', 1, 0, :at, :at)"
                ),
                {
                    "id": story_id,
                    "title": f"Kladje {story_id}",
                    "at": datetime(2026, 11, day, tzinfo=UTC),
                },
            )

    command.upgrade(config, "0008_one_open_draft")

    with engine.connect() as connection:
        states = connection.execute(text("SELECT id, state, title FROM stories ORDER BY id")).all()
    assert [tuple(row) for row in states] == [
        (1, "withdrawn", "Kladje 1"),
        (2, "draft", "Kladje 2"),
        (3, "withdrawn", "Kladje 3"),
    ]
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE stories SET state = 'draft' WHERE id = 1"))

    command.downgrade(config, "0007_helped_day")

    with engine.begin() as connection:
        connection.execute(text("UPDATE stories SET state = 'draft' WHERE id = 1"))
    command.downgrade(config, "base")


def _assert_append_only(engine: Engine, *statements: str) -> None:
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))


def test_the_database_itself_refuses_to_change_or_delete_an_audit_entry(
    database_url: str, engine: Engine
) -> None:
    upgrade_to_head(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor_id, actor_pseudonym, action, subject, reason,"
                " detail) VALUES (CURRENT_TIMESTAMP, 1, 'Mod', 'approve', 'story:1', '', '')"
            )
        )

    _assert_append_only(
        engine, "UPDATE audit_log SET reason = 'rewritten'", "DELETE FROM audit_log"
    )
    assert _count(engine, "audit_log") == 1
    command.downgrade(alembic_config(database_url), "0002_accounts_and_notes")  # clean up


def _insert_audit_entries(engine: Engine) -> None:
    """A moderator's edit of a boy's story and his suspension, as the services log them."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (id, at, actor_id, actor_pseudonym, action, subject,"
                " reason, detail) VALUES"
                " (1, :at, 2, 'Mod', 'edit_approve', 'story:1', 'Nummer weg',"
                " '- Bel 06-12345678\n+ Bel me niet'),"
                " (2, :at, 2, 'Mod', 'suspend', 'account:StilleVos42', 'Spam', '')"
            ),
            {"at": datetime(2026, 11, 27, tzinfo=UTC)},
        )


def _audit_rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT id, actor_id, actor_pseudonym, action, subject, reason, detail"
                    " FROM audit_log ORDER BY id"
                )
            )
        ]


FORGOTTEN = [
    (1, 2, "", "edit_approve", "story:1", "Nummer weg", ""),
    (2, 2, "", "suspend", "account:", "Spam", ""),
]


def _forget(engine: Engine) -> None:
    """What forgetting a deleted account does to the log (services/audit.py)."""
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_log SET detail = '' WHERE subject = 'story:1' AND detail <> ''")
        )
        connection.execute(
            text(
                "UPDATE audit_log SET actor_pseudonym = ''"
                " WHERE actor_id = 2 AND actor_pseudonym <> ''"
            )
        )
        connection.execute(
            text("UPDATE audit_log SET subject = 'account:' WHERE subject = 'account:StilleVos42'")
        )


# Every change but forgetting: rewriting what, when, why, who, or putting words back.
REWRITES = [
    "UPDATE audit_log SET reason = 'rewritten'",
    "UPDATE audit_log SET action = 'approve'",
    "UPDATE audit_log SET actor_id = 3",
    "UPDATE audit_log SET at = CURRENT_TIMESTAMP",
    "UPDATE audit_log SET actor_pseudonym = 'Ander'",
    "UPDATE audit_log SET detail = 'new words'",
    "UPDATE audit_log SET subject = 'story:2'",
    "UPDATE audit_log SET subject = 'account:Ander' WHERE id = 2",
    "UPDATE audit_log SET subject = 'account:' WHERE id = 1",
    "UPDATE audit_log SET id = 9 WHERE id = 1",
    "UPDATE audit_log SET id = id",  # changes nothing, so forgets nothing either
    "DELETE FROM audit_log",
]


def test_upgrading_to_forgetting_keeps_the_log_which_then_only_forgets_then_downgrades(
    database_url: str, engine: Engine
) -> None:
    config = _start_at(database_url, "0004_boards")
    _insert_audit_entries(engine)
    before = _audit_rows(engine)
    with pytest.raises(DBAPIError, match="append-only"):
        _forget(engine)  # 0003's log refuses even that

    command.upgrade(config, "0005_audit_log_forgets")

    assert _audit_rows(engine) == before
    _assert_append_only(engine, *REWRITES)
    assert _audit_rows(engine) == before
    _forget(engine)
    assert _audit_rows(engine) == FORGOTTEN
    _forget(engine)  # forgetting twice changes nothing
    assert _audit_rows(engine) == FORGOTTEN

    command.downgrade(config, "0004_boards")

    assert _audit_rows(engine) == FORGOTTEN
    _assert_append_only(engine, "UPDATE audit_log SET detail = ''", "DELETE FROM audit_log")
    command.downgrade(config, "0002_accounts_and_notes")  # clean up


def test_the_database_refuses_an_unknown_role_and_cascades_account_deletion(
    database_url: str, engine: Engine
) -> None:
    upgrade_to_head(database_url)
    _insert_an_account_with_everything(engine)

    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE accounts SET role = 'superuser' WHERE id = 1"))
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM accounts WHERE id = 1"))

    assert _count(engine, "notes") == _count(engine, "account_sessions") == 0
    with engine.begin() as connection:  # the shared database is left without test data
        connection.execute(text("DELETE FROM login_throttles"))


def test_an_unmigrated_database_is_refused_with_the_command_that_fixes_it(
    sqlite_engine: tuple[Engine, str],
) -> None:
    engine, url = sqlite_engine

    with pytest.raises(DatabaseNotMigratedError) as refusal:
        ensure_migrated(engine, url)

    message = str(refusal.value)
    assert "python -m peersupport migrate" in message
    assert "none" in message
    assert str(head_revision(url)) in message


def test_a_database_at_an_unknown_revision_is_refused_naming_that_revision(
    sqlite_engine: tuple[Engine, str],
) -> None:
    engine, url = sqlite_engine
    upgrade_to_head(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))

    with pytest.raises(DatabaseNotMigratedError, match="from_the_future"):
        ensure_migrated(engine, url)


def test_the_check_command_refuses_an_unmigrated_database_until_it_is_migrated(
    run_python: RunPython, tmp_path: Path
) -> None:
    refused = run_python("-m", "peersupport", "check", PEERSUPPORT_DATA_DIR=str(tmp_path))

    assert refused.returncode != 0
    assert len(refused.stderr.splitlines()) == 1, refused.stderr
    assert "python -m peersupport migrate" in refused.stderr
    assert "Traceback" not in refused.stderr

    migrated = run_python("-m", "peersupport", "migrate", PEERSUPPORT_DATA_DIR=str(tmp_path))
    assert migrated.returncode == 0, migrated.stderr

    ready = run_python("-m", "peersupport", "check", PEERSUPPORT_DATA_DIR=str(tmp_path))
    assert ready.returncode == 0, ready.stderr
    assert ready.stdout.strip() == "peersupport: settings and database are ready"


def test_the_check_command_names_an_unreachable_database_in_one_line(
    run_python: RunPython,
) -> None:
    result = run_python(
        "-m",
        "peersupport",
        "check",
        PEERSUPPORT_DATABASE_URL="postgresql://nobody@127.0.0.1:1/nothing",
    )

    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "cannot reach the database" in result.stderr


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in folder.rglob("*")
    }


def test_importing_the_whole_app_writes_only_to_the_configured_data_folder(
    run_python: RunPython, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    migrated = run_python("-m", "peersupport", "migrate", PEERSUPPORT_DATA_DIR=str(data_dir))
    assert migrated.returncode == 0, migrated.stderr
    project_data = PROJECT_ROOT / "data"
    before = _snapshot(project_data)

    imported = run_python(
        "-c",
        textwrap.dedent(
            """
            import importlib, pkgutil
            import peersupport, rxconfig
            for module in pkgutil.walk_packages(peersupport.__path__, "peersupport."):
                if module.name != "peersupport.__main__":
                    importlib.import_module(module.name)
            import peersupport.app
            """
        ),
        PEERSUPPORT_DATA_DIR=str(data_dir),
    )

    assert imported.returncode == 0, imported.stderr
    assert _snapshot(project_data) == before
    assert (data_dir / "peersupport.db").exists()


def test_importing_the_modules_creates_no_data_folder(
    run_python: RunPython, tmp_path: Path
) -> None:
    data_dir = tmp_path / "never-created"

    imported = run_python(
        "-c",
        "import rxconfig, peersupport.database, peersupport.startup, peersupport.http.health",
        PEERSUPPORT_DATA_DIR=str(data_dir),
    )

    assert imported.returncode == 0, imported.stderr
    assert not data_dir.exists()
