"""The fuzz run's one check of its own (loaded through SCHEMATHESIS_HOOKS by tests/e2e/api-fuzz.test.ts).

A request the document calls valid must be taken. It replaces the fuzzer's own positive-data check in one respect
only: a 422 whose every field error names (by `code`) a rule the document gives for the operation passes. Those are
the rules no OpenAPI 3.0 schema can state: what depends on what is stored or on the clock, listed on the 422 answer
under `x-refusals-of-state` (a grid cell that does not exist, a time still to come, an Idempotency-Key reused for
another body), and the rules across fields, listed in the request's schemas under `x-cross-field-rules` (a period's
end before its start, a link or an excerpt). Likewise a refusal of what a body's bytes are (an upload whose content is
no type that may be attached) passes when its `code` is listed on that status's answer under
`x-refusals-of-content`. Every other 422 to a valid request is a failure, as are the statuses the fuzzer's own check
refuses.
"""

import schemathesis
from schemathesis.specs.openapi.checks import requires_case_meta, skips_on_unexpected_http_status

ACCEPTED = {401, 403, 404, 409, 429}


def _named_refusals(response):
    try:
        body = response.json()
    except Exception:
        return None
    if not isinstance(body, dict):
        return None
    fields = body.get("fields")
    if isinstance(fields, list) and fields:
        return {field.get("code") for field in fields if isinstance(field, dict)}
    return {body.get("error")}


def _coded_refusal(response):
    try:
        body = response.json()
    except Exception:
        return None
    return body.get("code") if isinstance(body, dict) else None


def _cross_field_rules(node):
    found = set()
    if isinstance(node, dict):
        found |= set(node.get("x-cross-field-rules", []))
        for value in node.values():
            found |= _cross_field_rules(value)
    elif isinstance(node, list):
        for value in node:
            found |= _cross_field_rules(value)
    return found


@schemathesis.check
@skips_on_unexpected_http_status
@requires_case_meta
def documented_valid_request_taken(ctx, response, case):
    if not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status >= 500 or status in ACCEPTED:
        return None
    raw = case.operation.definition.raw
    answer = raw.get("responses", {}).get(str(status), {})
    if _coded_refusal(response) in set(answer.get("x-refusals-of-content", [])):
        return None
    if status == 422:
        declared = set(raw.get("responses", {}).get("422", {}).get("x-refusals-of-state", []))
        declared |= _cross_field_rules({"body": raw.get("requestBody", {}), "query": raw.get("parameters", [])})
        named = _named_refusals(response)
        if named and named <= declared:
            return None
    raise AssertionError(
        f"A request the document calls valid was refused with {status}: {response.text[:500]}"
    )
