"""Property-based fuzz of the HTTP API from its own OpenAPI document (schemathesis + hypothesis).

The real app runs under uvicorn on 127.0.0.1 with models marked ready and a real SQLite memory
holding two sessions; every documented operation gets valid and invalid requests, with the token,
with another session's token and with none. The server must answer each with less than 500, and
leave no session live behind. Bounded: a fixed number of examples, well under a minute.
"""
from __future__ import annotations

import time

import httpx
import pytest

from memory import MemoryService
from memory.sqlite_store import SqliteStore
from perception.events import Transcript
from server.app import create_app
from server.models import Models
from tests.conftest import TOKEN, uvicorn_thread
from tests.synthetic import HashingEmbedder

EXAMPLES = 250


@pytest.fixture
def server(settings):
    models = Models(settings)
    models.memory = MemoryService(SqliteStore(settings.data_dir), HashingEmbedder())
    models.ready_event.set()
    for session_id in ("alpha0000001", "beta00000001"):
        memory = models.memory.open_session(session_id)
        memory.add_transcript(Transcript(session_id, 1.0, 3.0, f"{session_id} said hello"))
        memory.live = False
        memory.flush(30)
    app = create_app(settings.model_copy(update={"connect_timeout_s": 2.0}), models)
    with uvicorn_thread(app) as port:
        yield app, f"http://127.0.0.1:{port}"
    models.memory.close()


def test_fuzzing_the_api_finds_no_5xx_and_leaves_no_phantom_sessions(server):
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from schemathesis import GenerationMode

    app, url = server
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    operator = {"Authorization": f"Bearer {TOKEN}"}
    one_session = {"Authorization": f"Bearer {app.state.core.auth.session_token('alpha0000001')}"}
    # mostly with the deployment token, so the requests get past the checks into the handlers
    strategy = st.one_of(*(schema.as_strategy(mode, headers=headers or None)
                           for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
                           for headers in (operator, operator, operator, one_session, {})))
    seen: dict[int, int] = {}
    started = time.monotonic()

    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def call(case) -> None:
        response = case.call(base_url=url, timeout=15)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"

    call()
    assert time.monotonic() - started < 60, "the fuzz run must stay bounded"
    assert sum(seen.values()) >= EXAMPLES // 2 and len(seen) >= 3, seen  # it did reach the routes
    live = [s for s in httpx.get(f"{url}/api/sessions", headers=operator).json() if s["live"]]
    assert live == [] and not app.state.core.sessions, live
