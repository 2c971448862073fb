"""Building blocks of the local reply writer: tone, passage selection, offers, revision.

``agents.writer`` composes them; ``agents.policy`` reuses the fact and grounding helpers so
the writer and the checker agree on what a grounded fact is.
"""
