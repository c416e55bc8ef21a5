"""Roles: only an admin appoints moderators; admins come from the command line only."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.database import make_engine, upgrade_to_head
from peersupport.models import Account
from peersupport.services.accounts import (
    StaffMember,
    create_admin,
    kdf_params_for_login,
    list_staff,
    login,
    set_role,
)
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.notes_protocol import (
    KdfParams,
    derive_keys,
    parse_recovery_code,
    recovery_keys,
    unwrap_dk,
    unwrap_dk_with_recovery,
)
from peersupport.services.passphrases import recovery_begin

from .conftest import (
    NOW,
    PROJECT_ROOT,
    PYTHON,
    SERVER_SECRET,
    environment_without_settings,
    sign_up,
)

ADMIN_PASSPHRASE = "een lange admin zin"


@pytest.fixture
def staff(db: Session, cheap_password_hashing: None) -> dict[str, Account]:
    """An admin, a moderator and two members."""
    people = {name: sign_up(db, pseudonym)[0] for name, pseudonym in [
        ("admin", "BeheerderAnna"), ("moderator", "ModeratorBram"),
        ("member", "StilleVos42"), ("other", "RustigeUil7"),
    ]}  # fmt: skip
    people["admin"].role = "admin"
    people["moderator"].role = "moderator"
    db.commit()
    return people


def roles(db: Session) -> dict[str, str]:
    db.expire_all()
    return {account.pseudonym: account.role for account in db.scalars(select(Account))}


def test_admin_appoints_and_dismisses_a_moderator(db: Session, staff: dict[str, Account]) -> None:
    appointed = set_role(db, staff["admin"], "stillevos42", "moderator")
    assert appointed.role == "moderator"
    assert roles(db)["StilleVos42"] == "moderator"

    set_role(db, staff["admin"], "StilleVos42", "member")
    assert roles(db)["StilleVos42"] == "member"


@pytest.mark.parametrize("actor", ["member", "moderator"])
def test_member_cannot_appoint_moderators(
    db: Session, staff: dict[str, Account], actor: str
) -> None:
    before = roles(db)

    for target, role in [("RustigeUil7", "moderator"), ("ModeratorBram", "member")]:
        with pytest.raises(NotAuthorized):
            set_role(db, staff[actor], target, role)
    with pytest.raises(NotAuthorized):
        set_role(db, staff[actor], staff[actor].pseudonym, "moderator")
    db.rollback()

    assert roles(db) == before


def test_a_suspended_admin_cannot_appoint_moderators(
    db: Session, staff: dict[str, Account]
) -> None:
    staff["admin"].suspended = True
    db.commit()

    with pytest.raises(NotAuthorized):
        set_role(db, staff["admin"], "StilleVos42", "moderator")
    with pytest.raises(NotAuthorized):
        list_staff(db, staff["admin"])


def test_an_admin_cannot_change_his_own_role(db: Session, staff: dict[str, Account]) -> None:
    with pytest.raises(InvalidInput) as refusal:
        set_role(db, staff["admin"], "BeheerderAnna", "member")

    assert refusal.value.code == "cannot_change_own_role"
    assert roles(db)["BeheerderAnna"] == "admin"


def test_admins_are_neither_made_nor_demoted_in_the_app(
    db: Session, staff: dict[str, Account]
) -> None:
    second_admin = sign_up(db, "BeheerderBas")[0]
    second_admin.role = "admin"
    db.commit()

    with pytest.raises(InvalidInput) as making:
        set_role(db, staff["admin"], "StilleVos42", "admin")
    with pytest.raises(InvalidInput) as demoting:
        set_role(db, staff["admin"], "BeheerderBas", "member")

    assert making.value.code == "invalid_role"
    assert demoting.value.code == "cannot_change_admin"
    assert roles(db)["StilleVos42"] == "member"
    assert roles(db)["BeheerderBas"] == "admin"


@pytest.mark.parametrize(
    ("target", "role", "code"),
    [
        ("NiemandHier99", "moderator", "unknown_pseudonym"),
        ("StilleVos42", "Moderator", "invalid_role"),
        ("StilleVos42", None, "invalid_role"),
        ("StilleVos42", ["moderator"], "invalid_role"),
        (None, "moderator", "invalid_input"),
        (["StilleVos42"], "moderator", "invalid_input"),
        ("S" * 10_000, "moderator", "invalid_input"),
    ],
)
def test_a_role_change_with_bad_arguments_is_refused(
    db: Session, staff: dict[str, Account], target: object, role: object, code: str
) -> None:
    before = roles(db)

    with pytest.raises(InvalidInput) as refusal:
        set_role(db, staff["admin"], target, role)

    assert refusal.value.code == code
    assert roles(db) == before


def test_only_an_admin_sees_who_the_staff_are(db: Session, staff: dict[str, Account]) -> None:
    assert list_staff(db, staff["admin"]) == [
        StaffMember(pseudonym="BeheerderAnna", role="admin"),
        StaffMember(pseudonym="ModeratorBram", role="moderator"),
    ]
    for actor in ("moderator", "member"):
        with pytest.raises(NotAuthorized):
            list_staff(db, staff[actor])


# --- the first admin, from the command line -------------------------------------------------


def test_create_admin_makes_an_admin_who_logs_in_and_recovers_like_everyone(db: Session) -> None:
    """Real Argon2id twice (create, then log in) and argon2-cffi's real hashing."""
    account, recovery_code = create_admin(db, "BeheerderAnna", ADMIN_PASSPHRASE, NOW)

    assert account.role == "admin"
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}-[A-Z2-7]{2}", recovery_code)
    params = KdfParams.from_json(kdf_params_for_login(db, "BeheerderAnna", SERVER_SECRET))
    keys = derive_keys(ADMIN_PASSPHRASE, "BeheerderAnna", params)
    result = login(db, "BeheerderAnna", keys.auth_key, False, SERVER_SECRET, NOW)
    dk = unwrap_dk(keys.kek, result.wrapped_dk)
    rc = parse_recovery_code(recovery_code.lower())
    wrapped_dk_rc = recovery_begin(
        db, "BeheerderAnna", recovery_keys(rc).recovery_auth, NOW, secret=SERVER_SECRET
    )
    assert unwrap_dk_with_recovery(rc, wrapped_dk_rc) == dk


@pytest.mark.parametrize(
    ("pseudonym", "passphrase", "code"),
    [
        ("BeheerderAnna", "elf tekens!", "passphrase_too_short"),
        ("BeheerderAnna", None, "passphrase_too_short"),
        ("admin@kompas.nl", ADMIN_PASSPHRASE, "pseudonym_contact"),
        ("StilleVos42", ADMIN_PASSPHRASE, "pseudonym_taken"),
    ],
)
def test_create_admin_refuses_what_sign_up_refuses(
    db: Session, cheap_password_hashing: None, pseudonym: str, passphrase: object, code: str
) -> None:
    sign_up(db, "StilleVos42")

    with pytest.raises(InvalidInput) as refusal:
        create_admin(db, pseudonym, passphrase, NOW)

    assert refusal.value.code == code


def run_cli(data_dir: Path, *arguments: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "peersupport", *arguments],
        cwd=PROJECT_ROOT,
        env=environment_without_settings(PEERSUPPORT_DATA_DIR=str(data_dir)),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def admins_in(data_dir: Path) -> list[tuple[str, str]]:
    engine = make_engine(f"sqlite:///{data_dir / 'peersupport.db'}")
    with Session(engine) as session:
        found = [(a.pseudonym, a.role) for a in session.scalars(select(Account))]
    engine.dispose()
    return found


def test_the_create_admin_command_prints_the_recovery_code_once(tmp_path: Path) -> None:
    upgrade_to_head(f"sqlite:///{tmp_path / 'peersupport.db'}")

    created = run_cli(
        tmp_path, "create-admin", "--pseudonym", "BeheerderAnna", stdin=ADMIN_PASSPHRASE + "\n"
    )

    assert created.returncode == 0, created.stderr
    codes = re.findall(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5}-[A-Z2-7]{2}", created.stdout)
    assert len(codes) == 1
    assert "shown only" in created.stdout
    assert ADMIN_PASSPHRASE not in created.stdout + created.stderr
    assert admins_in(tmp_path) == [("BeheerderAnna", "admin")]


def test_the_create_admin_command_asks_for_the_pseudonym_when_not_given(tmp_path: Path) -> None:
    upgrade_to_head(f"sqlite:///{tmp_path / 'peersupport.db'}")

    created = run_cli(tmp_path, "create-admin", stdin=f"BeheerderBas\n{ADMIN_PASSPHRASE}\n")

    assert created.returncode == 0, created.stderr
    assert admins_in(tmp_path) == [("BeheerderBas", "admin")]


def test_the_create_admin_command_refuses_a_short_passphrase_and_creates_nothing(
    tmp_path: Path,
) -> None:
    upgrade_to_head(f"sqlite:///{tmp_path / 'peersupport.db'}")

    refused = run_cli(tmp_path, "create-admin", "--pseudonym", "BeheerderAnna", stdin="kort\n")

    assert refused.returncode == 2
    assert "passphrase_too_short" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert admins_in(tmp_path) == []


def test_the_create_admin_command_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    refused = run_cli(
        tmp_path, "create-admin", "--pseudonym", "BeheerderAnna", stdin=ADMIN_PASSPHRASE + "\n"
    )

    assert refused.returncode != 0
    assert "python -m peersupport migrate" in refused.stderr
