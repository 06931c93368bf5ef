# ruff: noqa: RUF001  # Cyrillic text is the subject of this test
"""Same-story grouping across languages: a Russian report of the seeds' meeting joins their story."""

from __future__ import annotations

from article_pipeline.index.story import STORY_THRESHOLD, features_of, similarity
from article_pipeline.models import Source
from article_pipeline.pipeline.process import process_article
from support import CORPUS

# A Russian report of the meeting the English seeds report (written for this test from the seeds' facts).
RUSSIAN_REPORT = (
    "date 2025-12-02 БРЮССЕЛЬ, 1 декабря. Казахстан и Европейский союз объявили о начале переговоров об "
    "упрощении визового режима. Министр иностранных дел Казахстана Ермек Кошербаев и глава европейской "
    "дипломатии Кая Каллас провели заседание Совета сотрудничества Казахстан – ЕС в Брюсселе.\n\n"
    "«Этот шаг внесет значительный вклад в укрепление гуманитарных связей», — сказала Каллас. "
    "Товарооборот Казахстана и ЕС в 2024 году достиг 50 миллиардов долларов, сообщил Кошербаев."
)
UNRELATED_RUSSIAN = (
    "МОСКВА, 4 августа. Правительство России одобрило план строительства новых школ в Сибири. Министр "
    "просвещения Сергей Кравцов заявил, что работы начнутся весной. Бюджет программы составит 20 миллиардов рублей."
)


def _features(text: str, key: str) -> object:
    record = process_article(
        text.encode(), Source(bucket="b", key=key), processed_at="2025-12-02T10:00:00.000Z"
    )
    return features_of(record)


def test_russian_report_of_the_seed_meeting_joins_the_seeds_story() -> None:
    # GIVEN an English seed and a Russian report of the same meeting, and an unrelated Russian article
    seed = (CORPUS / "seeds" / "000_5cc2c9c38357890f.txt").read_text(encoding="utf-8")
    english = _features(seed, "incoming/seed.txt")
    russian = _features(RUSSIAN_REPORT, "incoming/ru.txt")
    unrelated = _features(UNRELATED_RUSSIAN, "incoming/other.txt")
    # WHEN they are compared THEN the two reports of one meeting score above the story threshold
    assert similarity(english, russian).score >= STORY_THRESHOLD  # type: ignore[arg-type]
    # AND the unrelated article does not
    assert similarity(english, unrelated).score < STORY_THRESHOLD  # type: ignore[arg-type]


def test_russian_article_is_found_by_the_latin_spelling_of_a_name() -> None:
    # GIVEN the Russian report, indexed
    from article_pipeline.index.entries import entity_pk, entries_for

    record = process_article(
        RUSSIAN_REPORT.encode(),
        Source(bucket="b", key="incoming/ru.txt"),
        processed_at="2025-12-02T10:00:00.000Z",
    )
    keys = {entry.pk for entry in entries_for(record)}
    # WHEN a user looks up "Kaja Kallas" and "Yermek Kosherbayev" THEN the article is under both keys
    assert entity_pk("Kaja Kallas") in keys
    assert entity_pk("Yermek Kosherbayev") in keys
