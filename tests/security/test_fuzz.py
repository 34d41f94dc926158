"""Schemathesis over the whole OpenAPI schema, as an administrator and as a citizen account.

Every operation gets a few generated requests (bounded so the run stays well under two
minutes); any 5xx fails the test with the request that caused it.  Requests go through
Django's test client in-process, so they share the test's database (SQLite in CI).
"""

from __future__ import annotations

import json
import time

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 3
# CPU seconds per role (not wall time: a busy machine must not shrink the coverage).
BUDGET_SECONDS = 60
# Operations that would end the session or take seconds each by design (imports, the whole
# indicator report) are still fuzzed, but with one example.
SLOW = ("import", "indicators", "report", "review/")


def _schema():
    document = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(json.loads(json.dumps(document, default=str)))


def _send(client: Client, case):
    path = case.formatted_path
    method = case.method.lower()
    if method in ("get", "delete", "head", "options"):
        response = getattr(client, method)(path, data=case.query or {})
    else:
        body = case.body if case.body is not None and not _is_unset(case.body) else {}
        media = case.media_type or "application/json"
        if "multipart" in media or "form" in media:
            payload = body if isinstance(body, dict) else {}
            payload = {k: v for k, v in payload.items() if v is not None}
            response = getattr(client, method)(
                path + _query(case.query), data={k: _form(v) for k, v in payload.items()}
            )
        else:
            response = getattr(client, method)(
                path + _query(case.query), data=json.dumps(body), content_type="application/json"
            )
    return response.status_code, response


def _is_unset(value) -> bool:
    return type(value).__name__ == "NotSet"


def _form(value):
    return json.dumps(value) if isinstance(value, (dict, list)) else value


def _query(query) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(query, doseq=True) if query else ""


def _fuzz(client: Client) -> tuple[list[str], int, int]:
    schema = _schema()
    failures: list[str] = []
    started = time.process_time()
    operations = [result.ok() for result in schema.get_all_operations()]
    covered = 0
    for operation in operations:
        if time.process_time() - started > BUDGET_SECONDS:
            break
        covered += 1
        examples = 1 if any(s in operation.path for s in SLOW) else EXAMPLES_PER_OPERATION
        strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE)

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def run(case) -> None:
            status, response = _send(client, case)
            if status >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} query={case.query} "
                    f"body={str(case.body)[:200]} -> {status} {response.content[:200]!r}"
                )

        run()
    return failures, covered, len(operations)


@pytest.mark.parametrize("who", ["administrator", "public"])
def test_no_generated_request_causes_a_server_error(who, users, client):
    client.raise_request_exception = False
    client.force_login(users[who])
    failures, covered, total = _fuzz(client)
    print(f"fuzzed {covered} of {total} operations as {who}")
    assert failures == [], "\n".join(failures[:20])
    assert covered == total, f"CPU budget ran out after {covered} of {total} operations"
