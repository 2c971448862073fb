"""Settings for a throwaway dev server never point at the configured one."""

from pathlib import Path

from cx.devstack import ephemeral_settings
from cx.settings import Settings


def test_ephemeral_settings_use_free_ports_and_their_own_data_dir(tmp_path: Path) -> None:
    configured = Settings(data_dir=tmp_path / "prod", temporal={"task_queue": "cx-cases"})
    private = ephemeral_settings(configured, tmp_path / "tmp", task_queue="cx-eval")
    assert private.data_dir == tmp_path / "tmp"
    assert private.temporal.address != configured.temporal.address
    assert private.temporal.address.startswith("127.0.0.1:")
    assert private.temporal.ui_port != configured.temporal.ui_port
    assert private.temporal.task_queue == "cx-eval"
    assert configured.temporal.address == "127.0.0.1:7233"
    assert ephemeral_settings(configured, tmp_path).temporal.task_queue == "cx-cases"
