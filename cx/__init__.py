"""The application layer: settings, errors, service functions, CLI and (later) the REST API.

The product packages (``agents``, ``workflows``, ``knowledge``, ``evals``) hold the
architecture; ``cx`` is the thin layer that people and CI talk to.
"""
