from pathlib import Path

import pytest

from cx.errors import InputError
from knowledge import DEFAULT_TAXONOMY_PATH
from knowledge.store import KnowledgeStore
from knowledge.taxonomy import IntentIndex, load_taxonomy
from tests.knowledge.embedders import CountingEmbedder

TAXONOMY = """
version: 7
intents:
  - id: refund_request
    policy_areas: [refunds]
    exemplars: ["I want my money back", "please refund my order", "where is my refund"]
  - id: lost_bag
    policy_areas: [baggage]
    exemplars:
      - "my suitcase never arrived"
      - "the airline lost my luggage"
      - "bag missing at the carousel"
"""


@pytest.fixture
def taxonomy_path(tmp_path: Path) -> Path:
    path = tmp_path / "intents.yaml"
    path.write_text(TAXONOMY)
    return path


def test_rank_orders_intents_by_exemplar_similarity(
    taxonomy_path: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    index = IntentIndex(load_taxonomy(taxonomy_path), store, counting)
    ranked = index.rank("you lost my luggage on the flight", k=2)
    assert [s.intent for s in ranked] == ["lost_bag", "refund_request"]
    assert 0 < ranked[1].score < ranked[0].score <= 1
    assert index.taxonomy.areas("lost_bag") == ["baggage"]


def test_exemplars_are_embedded_once(
    taxonomy_path: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    IntentIndex(load_taxonomy(taxonomy_path), store, counting)
    assert (counting.queries, store.intents.count()) == (6, 6)
    IntentIndex(load_taxonomy(taxonomy_path), store, counting)
    assert counting.queries == 6


def test_changed_taxonomy_drops_stale_exemplars(
    taxonomy_path: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    IntentIndex(load_taxonomy(taxonomy_path), store, counting)
    taxonomy_path.write_text(TAXONOMY.replace('"where is my refund"', '"refund status?"'))
    index = IntentIndex(load_taxonomy(taxonomy_path), store, counting)
    assert (counting.queries, store.intents.count(), len(index.labels)) == (7, 6, 6)


def test_invalid_taxonomy_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nintents:\n  - id: x\n    exemplars: []\n")
    with pytest.raises(InputError, match="is not a valid intent taxonomy"):
        load_taxonomy(path)


def test_shipped_taxonomy_loads() -> None:
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY_PATH)
    assert len({i.id for i in taxonomy.intents}) == len(taxonomy.intents)


def test_out_of_scope_messages_are_classes_of_their_own(
    tmp_path: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    path = tmp_path / "intents.yaml"
    path.write_text(
        TAXONOMY
        + "out_of_scope:\n"
        + "  off_topic: ['what is the weather in Denver', 'tell me a joke']\n"
        + "  unclear: ['hello?', 'it happened again']\n"
    )
    taxonomy = load_taxonomy(path)
    assert [label for label, _ in taxonomy.classes()][-2:] == ["off_topic", "unclear"]
    index = IntentIndex(taxonomy, store, counting, cache_dir=tmp_path)
    assert {s.intent for s in index.rank("tell me a joke please", k=4)} >= {"off_topic"}
    assert index.rank("tell me a joke please", k=1)[0].intent == "off_topic"


def test_an_unknown_out_of_scope_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "intents.yaml"
    path.write_text(TAXONOMY + "out_of_scope:\n  gossip: ['did you hear']\n")
    with pytest.raises(InputError, match="not a valid intent taxonomy"):
        load_taxonomy(path)


def test_a_long_message_is_read_whole_and_sentence_by_sentence(
    taxonomy_path: Path, store: KnowledgeStore, counting: CountingEmbedder, tmp_path: Path
) -> None:
    index = IntentIndex(load_taxonomy(taxonomy_path), store, counting, cache_dir=tmp_path)
    one = index.rank("you lost my luggage on the flight", k=2)
    assert one[0].probability == one[0].message_probability  # one sentence: one reading
    long = index.rank(
        "Hello there, I hope you are well today. We flew home last night after a lovely week. "
        "Sadly my suitcase never arrived at the carousel.",
        k=2,
    )
    assert long[0].intent == "lost_bag"
    assert long[0].probability != long[0].message_probability
    assert sum(s.probability or 0 for s in long) == pytest.approx(1.0, abs=1e-6)
    # Only sentences that ask for something are read for a second ask; this one asks none.
    assert all(s.ask_probability is None for s in long)
    asked = index.rank(
        "Sadly my suitcase never arrived at the carousel. Could you please refund my order?", k=2
    )
    by_intent = {s.intent: s.ask_probability for s in asked}
    assert (by_intent["refund_request"] or 0) > (by_intent["lost_bag"] or 0)


def test_a_bad_product_line_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "intents.yaml"
    path.write_text("version: 1\nintents:\n  - {id: x, product_line: boats, exemplars: [a]}\n")
    with pytest.raises(InputError, match=r"field 'intents\.0\.product_line': Input should be"):
        load_taxonomy(path)
