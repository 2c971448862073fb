"""Settings: defaults, YAML file, env overrides, fix-it errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cx.errors import ConfigError
from cx.settings import load_settings


def test_env_beats_file_beats_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "cx.yaml"
    config.write_text("temporal:\n  task_queue: from-file\n  namespace: ns-file\n")
    monkeypatch.setenv("CX_CONFIG", str(config))
    monkeypatch.setenv("CX_TEMPORAL__NAMESPACE", "ns-env")
    s = load_settings()
    assert (s.temporal.task_queue, s.temporal.namespace) == ("from-file", "ns-env")
    assert s.temporal.address == "127.0.0.1:7233"


def test_bad_value_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_REASONING__MAX_REVISIONS", "9")
    with pytest.raises(
        ConfigError, match=r"Invalid setting reasoning.max_revisions: .*less than or equal to 5"
    ):
        load_settings()


def test_missing_config_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_CONFIG", str(tmp_path / "absent.yaml"))
    with pytest.raises(ConfigError, match="absent.yaml, which does not exist"):
        load_settings()


def test_data_paths_live_under_the_data_dir(tmp_path: Path) -> None:
    s = load_settings(data_dir=tmp_path)
    assert s.outbox_path == tmp_path / "outbox.sqlite3"
    assert s.temporal_db_path == tmp_path / "temporal.sqlite3"


def test_own_taxonomy_path_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_KNOWLEDGE__TAXONOMY_PATH", str(tmp_path / "intents.yaml"))
    assert load_settings().knowledge.taxonomy_path == tmp_path / "intents.yaml"
