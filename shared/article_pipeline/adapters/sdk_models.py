"""The AWS API models the ingest function's clients are built from: only the calls the adapters make.

A botocore client is built from JSON models: on a cold start, botocore lists its ~400 service folders to find
the two it needs and parses ``endpoints.json`` (1.2 MB) and the full S3 and DynamoDB models (1.4 MB and 0.6 MB,
gzipped), for six operations. ``scripts/prune_sdk_models.py`` writes the same files, cut to those operations
and without their documentation, to ``data/botocore/``; the clients read them through botocore's own ``Loader``
with that folder as its only search path (issue 14: about 40 ms of the cold start on this machine,
docs/deploy.md). The models are data in a format botocore has read unchanged for years, so the runtime's
botocore reads them whatever its version (version skew: docs/deploy.md); calling an operation outside
``OPERATIONS`` fails at once with AttributeError, and the integration tests run every adapter through them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocore.loaders import Loader

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "botocore"

# Every API operation the adapters call, by service (S3Objects; ClientTable for ArticleStore and
# FingerprintIndex). A new call needs its operation here and `make sdk-models`.
OPERATIONS: dict[str, tuple[str, ...]] = {
    "s3": ("GetObject", "PutObject"),
    "dynamodb": ("GetItem", "PutItem", "Query", "BatchWriteItem"),
}


def pruned_loader() -> Loader:
    """botocore's data loader over the pruned models only (no default search paths)."""
    from botocore.loaders import Loader

    if not (MODELS_DIR / "endpoints.json").is_file():
        raise FileNotFoundError(f"{MODELS_DIR} has no models: run `make sdk-models`")
    return Loader(extra_search_paths=[str(MODELS_DIR)], include_default_search_paths=False)
