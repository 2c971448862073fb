from pathlib import Path

import pytest
from typer.testing import CliRunner

from cx.cli.kb import app
from cx.devstack import free_port
from cx.settings import Settings

runner = CliRunner()


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Point the CLI (which builds its own settings) at the parametrized store."""
    monkeypatch.setenv("CX_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("CX_CHROMA__MODE", settings.chroma.mode)
    monkeypatch.setenv("CX_CHROMA__PORT", str(settings.chroma.port))
    monkeypatch.setenv("CX_CHROMA__COLLECTION", settings.chroma.collection)
    monkeypatch.setenv("COLUMNS", "250")  # keep table cells on one line
    return settings


def test_ingest_search_stats_rm(env: Settings, docs: Path) -> None:
    ingested = runner.invoke(app, ["ingest", str(docs)])
    assert ingested.exit_code == 0, ingested.output
    assert (
        ingested.output.splitlines()[-1] == "added 4, updated 0, unchanged 0, skipped 0, removed 0"
    )
    found = runner.invoke(app, ["search", "damaged suitcase", "--k", "1", "--area", "baggage"])
    assert found.exit_code == 0, found.output
    assert "test-baggage#damaged-bags#0" in found.output
    stats = runner.invoke(app, ["stats"])
    (row,) = [line for line in stats.output.splitlines() if env.chroma.collection in line]
    assert [cell.strip() for cell in row.split("│")[1:-1]] == [
        env.chroma.collection,
        "minilm",
        "4",
        "9",
        "0",
    ]
    removed = runner.invoke(app, ["rm", "test-baggage"])
    assert (
        removed.output.splitlines()[-1] == "added 0, updated 0, unchanged 0, skipped 0, removed 1"
    )


def test_eval_gate_exits_non_zero_below_min_recall(
    env: Settings, docs: Path, tmp_path: Path
) -> None:
    dataset = tmp_path / "set.jsonl"
    dataset.write_text(
        '{"id": "q1", "question": "how fast do card refunds arrive", '
        '"expected": [{"doc_id": "test-refunds", "section": "Refund timing"}]}\n'
        '{"id": "q2", "question": "wifi network name", '
        '"expected": [{"doc_id": "nowhere", "section": "Nothing"}]}\n'
    )
    runner.invoke(app, ["ingest", str(docs)])
    ok = runner.invoke(app, ["eval", "--dataset", str(dataset), "--min-recall", "0.5"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.splitlines() == ["questions 2  recall@5 0.500  MRR 0.500", "missed: q2"]
    gated = runner.invoke(app, ["eval", "--dataset", str(dataset), "--min-recall", "0.9"])
    assert gated.exit_code == 1


def test_errors_print_one_line_and_use_the_error_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CX_DATA_DIR", str(tmp_path))
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope")])
    assert (missing.exit_code, missing.output) == (
        65,
        f"{tmp_path / 'nope'} does not exist. Pass existing files or folders.\n",
    )
    monkeypatch.setenv("CX_CHROMA__MODE", "server")
    monkeypatch.setenv("CX_CHROMA__PORT", str(free_port()))
    down = runner.invoke(app, ["stats"])
    assert down.exit_code == 69
    assert len(down.output.strip().splitlines()) == 1


def test_every_command_has_help() -> None:
    for command in ["ingest", "search", "stats", "rm", "sync", "eval"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output
