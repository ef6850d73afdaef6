"""Schemathesis against /openapi.json: generated calls to every operation, no server error."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from netweave.services.context import Context
from netweave.services.events import add_event
from netweave.services.tasks import add_task
from netweave.web.app import create_app
from netweave.web.security import COOKIE, Session, Signer
from web.web_helpers import DAY, add

KEY = b"k" * 32
TOKEN = "schemathesis-csrf-token-0123456789abcdef"
#: Examples per operation: enough to reach every branch of the small API, well under a minute.
EXAMPLES = 6


def test_no_server_errors(web_ctx: Context) -> None:
    for name in ("Ada Lovelace", "Charles Babbage"):
        add(web_ctx, name, tags=["math"], company="Engines Ltd")
    add_task(web_ctx, "Write to Ada", person="Ada Lovelace")
    add_event(web_ctx, "Meetup", DAY)
    app = create_app(web_ctx, signing_key=KEY)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers={"host": "127.0.0.1"})
    cookie = Signer(KEY).dump(Session(csrf=TOKEN))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(
                base_url="http://127.0.0.1",
                headers={"x-csrf-token": TOKEN, "host": "127.0.0.1"},
                cookies={COOKIE: cookie},
                checks=[not_a_server_error],
            )

        call()
