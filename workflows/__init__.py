"""Durable orchestration: the case workflow, its worker, delivery and client helpers."""
