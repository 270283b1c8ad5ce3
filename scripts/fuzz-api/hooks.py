"""Schemathesis hooks for scripts/fuzz-api.sh.

`cross_user_access` (a check): Schemathesis' own `object_level_authorization` replays Alice's reads
as Bob; this also tries Bob's writes. Whenever Alice gets one of her tasks, notifications or
conversations back, Bob reads, changes, completes, deletes, reminds and marks it read: each must be
a 404 problem, exactly like a missing id, and Alice's object must be unchanged afterwards.

`filter_failure`: `positive_data_acceptance` expects a schema-valid request to succeed. Three
answers to one are right all the same, and only these are let through:
- 422 naming only fields the document lists in the operation's `x-rules` (rules JSON Schema cannot
  say: they compare fields with each other or with stored state);
- 400 naming only `cursor`, when a cursor was sent (only a cursor the server issued is one);
- 412 when an If-Match was sent (it named another version than the stored one);
- 422 "must be text without NUL characters or broken unicode" when a string sent holds one (Postgres
  text cannot hold either; JSON Schema has no pattern for it that the generator honours);
- 422 naming only path parameters whose sent value is not valid by the document's own schema: the
  stateful phase fills a parameter from an earlier response through a link it inferred, and a
  `null` there (an audit record with no task) arrives as the text `None`; the request was never
  schema-valid, and the 422 is the documented answer to it.
"""

import atexit
import os
import threading
from collections import Counter

import jsonschema_rs
import requests
import schemathesis
from schemathesis.openapi.checks import RejectedPositiveData

BASE_URL = os.environ["FUZZ_BASE_URL"]
ALICE = {"Authorization": f"Bearer {os.environ['FUZZ_ALICE_TOKEN']}"}
BOB = {"Authorization": f"Bearer {os.environ['FUZZ_BOB_TOKEN']}"}
# Each object is tried once; a long run still tries many of them.
MAX_OBJECTS_PER_KIND = 40

_tried: dict[str, set[str]] = {"task": set(), "notification": set(), "conversation": set()}
_lock = threading.Lock()
_let_through: Counter[str] = Counter()


def _problem_fields(response) -> list[str] | None:
    body = _json(response)
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return None
    return [error.get("field") if isinstance(error, dict) else None for error in errors]


def _sent_header(case, name: str) -> bool:
    return any(key.lower() == name.lower() for key in (case.headers or {}))


def _invalid_path_parameters(case) -> set[str]:
    """The path parameters whose sent value the document's schema for them refuses."""
    invalid = set()
    for parameter in case.operation.definition.raw.get("parameters", []):
        if parameter.get("in") != "path" or parameter.get("name") not in (case.path_parameters or {}):
            continue
        value = case.path_parameters[parameter["name"]]
        if not jsonschema_rs.validator_for(parameter.get("schema", {}), validate_formats=True).is_valid(value):
            invalid.add(parameter["name"])
    return invalid


PLAIN_TEXT_MESSAGE = "must be text without NUL characters or broken unicode"


def _strings(value):
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _sent_text_postgres_cannot_store(case) -> bool:
    """The body holds a NUL character or a lone surrogate (JSON Schema's `pattern` has no way to say "no NUL")."""
    return any("\x00" in text or any(0xD800 <= ord(char) <= 0xDFFF for char in text) for text in _strings(case.body))


def _problem_messages(response) -> list[str]:
    body = _json(response)
    errors = body.get("errors") if isinstance(body, dict) else None
    return [error.get("message") for error in errors if isinstance(error, dict)] if isinstance(errors, list) else []


def _explained(case, response) -> str | None:
    """Why a schema-valid request was rightly refused, or None when nothing in the document says so."""
    fields = _problem_fields(response)
    if response.status_code == 422 and _problem_messages(response) and all(message == PLAIN_TEXT_MESSAGE for message in _problem_messages(response)) and _sent_text_postgres_cannot_store(case):
        return "422 NUL or a lone surrogate in a string"
    if response.status_code == 422:
        rules = case.operation.definition.raw.get("responses", {}).get("422", {}).get("x-rules", {})
        if fields and all(field in rules for field in fields):
            return f"422 {'+'.join(sorted(set(fields)))}"
        if fields and set(fields) <= _invalid_path_parameters(case):
            return f"422 {'+'.join(sorted(set(fields)))} (a linked value the schema refuses)"
    if response.status_code == 400 and fields == ["cursor"] and "cursor" in (case.query or {}):
        return "400 cursor"
    if response.status_code == 412 and _sent_header(case, "If-Match"):
        return "412 If-Match"
    return None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if not isinstance(failure, RejectedPositiveData):
        return True
    reason = _explained(case, response)
    if reason is None:
        return True
    with _lock:
        _let_through[f"{case.operation.label}: {reason}"] += 1
    return False


@atexit.register
def _report_let_through() -> None:
    tried = ", ".join(f"{len(keys)} {kind}s" for kind, keys in _tried.items())
    lines = [f"{count:6} {reason}" for reason, count in sorted(_let_through.items())]
    summary = f"Bob tried Alice's {tried}.\nSchema-valid requests rightly refused (let through by filter_failure):\n" + "\n".join(lines) + "\n"
    with open(os.path.join(os.environ["FUZZ_REPORTS"], "let-through.txt"), "w", encoding="utf-8") as report:
        report.write(summary)


def _first_try(kind: str, key: str) -> bool:
    with _lock:
        tried = _tried[kind]
        if key in tried or len(tried) >= MAX_OBJECTS_PER_KIND:
            return False
        tried.add(key)
        return True


def _send(method: str, path: str, headers: dict, body=None) -> requests.Response:
    return requests.request(method, BASE_URL + path, headers=headers, json=body, timeout=10)


def _expect_not_found(method: str, path: str, body=None) -> None:
    answer = _send(method, path, BOB, body)
    media_type = answer.headers.get("content-type", "")
    if answer.status_code != 404 or not media_type.startswith("application/problem+json"):
        raise AssertionError(
            f"Bob's {method} {path} on Alice's object answered {answer.status_code} {media_type}, "
            f"not a 404 problem: {answer.text[:300]}"
        )


def _alices(case, response) -> bool:
    sent = response.request.headers.get("Authorization") if response.request is not None else None
    return 200 <= response.status_code < 300 and sent == ALICE["Authorization"]


def _json(response):
    try:
        return response.json()
    except ValueError:
        return None


def _try_task(task_id: str) -> None:
    before = _send("GET", f"/tasks/{task_id}", ALICE)
    if before.status_code != 200:
        return
    _expect_not_found("GET", f"/tasks/{task_id}")
    _expect_not_found("PUT", f"/tasks/{task_id}", {"title": "taken over"})
    _expect_not_found("POST", f"/tasks/{task_id}/complete")
    _expect_not_found("DELETE", f"/tasks/{task_id}")
    _expect_not_found("POST", "/reminders/schedule", {"taskId": task_id, "before": "PT5M"})
    history = _send("GET", f"/audit/tasks/{task_id}", BOB)
    if history.status_code != 200 or (_json(history) or {}).get("items") != []:
        raise AssertionError(f"Bob's GET /audit/tasks/{task_id} showed Alice's history: {history.status_code} {history.text[:300]}")
    reminders = _send("GET", f"/reminders?taskId={task_id}", BOB)
    if reminders.status_code != 200 or (_json(reminders) or {}).get("items") != []:
        raise AssertionError(f"Bob's GET /reminders?taskId={task_id} showed Alice's reminders: {reminders.status_code} {reminders.text[:300]}")
    after = _send("GET", f"/tasks/{task_id}", ALICE)
    if after.status_code != 200 or _json(after) != _json(before):
        raise AssertionError(f"Alice's task {task_id} changed while Bob tried it: {before.text[:300]} -> {after.status_code} {after.text[:300]}")


@schemathesis.check
def cross_user_access(ctx, response, case):
    """Bob gets a 404 problem for everything he tries on Alice's tasks, notifications and conversations."""
    if not _alices(case, response):
        return None
    body = _json(response)
    label = case.operation.label
    if label in ("POST /tasks", "GET /tasks/{id}", "PUT /tasks/{id}", "POST /tasks/{id}/complete") and isinstance(body, dict):
        task_id = body.get("id")
        if isinstance(task_id, str) and _first_try("task", task_id):
            _try_task(task_id)
    elif label == "POST /notifications/send" and isinstance(body, dict):
        for item in body.get("items") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str) and _first_try("notification", item["id"]):
                _expect_not_found("POST", f"/notifications/{item['id']}/read")
                _expect_not_found("GET", "/notifications/alice")
    elif label == "POST /chat" and isinstance(body, dict):
        conversation_id = body.get("conversationId")
        if isinstance(conversation_id, str) and _first_try("conversation", conversation_id):
            _expect_not_found("GET", f"/conversations/{conversation_id}")
            _expect_not_found("POST", "/chat", {"message": "list my tasks", "conversationId": conversation_id})
    return None
