"""The specialist agents, their typed contracts, reasoning backends and the case graph.

Each agent is a pure function over pydantic contracts (``agents.contracts``); the graph
(``agents.graph``) wires them as LangGraph nodes that the Temporal plugin runs as
activities.
"""
