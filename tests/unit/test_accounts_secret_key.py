"""The server secret behind fake KDF params and throttle buckets: from
PEERSUPPORT_SECRET_KEY, or a key file created once in the data folder."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from peersupport.settings import SettingsError, load_settings, server_secret

LONG_ENOUGH = "0123456789abcdefghijklmnopqrstuv"  # 32 characters


def test_the_secret_key_setting_is_taken_as_given_and_writes_no_file(tmp_path: Path) -> None:
    settings = load_settings(
        env={"PEERSUPPORT_SECRET_KEY": f" {LONG_ENOUGH} ", "PEERSUPPORT_DATA_DIR": str(tmp_path)}
    )

    assert server_secret(settings) == LONG_ENOUGH.encode()
    assert list(tmp_path.iterdir()) == []


def test_a_short_secret_key_is_refused_naming_the_variable_but_not_the_value() -> None:
    with pytest.raises(SettingsError) as refusal:
        load_settings(env={"PEERSUPPORT_SECRET_KEY": LONG_ENOUGH[:-1]})

    assert "PEERSUPPORT_SECRET_KEY" in str(refusal.value)
    assert LONG_ENOUGH[:-1] not in str(refusal.value)


def test_the_secret_key_is_never_shown_in_the_settings() -> None:
    settings = load_settings(env={"PEERSUPPORT_SECRET_KEY": LONG_ENOUGH})

    assert LONG_ENOUGH not in repr(settings)


def test_without_the_setting_a_key_file_is_made_on_first_use_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    settings = load_settings(env={"PEERSUPPORT_DATA_DIR": str(data_dir)})
    assert not data_dir.exists()  # reading settings writes nothing

    key = server_secret(settings)

    key_file = data_dir / "secret.key"
    assert len(key) == 32
    assert bytes.fromhex(key_file.read_text().strip()) == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert sorted(path.name for path in data_dir.iterdir()) == ["secret.key"]


def test_the_key_file_is_read_again_not_replaced(tmp_path: Path) -> None:
    first = server_secret(load_settings(env={"PEERSUPPORT_DATA_DIR": str(tmp_path)}))

    again = server_secret(load_settings(env={"PEERSUPPORT_DATA_DIR": str(tmp_path)}))

    assert again == first


def test_a_malformed_key_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "secret.key").write_text("not hex at all\n")

    with pytest.raises(SettingsError, match=r"secret\.key"):
        server_secret(load_settings(env={"PEERSUPPORT_DATA_DIR": str(tmp_path)}))
