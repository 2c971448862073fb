"""The Temporal worker that runs case workflows and their agent activities.

One process can run any number of these against a cluster; the agent nodes are
registered through the LangGraph plugin, which turns each node into an activity named
``cx-case.<node>``.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio.client import Client
from temporalio.langgraph import LangGraphPlugin
from temporalio.worker import Worker

from agents.graph import AgentServices, make_case_graph
from agents.state import CASE_GRAPH
from cx.telemetry import Telemetry
from workflows.case_workflow import CaseWorkflow
from workflows.edit_check import EditChecker
from workflows.idle_teardown import install as quiet_idle_teardown


def build_worker(
    client: Client,
    task_queue: str,
    services: AgentServices,
    telemetry: Telemetry | None = None,
) -> Worker:
    """A worker for ``task_queue`` whose agent nodes use ``services``.

    Tracing of workflows and activities comes from the client's interceptor; the agent
    nodes' own spans and the case metrics use ``telemetry`` (default: the process's).
    """
    # Cases left waiting for an approver would print a traceback each on shutdown.
    quiet_idle_teardown()
    plugin = LangGraphPlugin(
        graphs={CASE_GRAPH: make_case_graph(services, telemetry)},
        default_activity_options={"start_to_close_timeout": timedelta(seconds=60)},
    )
    return Worker(
        client,
        task_queue=task_queue,
        workflows=[CaseWorkflow],
        # Approvers' edits are policy-checked by this activity before they are accepted.
        activities=[EditChecker(services.backend).check],
        plugins=[plugin],
        # Graceful shutdown lets in-flight agent activities finish on Ctrl-C.
        graceful_shutdown_timeout=timedelta(seconds=5),
    )
