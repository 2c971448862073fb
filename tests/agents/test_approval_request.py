"""What an approver is shown after a rewrite: the writer says what it could not do."""

from __future__ import annotations

from agents.approval_gate import build_request, instruction_findings
from agents.contracts import Priority, RiskDecision, Route
from agents.interpreter import interpret
from agents.policy import load_policy, review
from agents.state import CaseState
from agents.writer import write_draft
from tests.agents.agent_fixtures import CANCEL, REBOOK, KeywordClassifier, make_case, retrieval


def test_instructions_the_local_writer_cannot_follow_are_shown_to_the_approver() -> None:
    case = make_case("My flight was cancelled, please refund it.")
    found = retrieval(CANCEL, REBOOK)
    interp = interpret(case, KeywordClassifier())
    first = write_draft(case, interp, found, version=1)
    asked = "Offer to call her back this afternoon instead."
    findings = instruction_findings({"instructions": asked})
    second = write_draft(case, interp, found, version=2, previous=first, findings=findings)
    state: CaseState = {
        "case_id": "case-1",
        "case": case.model_dump(mode="json"),
        "draft": second.model_dump(mode="json"),
        "interpretation": interp.model_dump(mode="json"),
        "review": review(case, interp, second, found, load_policy()).model_dump(mode="json"),
        "risk": RiskDecision(route=Route.HUMAN, priority=Priority.P3).model_dump(mode="json"),
        "retrieval": found.model_dump(mode="json"),
    }
    request = build_request(state)
    assert request.draft_version == 2
    assert any(asked in note and "left for a human" in note for note in request.revision_notes)
