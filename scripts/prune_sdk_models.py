"""Write the pruned AWS API models the ingest clients load (article_pipeline/adapters/sdk_models.py).

From the installed botocore's own data: endpoints.json with only the services the adapters call, the service
models cut to the operations in OPERATIONS and the shapes they reach (documentation dropped: botocore reads it
only to write docstrings), the services' endpoint rule sets, and the shared defaults files, all minified.
Run with `make sdk-models` after adding an operation; tests/unit/test_sdk_models.py checks the result.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "shared"))

from article_pipeline.adapters.sdk_models import MODELS_DIR, OPERATIONS  # noqa: E402 - after the path setup

SHARED_FILES = ("partitions", "sdk-default-configuration", "_retry")
SERVICE_FILES = ("service-2", "endpoint-rule-set-1")


def _shape_refs(shape: dict[str, Any]) -> list[str]:
    refs = [member["shape"] for member in shape.get("members", {}).values()]
    refs += [shape[part]["shape"] for part in ("member", "key", "value") if part in shape]
    return refs


def _without_docs(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_docs(v) for k, v in value.items() if k not in ("documentation", "documentationUrl")
        }
    if isinstance(value, list):
        return [_without_docs(v) for v in value]
    return value


def prune_service_model(model: dict[str, Any], operations: tuple[str, ...]) -> dict[str, Any]:
    """The model with ``operations`` (and any endpoint-discovery operation) and the shapes they reach."""
    missing = [name for name in operations if name not in model["operations"]]
    if missing:
        raise SystemExit(f"{model['metadata']['serviceId']} has no operation {missing}")
    kept = {
        name: op
        for name, op in model["operations"].items()
        if name in operations or op.get("endpointoperation")
    }
    wanted = [
        ref["shape"]
        for op in kept.values()
        for ref in (op.get("input"), op.get("output"), *op.get("errors", []))
        if ref
    ]
    shapes: dict[str, Any] = {}
    while wanted:
        name = wanted.pop()
        if name not in shapes:
            shapes[name] = model["shapes"][name]
            wanted.extend(_shape_refs(shapes[name]))
    pruned = {key: value for key, value in model.items() if key not in ("operations", "shapes")}
    # Documentation goes from operations and shapes only: botocore reads theirs with defaults, but requires it
    # elsewhere (clientContextParams).
    pruned["operations"] = _without_docs(kept)
    pruned["shapes"] = _without_docs({name: shapes[name] for name in model["shapes"] if name in shapes})
    return pruned


def prune_endpoints(endpoints: dict[str, Any], services: set[str]) -> dict[str, Any]:
    pruned = json.loads(json.dumps(endpoints))
    for partition in pruned["partitions"]:
        partition["services"] = {k: v for k, v in partition["services"].items() if k in services}
    return pruned  # type: ignore[no-any-return]


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> int:
    import botocore
    from botocore.loaders import Loader

    source = Loader()  # the installed botocore's data, gzipped files included
    shutil.rmtree(MODELS_DIR, ignore_errors=True)
    _write(MODELS_DIR / "endpoints.json", prune_endpoints(source.load_data("endpoints"), set(OPERATIONS)))
    for name in SHARED_FILES:
        _write(MODELS_DIR / f"{name}.json", source.load_data(name))
    for service, operations in OPERATIONS.items():
        version = source.determine_latest_version(service, "service-2")
        folder = MODELS_DIR / service / version
        model = source.load_service_model(service, "service-2", version)
        _write(folder / "service-2.json", prune_service_model(model, operations))
        _write(
            folder / "endpoint-rule-set-1.json",
            source.load_service_model(service, "endpoint-rule-set-1", version),
        )
    (MODELS_DIR / "SOURCE").write_text(
        f"Pruned from botocore {botocore.__version__}'s data by scripts/prune_sdk_models.py (Apache-2.0, "
        "Amazon.com, Inc.).\n",
        encoding="utf-8",
    )
    size = sum(p.stat().st_size for p in MODELS_DIR.rglob("*") if p.is_file())
    print(f"wrote {MODELS_DIR.relative_to(ROOT)}: {size / 1024:.0f} KiB from botocore {botocore.__version__}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
