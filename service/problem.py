"""An RFC 9457 problem as a plain exception, with no web framework: the HTTP layer
(`service.problems`) turns it into a problem+json response, the CLI writes it to its errors file."""
from __future__ import annotations

PROBLEM_TYPE = "https://annotation.example/problems/"


class Problem(Exception):
    """An error the API reports as problem+json: status, short title, detail, optional fields."""

    def __init__(self, status: int, title: str, detail: str, errors: dict | None = None,
                 headers: dict | None = None, extensions: dict | None = None):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.errors, self.headers = errors, headers or {}
        # RFC 9457 extension members (e.g. the detected language), documented in ProblemSchema.
        self.extensions = extensions or {}

    def body(self) -> dict:
        """The problem+json object (without `instance`, which belongs to an HTTP request)."""
        return problem_body(self.status, self.title, self.detail, self.errors, self.extensions)


def problem_type(title: str) -> str:
    return PROBLEM_TYPE + title.lower().replace(" ", "-")


def problem_body(status: int, title: str, detail: str, errors: dict | None = None,
                 extensions: dict | None = None) -> dict:
    body = {"type": problem_type(title), "title": title, "status": status, "detail": detail,
            **(extensions or {})}
    if errors:
        body["errors"] = errors
    return body
