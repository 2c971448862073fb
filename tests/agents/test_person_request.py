"""Requests for a person in the words customers use, and look-alikes that are not requests."""

from __future__ import annotations

import pytest

from agents.person_request import asks_for_person


@pytest.mark.parametrize(
    "message",
    [
        "bag still not here. id like a call back from your team today on this number pls",
        "I'd rather deal with a living, breathing person if that's OK.",
        "I'd rather one of your security people got in touch with me directly.",
        "can u put me thru to somebody who can actually check with the driver",
        "Could you pass this to someone on your team to sort out the collection with me?",
        "Before anything happens though, can you hand me over to your team?",
        "I would like this escalated to a person with the authority to decide.",
        "get me a manager on this pls",
        "Could a member of your customer team take this over personally?",
        "Could you put me in touch with whoever handles damaged bags?",
        "Can this go to your team rather than the automatic replies, please?",
        "is anyone actually reading these? if so id like that person to chase it",
        "been through the help pages twice. transfer me pls",
        "I don't want another template. I'd like a named contact who will own this.",
        "I'd prefer this handled by your privacy team, not an automated system.",
        "Any chance of a carbon-based life form looking at this?",
        "Can I trade you in for one of your colleagues on the refunds desk?",
    ],
)
def test_requests_for_a_person_in_many_words_are_heard(message: str) -> None:
    assert asks_for_person(message)


@pytest.mark.parametrize(
    "message",
    [
        "No need to get a manager involved, just tell me the refund date.",
        "Your colleague was lovely on the phone yesterday.",
        "The gate supervisor told me to email you.",
        "Could I speak to someone if needed? No rush, just wondering how refunds work.",
        "Could someone look into why my refund is late?",
        "Can you call me a taxi to the hotel?",
        "Please remove my phone number, the texts seem meant for someone else.",
        "Can anyone tell me when the flight leaves?",
        "Whoever read my last message, thank you: it clearly reached a real person.",
        "Can you transfer my ticket to my sister?",
        "Can I swap my aisle seat for a window one?",
        "Is the water filter carbon-based or ceramic?",
    ],
)
def test_look_alikes_are_not_requests_for_a_person(message: str) -> None:
    assert asks_for_person(message) is None
