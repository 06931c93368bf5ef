"""Rejections: the ways an upload can be refused, each with a stable code and a human sentence."""

from __future__ import annotations


class Rejection(Exception):  # noqa: N818 - a rejection is an outcome, not an "Error" of the program
    """The input cannot become an article. ``code`` is machine-readable and stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Stable codes, documented in README "Bad input".
EMPTY = "empty"
TOO_LARGE = "too_large"
DECOMPRESSION_LIMIT = "decompression_limit"
BINARY = "binary"
UNSUPPORTED_TYPE = "unsupported_type"
UNDECODABLE = "undecodable"
MALFORMED_JSON = "malformed_json"
NO_TEXT = "no_text"
OUTSIDE_PREFIX = "outside_prefix"
JSON_ARRAY = "json_array"  # a JSON array or JSON Lines of several articles: one article per upload
TOO_COMPLEX = "too_complex"  # markup nested or sized beyond what the stage parses in bounded time
UNPROCESSABLE = "unprocessable"  # safety net: an unexpected failure while decoding, never a crash
