"""The API's description (OpenAPI 3.1, JSON) and a readable page of it, served by the app."""

from __future__ import annotations

import copy
import http

import flask
from flask import jsonify, render_template

from casework.api.blueprint import bp
from casework.api.problems import MEDIA_TYPE

#: Answers every operation may give besides its own, by status (component names).
COMMON_RESPONSES = {
    "401": "UNAUTHORIZED",
    "403": "FORBIDDEN",
    "404": "NOT_FOUND",
    "429": "TOO_MANY_REQUESTS",
}
WRITE_RESPONSES = {"400": "BAD_REQUEST", "413": "REQUEST_ENTITY_TOO_LARGE"}
METHODS = ("get", "post", "put", "patch", "delete")


def description() -> dict:
    """The OpenAPI document: flask-smorest's, with the answers every operation may give."""
    from casework.api import api

    spec = copy.deepcopy(api.spec.to_dict())
    spec["servers"] = [{"url": "/"}]
    components = spec.setdefault("components", {}).setdefault("responses", {})
    for status, name in {**COMMON_RESPONSES, **WRITE_RESPONSES}.items():
        components.setdefault(
            name,
            {
                "description": http.HTTPStatus(int(status)).phrase,
                "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            },
        )
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            extra = dict(COMMON_RESPONSES)
            if method != "get":
                extra.update(WRITE_RESPONSES)
            for status, name in extra.items():
                operation["responses"].setdefault(
                    status, {"$ref": f"#/components/responses/{name}"}
                )
            operation.setdefault(
                "operationId", method + path.replace("/api/v1", "").replace("/", "_")
            )
    return spec


def openapi_json():
    """The description, for programs (no token needed)."""
    return jsonify(description())


def _schema_name(ref_holder: dict | None) -> str:
    if not ref_holder:
        return ""
    schema = ref_holder.get("schema", {})
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return "[" + schema["items"]["$ref"].rsplit("/", 1)[-1] + "]"
    return schema.get("format") or schema.get("type", "")


def docs():
    """The description as a page people read: every operation, its inputs and answers."""
    spec = description()
    operations = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            responses = []
            for status, answer in sorted(op["responses"].items()):
                if "$ref" in answer:
                    continue  # the common problems, listed once on the page
                content = answer.get("content", {})
                media, holder = next(iter(content.items()), ("", None))
                responses.append((status, media, _schema_name(holder)))
            operations.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": op.get("parameters", []),
                    "body": _schema_name(body),
                    "responses": responses,
                }
            )
    return render_template(
        "api/docs.html",
        spec=spec,
        operations=operations,
        schemas=spec.get("components", {}).get("schemas", {}),
    )


# Registered on the Flask blueprint directly, so that they are not operations of the API.
flask.Blueprint.add_url_rule(bp, "/openapi.json", "openapi_json", openapi_json)
flask.Blueprint.add_url_rule(bp, "/docs", "docs", docs)
