"""Emotion reading: the right feeling, and intensity that rises with shouting and swearing."""

from __future__ import annotations

import pytest

from agents.contracts import Emotion
from agents.emotion import read_emotion


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("This is absolutely unacceptable, the worst airline ever.", Emotion.ANGER),
        ("Still waiting, this is the third time I write. So frustrating.", Emotion.FRUSTRATION),
        ("I'm really worried I will miss my connection, please help.", Emotion.ANXIETY),
        (
            "My father passed away and I need to change the booking for the funeral.",
            Emotion.SADNESS,
        ),
        ("I don't understand which option applies to me.", Emotion.CONFUSION),
        ("Thank you so much, the crew were wonderful!", Emotion.SATISFACTION),
        ("Where is my order JM-100482? Thanks", Emotion.NEUTRAL),
    ],
)
def test_dominant_emotion(text: str, emotion: Emotion) -> None:
    assert read_emotion(text).emotion is emotion


def test_caps_exclamations_and_profanity_raise_intensity() -> None:
    calm = read_emotion("This is unacceptable.")
    loud = read_emotion("This is UNACCEPTABLE!!! Absolutely bloody ridiculous!!")
    assert calm.emotion is loud.emotion is Emotion.ANGER
    assert loud.intensity > calm.intensity + 0.3
    assert 0.0 <= calm.intensity <= loud.intensity <= 1.0


def test_neutral_has_zero_intensity() -> None:
    assert read_emotion("Please send the invoice for order JM-100482.").intensity == 0.0


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        (
            "Our flight was late because of snow. Does that mean we get nothing at all?",
            Emotion.CONFUSION,
        ),
        ("I was told I would get $640 back. Why does my account say pending?", Emotion.CONFUSION),
        ("Billing error!!! Charged twice, refund the difference immediately.", Emotion.ANGER),
        ("My order is late and I need it for my daughter's birthday on Saturday.", Emotion.ANXIETY),
        ("The new flight isn't until 8pm, that's 5 hours from now.", Emotion.FRUSTRATION),
        ("How long does standard delivery usually take?", Emotion.NEUTRAL),
        ("The wheel of my suitcase is broken, can I report it?", Emotion.NEUTRAL),
    ],
)
def test_situational_cues(text: str, emotion: Emotion) -> None:
    assert read_emotion(text).emotion is emotion


def test_worry_cues_with_word_classes_match() -> None:
    # These cues once held doubled backslashes in raw strings and could never match.
    for message in ("My account was hacked.", "Is my bag lost?", "Can you help her?"):
        assert read_emotion(message).emotion is Emotion.ANXIETY, message
    assert read_emotion("Is this legit?").emotion is Emotion.CONFUSION


def test_a_letter_sign_off_is_form_not_satisfaction() -> None:
    letter = "Hi,\n\nThe lamp isn't what I expected, I'd like to send it back.\n\nThank you,\nAda"
    assert read_emotion(letter).emotion is Emotion.NEUTRAL
    grateful = "Thank you for the quick refund! Can I also ask when check-in opens?\n\nBest,\nAda"
    assert read_emotion(grateful).emotion is Emotion.SATISFACTION


def test_thanks_that_turn_into_a_grievance_are_not_satisfaction() -> None:
    grudging = (
        "Thanks for the $25 voucher, but honestly it doesn't cover it. I had to chase it "
        "four times and half my order never arrived."
    )
    assert read_emotion(grudging).emotion is not Emotion.SATISFACTION
    assert read_emotion("Thanks for the quick refund! How do I use the voucher?").emotion is (
        Emotion.SATISFACTION
    )


def test_thanks_followed_by_asking_for_more_is_frustration() -> None:
    for message in (
        "Thanks for the $80 credit. I lost a whole evening over it, so would you add $40 more?",
        "Appreciate the voucher. It felt a bit light for three weeks of chasing.",
    ):
        assert read_emotion(message).emotion is Emotion.FRUSTRATION, message


def test_politeness_alone_is_not_satisfaction() -> None:
    # "please" and "I'd like" lift VADER's score; without thanks or praise it is neutral.
    for message in (
        "If this is a bot I'd like a real person to take over my case please.",
        "Hi, could you kindly move my seat to the aisle please? I would like that a lot.",
    ):
        assert read_emotion(message).emotion is not Emotion.SATISFACTION, message
    assert read_emotion("The crew on my flight were lovely. Who do I tell?").emotion is (
        Emotion.SATISFACTION
    )


def test_the_grind_of_chasing_reads_as_frustration() -> None:
    for message in (
        "How many times do I have to ask for the invoice?",
        "Order JM-100482 hasn't moved in a week, what's going on?",
        "The app keeps saying my code is wrong.",
        "I want something for the runaround with the refund.",
    ):
        assert read_emotion(message).emotion is Emotion.FRUSTRATION, message
    assert read_emotion("Can I change the size on JM-100482 before it ships?").emotion is (
        Emotion.NEUTRAL
    )
