"""Turning typed case data into the text a prompt shows the model.

Free text from the customer is fenced in tags by the templates; here it is only
trimmed, and tag look-alikes are neutralised so a message cannot close its own fence.
"""

from __future__ import annotations

import re

from agents.contracts import CaseInput, Channel, Finding, Passage
from agents.policy import Policy

# Prompts stay a sensible size even for a 1 MB message: the interpreter sees the start
# and the end (where the ask usually is), the writer sees a little less.
MESSAGE_CHARS = 6000
_TAG = re.compile(r"</?\s*(customer_[a-z]+|reply)\s*>", re.I)


def fenced(text: str, limit: int = MESSAGE_CHARS) -> str:
    """Customer text, shortened from the middle and unable to break out of its tags."""
    text = _TAG.sub("[tag removed]", text)
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]}\n[... {len(text) - limit} characters omitted ...]\n{text[-half:]}"


def history_text(case: CaseInput) -> str:
    """Up to five earlier contacts, newest first, or 'none'."""
    notes = [fenced(n, 300) for n in case.customer.history[:5]]
    return "; ".join(notes) if notes else "none"


def context_text(case: CaseInput) -> str:
    """The booking or order the case is about, or 'none given'."""
    ctx = case.context
    if ctx is None:
        return "none given"
    parts = [f"{ctx.kind} {ctx.reference}", ctx.description, ctx.status, ctx.date]
    if ctx.amount is not None:
        parts.append(f"amount {ctx.amount} {ctx.currency}")
    return ", ".join(fenced(p, 300) for p in parts if p)


def passages_text(passages: list[Passage]) -> str:
    """Numbered passages with the ids the model must cite."""
    if not passages:
        return "(none found: do not state any policy terms; say a colleague will confirm)"
    return "\n\n".join(f"[{p.chunk_id}] {p.title} — {p.section}\n{p.text}" for p in passages)


def findings_text(findings: list[Finding]) -> str:
    """One line per finding the revision must fix."""
    return "\n".join(
        f'- {f.rule_id}: {f.message}; text: "{f.span or "-"}"; fix: {f.fix_hint or "-"}'
        for f in findings
    )


def length_rule(channel: Channel, policy: Policy) -> str:
    """What the channel allows, from the policy's limits."""
    limit = policy.channel_limits.get(channel)
    shape = {
        Channel.SMS: "two or three short sentences, no greeting line",
        Channel.CHAT: "a few short paragraphs",
        Channel.EMAIL: "a complete email with greeting and sign-off",
    }[channel]
    return f"{shape}, at most {limit} characters." if limit else f"{shape}."


def disclosure_text(channel: Channel, policy: Policy) -> str:
    """The AI-assistance disclosure the policy requires on this channel."""
    return policy.disclosure.for_channel(channel)
