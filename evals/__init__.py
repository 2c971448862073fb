"""Eval suites for QA: datasets of cases, scorers for tone, accuracy and oversight."""
