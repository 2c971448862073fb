"""Three realistic customers (angry, anxious, calm): each reply is personal, cited and passes."""

from __future__ import annotations

import pytest

from agents.contracts import CaseInput, Channel, Emotion, Retrieval
from agents.interpreter import interpret
from agents.policy import load_policy, review
from agents.writer import write_draft
from tests.agents.agent_fixtures import (
    CANCEL,
    DELAY,
    DELAY_CREDIT,
    FLIGHT,
    GOODWILL,
    REBOOK,
    REFUNDS,
    SHIPPING,
    KeywordClassifier,
    make_case,
    retrieval,
)

ANGRY = make_case(
    "This is the THIRD time I'm writing about my cancelled flight JA 482!!! Nobody answers. "
    "Absolutely unacceptable. I want my money back.",
    context=FLIGHT,
    key="demo-angry",
    customer={"name": "Marcus Reed", "history": ["chat: refund for JA4K7Q", "email: no reply"]},
)
ANXIOUS = make_case(
    "My flight JA 482 is delayed and I'm really worried I'll be stuck at the airport with my "
    "kids tonight. What do we get?",
    channel=Channel.CHAT,
    key="demo-anxious",
    customer={"name": "Priya Nair", "tier": "gold"},
)
CALM = make_case(
    "Hi, my order JM-100482 hasn't arrived yet. Could you tell me what happens now? Thanks",
    channel=Channel.SMS,
    key="demo-calm",
    customer={"name": "Tom Becker"},
    context={"kind": "order", "reference": "JM-100482"},
)
DEMOS = [
    (ANGRY, retrieval(CANCEL, REBOOK, REFUNDS, GOODWILL), Emotion.ANGER),
    (ANXIOUS, retrieval(DELAY, DELAY_CREDIT), Emotion.ANXIETY),
    (CALM, retrieval(SHIPPING), Emotion.NEUTRAL),
]


@pytest.mark.parametrize(("case", "ret", "emotion"), DEMOS, ids=["angry", "anxious", "calm"])
def test_demo_draft_is_personal_cited_and_passes(
    case: CaseInput, ret: Retrieval, emotion: Emotion
) -> None:
    interp = interpret(case, KeywordClassifier())
    draft = write_draft(case, interp, ret, version=1)
    verdict = review(case, interp, draft, ret, load_policy())
    assert interp.emotion is emotion
    assert case.customer.name.split()[0] in draft.text
    assert draft.citations
    assert set(draft.citations) <= {p.chunk_id for p in ret.passages}
    assert (verdict.passed, verdict.findings) == (True, [])
