"""The ``cx`` command line: one sub-command group per user (operator, approver, QA, admin)."""
