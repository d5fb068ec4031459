"""The API under /api/v1/: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from expediente import __version__
from expediente.api import problems
from expediente.api.auth import TokenAuth
from expediente.api.cases import courts_router, router

api = NinjaAPI(
    title="Expediente API",
    version="1",
    description=(
        "Open criminal cases, add their participants and charges, append events to their "
        "docket and read them back. Authenticate with `Authorization: Bearer <token>` "
        "(`expediente token create`). Errors are RFC 9457 problem details "
        f"(`application/problem+json`) naming the failing fields. Server {__version__}."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
)
problems.install(api)
api.add_router("/", router)
api.add_router("/", courts_router)
