"""Finding the project's files (template, handler, sample events) from a clone."""

from __future__ import annotations

import sys
from pathlib import Path


def repo_root(start: Path | None = None) -> Path:
    """The folder holding template.yaml: searched upwards from the cwd, then from this package."""
    for base in (start or Path.cwd(), Path(__file__).resolve()):
        for folder in (base, *base.parents):
            if (folder / "template.yaml").is_file() and (folder / "functions").is_dir():
                return folder
    raise FileNotFoundError("No template.yaml found: run this from a clone of the article-pipeline project.")


def load_ingest_handler(root: Path) -> object:
    """Import functions/ingest/ingest_handler.py the way Lambda does: its folder on the path."""
    folder = str(root / "functions" / "ingest")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import ingest_handler  # type: ignore[import-not-found]  # on sys.path only at run time, like in Lambda

    return ingest_handler
