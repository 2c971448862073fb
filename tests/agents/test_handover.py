"""A case handed to a person says so, quotes the customer's rights, and cites the policy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from agents.backends.local import LocalBackend
from agents.contracts import (
    Channel,
    Interpretation,
    Passage,
    Retrieval,
    RiskSignal,
)
from agents.graph import AgentServices, CaseNodes
from agents.policy import load_policy
from agents.writer import write_draft
from cx.settings import RiskSettings
from cx.telemetry import DISABLED
from tests.agents.agent_fixtures import (
    CANCEL,
    KeywordClassifier,
    interpretation,
    make_case,
    passage,
)

CHARGEBACKS = passage(
    "billing-disputes#chargebacks",
    "You always have the right to contact your bank or card provider about a charge, including "
    "to ask for a chargeback. Juniper Group will never discourage you from doing so.\n\n"
    "If you mention a chargeback to us, your case goes to our billing team. It helps to tell "
    "us the chargeback reference, because if we also refund you directly while the bank's "
    "process is running, the same amount could be returned twice and later reversed.",
    "billing",
)
SPECIALIST = passage(
    "vulnerable-customers#specialist",
    "Cases involving a customer in vulnerable circumstances are always handled by a trained "
    "human specialist.",
    "vulnerable",
)
MESSAGE = (
    "My flight JA 118 was cancelled, so I want a refund of the $318 fare. "
    "I've filed a chargeback with my card company too."
)


def _interp(*signals: RiskSignal) -> Interpretation:
    return interpretation("flight_cancellation", *signals, requested_amount=Decimal("318"))


def _found(*extra: Passage, **signal_passages: str) -> Retrieval:
    return Retrieval(
        query="q",
        passages=[CANCEL, *extra],
        signal_passages={RiskSignal(k): v for k, v in signal_passages.items()},
    )


def test_a_chargeback_reply_quotes_the_right_to_go_to_the_bank_and_offers_no_refund() -> None:
    case = make_case(MESSAGE, channel=Channel.EMAIL)
    found = _found(CHARGEBACKS, chargeback=CHARGEBACKS.chunk_id)
    draft = write_draft(case, _interp(RiskSignal.CHARGEBACK), found, version=1)
    assert "You always have the right to contact your bank" in draft.text
    assert "It helps to tell us the chargeback reference" in draft.text
    assert "billing team will review the payment" in draft.text
    assert CHARGEBACKS.chunk_id in draft.citations
    # Refunding beside the bank's dispute could pay twice: billing decides, not the draft.
    assert not [o for o in draft.offers if o.kind == "refund"]
    assert "as soon as the refund has been issued" not in draft.text


def test_the_same_case_without_a_chargeback_offers_the_refund() -> None:
    case = make_case(MESSAGE.replace("I've filed a chargeback with my card company too.", ""))
    draft = write_draft(case, _interp(), _found(), version=1)
    assert [o.kind for o in draft.offers] == ["refund"]
    assert "right to contact your bank" not in draft.text


def test_an_sms_keeps_only_the_hand_over_sentence() -> None:
    case = make_case(MESSAGE, channel=Channel.SMS)
    found = _found(CHARGEBACKS, chargeback=CHARGEBACKS.chunk_id)
    draft = write_draft(case, _interp(RiskSignal.CHARGEBACK), found, version=1)
    assert "billing team will review the payment" in draft.text
    assert "right to contact your bank" not in draft.text


def test_a_vulnerable_customer_is_told_a_specialist_takes_over_and_the_policy_is_cited() -> None:
    case = make_case("The ticket was for my father, who died before he could travel.")
    found = _found(SPECIALIST, vulnerable_customer=SPECIALIST.chunk_id)
    draft = write_draft(case, _interp(RiskSignal.VULNERABLE_CUSTOMER), found, version=1)
    assert "A specialist from our team will look after your case" in draft.text
    assert SPECIALIST.chunk_id in draft.citations
    # The hand-over policy is not quoted as if it were a fact about the refund.
    assert "Cases involving a customer" not in draft.text


class _PolicyRetriever:
    """The chargeback policy for a search about chargebacks, the cancellation rules otherwise."""

    def retrieve(
        self, query: str, *, k: int = 5, prefer_areas: list[str] | None = None
    ) -> Retrieval:
        found = [CHARGEBACKS] if query == "chargeback rights" else [CANCEL]
        return Retrieval(query=query, passages=found[:k])


def _retrieve(interp: Interpretation) -> Retrieval:
    services = AgentServices(
        backend=LocalBackend(KeywordClassifier(), load_policy(), RiskSettings()),
        retriever=_PolicyRetriever(),
        deliverer=None,  # type: ignore[arg-type]  # retrieval never delivers
        risk_queries={RiskSignal.CHARGEBACK: "chargeback rights"},
    )
    state: dict[str, Any] = {
        "case": make_case(MESSAGE).model_dump(mode="json"),
        "interpretation": interp.model_dump(mode="json"),
    }
    return Retrieval.model_validate(CaseNodes(services, DISABLED).retrieve(state)["retrieval"])


def test_retrieval_adds_the_policy_of_each_raised_signal() -> None:
    found = _retrieve(_interp(RiskSignal.CHARGEBACK))
    assert [p.chunk_id for p in found.passages] == [CANCEL.chunk_id, CHARGEBACKS.chunk_id]
    assert found.signal_passages == {RiskSignal.CHARGEBACK: CHARGEBACKS.chunk_id}


def test_a_signal_without_a_policy_query_adds_nothing() -> None:
    found = _retrieve(_interp(RiskSignal.ABUSE))
    assert [p.chunk_id for p in found.passages] == [CANCEL.chunk_id]
    assert found.signal_passages == {}
