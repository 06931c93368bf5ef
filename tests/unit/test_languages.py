# ruff: noqa: RUF001  # typographic quotes and Cyrillic letters are the subject of these tests
"""The document model, language packs, transliteration and the pack-driven extraction (no network)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from article_pipeline.models import ALL_FACTS, LANGUAGE_INDEPENDENT_FACTS, Source
from article_pipeline.pipeline import polyglot
from article_pipeline.pipeline.document import build_document, lead_summary
from article_pipeline.pipeline.fingerprint import fingerprints
from article_pipeline.pipeline.langpack import Lexicon, load_pack, refine_language, supported_languages
from article_pipeline.pipeline.process import process_article
from article_pipeline.pipeline.translit import latin_forms

RUSSIAN = (
    "АСТАНА, 3 декабря. /ТАСС/. Министр иностранных дел Казахстана Ермек Кошербаев встретился в Брюсселе "
    "с главой дипломатии Евросоюза Каей Каллас. Стороны обсудили торговлю объемом 50 миллиардов долларов.\n\n"
    "«Это важный шаг для наших граждан и компаний», — сказала Каллас журналистам."
)
GERMAN = (
    "BERLIN (dpa) - Bundeskanzler Friedrich Merz hat am Dienstag den französischen Präsidenten Emmanuel "
    "Macron in Berlin empfangen. Die Regierung will 86 Milliarden Euro in die Sicherheit investieren. "
    "Merz sagte, die Unterstützung der Ukraine bleibe wichtig."
)


def _record(text: str, key: str = "incoming/a.txt") -> object:
    return process_article(
        text.encode(), Source(bucket="b", key=key), processed_at="2000-01-01T00:00:00.000Z"
    )


# --------------------------------------------------------------------------------------------------
# Document


def test_document_tokens_are_unicode_words_with_offsets() -> None:
    # GIVEN a Russian text WHEN it is read into a document
    doc = build_document(RUSSIAN, "ru")
    # THEN every word token points at its own characters, Cyrillic words are whole
    words = doc.words()
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    assert "Кошербаев" in {t.text for t in words}
    assert doc.pack is not None and doc.pack.code == "ru"


def test_document_keeps_initials_and_splits_elisions() -> None:
    # GIVEN a middle initial and French elisions
    doc = build_document("Christopher L. Tays spoke. Il a parlé à l'Assemblée dell'Unione.", "fr")
    # THEN the initial does not end the sentence, and the elided article is its own token
    assert doc.sentence_text(0) == "Christopher L. Tays spoke."
    assert [t.text for t in doc.tokens if t.text.startswith("Ass")] == ["Assemblée"]
    assert "l'" in {t.text for t in doc.tokens}


def test_document_suffix_after_apostrophe_is_not_part_of_the_name() -> None:
    doc = build_document("Türkiye'nin başkenti Ankara'dır.", "tr")
    assert [t.base for t in doc.words()][:1] == ["Türkiye"]


def test_unspaced_script_gives_one_token_per_character() -> None:
    doc = build_document("香港行政长官道歉。", "zh")
    assert len(doc.words()) == 8


@given(st.text(max_size=300))
def test_document_never_raises_and_offsets_hold(text: str) -> None:
    doc = build_document(text, "de")
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert all(0 <= start <= end <= len(text) for start, end in doc.sentences)


@given(st.text(max_size=300))
def test_lead_summary_is_made_of_the_texts_own_characters(text: str) -> None:
    summary = lead_summary(build_document(text, "ru"))
    assert set(summary) <= set(text) | {" "}


def test_a_chinese_lead_is_its_sentences_as_written_without_added_spaces() -> None:
    # GIVEN a Chinese article of three sentences (no spaces between them, as Chinese is written)
    text = "北京——国家统计局周二公布，前三季度国内生产总值同比增长4.8%。发言人表示，经济运行总体平稳。投资额达到3.2万亿元人民币，同比增长百分之五。"
    # WHEN its lead is taken
    summary = lead_summary(build_document(text, "zh"))
    # THEN it is the text itself: whole sentences, nothing inserted
    assert summary == text


# --------------------------------------------------------------------------------------------------
# Packs


def test_every_supported_language_has_a_pack() -> None:
    assert {"en", "ru", "uk", "kk", "de", "fr", "es", "tr", "pl"} <= supported_languages()
    for code in supported_languages():
        pack = load_pack(code)
        assert pack is not None and pack.stopwords and pack.currencies and pack.months and pack.role_words
        # English's topic cues are weighted data files of their own (topics_cues.json, topics_mediatopic.json)
        assert len(pack.topic_cues) == (0 if code == "en" else 17)


def test_lexicon_matches_words_and_stems() -> None:
    lexicon = Lexicon({"доллар*": "USD", "евро": "EUR"})
    assert lexicon.get("долларов") == "USD"
    assert lexicon.get("евро") == "EUR"
    assert lexicon.get("евровидение") is None


def test_kazakh_in_latin_script_is_not_taken_for_turkish() -> None:
    words = ["bul", "turaly", "qazaqstan", "prezıdenti", "men", "jáne", "osy", "búgin", "óziniń"]
    assert refine_language("tr", words) == "kk"
    assert refine_language("tr", ["bu", "yıl", "ve", "bir", "için", "de", "çok", "daha"]) == "tr"


# --------------------------------------------------------------------------------------------------
# Transliteration


def test_cyrillic_names_get_their_english_press_spelling() -> None:
    assert "Yermek Kosherbayev" in latin_forms("Ермек Кошербаев", "ru")
    assert "Kaja Kallas" in latin_forms("Кая Каллас", "ru")
    assert latin_forms("Kallas") == []


# --------------------------------------------------------------------------------------------------
# Extraction


def test_russian_report_people_places_money_and_dateline() -> None:
    # GIVEN a Russian agency report WHEN it is analysed
    facts = polyglot.analyse(build_document(RUSSIAN, "ru"), title=None)
    # THEN the minister is a person with his role, the cities are places and the amount is money
    names = {p.name for p in facts.people}
    assert "Ермек Кошербаев" in names
    minister = next(p for p in facts.people if p.name == "Ермек Кошербаев")
    assert any("министр" in role.casefold() for role in minister.roles)
    assert "Yermek Kosherbayev" in minister.aliases
    assert [(m.amount, m.currency) for m in facts.money] == [(50_000_000_000.0, "USD")]
    assert facts.dateline == "АСТАНА"
    assert "KZ" in facts.countries


def test_german_report_keeps_common_nouns_out_of_names() -> None:
    facts = polyglot.analyse(build_document(GERMAN, "de"), title=None)
    people = {p.name for p in facts.people}
    orgs = {o.name for o in facts.organizations}
    assert "Friedrich Merz" in people and "Emmanuel Macron" in people
    assert not {"Dienstag", "Regierung", "Sicherheit", "Unterstützung der Ukraine"} & (people | orgs)
    assert [(m.amount, m.currency) for m in facts.money] == [(86_000_000_000.0, "EUR")]
    assert facts.dateline == "BERLIN"


def test_supported_language_record_says_every_fact_was_extracted() -> None:
    record = _record(RUSSIAN)
    assert record.language == "ru"  # type: ignore[attr-defined]
    assert record.extracted == list(ALL_FACTS)  # type: ignore[attr-defined]
    assert record.tone is not None  # type: ignore[attr-defined]


def test_language_without_pack_gets_only_language_independent_facts() -> None:
    # GIVEN an Arabic report with an amount written with a symbol
    text = "أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مستودعات للأسلحة بقيمة $5 مليون في القلمون."
    record = _record(text)
    # THEN it is processed, the facts that need no language are there, and it says what was not extracted
    assert record.status == "processed"  # type: ignore[attr-defined]
    assert record.extracted == list(LANGUAGE_INDEPENDENT_FACTS)  # type: ignore[attr-defined]
    assert record.people == [] and record.summary  # type: ignore[attr-defined]
    assert [m.currency for m in record.money] == ["USD"]  # type: ignore[attr-defined]


def test_fingerprints_tell_unspaced_texts_apart() -> None:
    a = "香港行政长官梁振英在各方压力下就其大宅的违章建筑问题到立法会接受质询。"
    b = "日本首相在记者会上宣布将提高消费税并推迟选举。"
    assert fingerprints(a)[1] != fingerprints(b)[1]


def test_the_dictionary_form_does_not_depend_on_set_order() -> None:
    # GIVEN an agency written once in a dateline's capitals and once in running text, in both orders
    from article_pipeline.pipeline.polyglot import _dictionary_form, _Entity

    names = []
    for order in (["KAZINFORM", "Kazinform"], ["Kazinform", "KAZINFORM"]):
        entity = _Entity("organization")
        for form in order:
            entity.forms[form] = 2
            entity.nominative.add(form)
        # WHEN its name is chosen
        names.append(_dictionary_form(entity, str))
    # THEN it is the running-text spelling both times (a set's order changes with the hash seed)
    assert names == ["Kazinform", "Kazinform"]


def test_a_guess_without_a_pack_is_re_read_only_when_one_pack_clearly_fits() -> None:
    from article_pipeline.pipeline.langpack import refine_language

    # GIVEN Kazakh in Latin script that a detector called Estonian, and Belarusian (no pack, close to uk/ru)
    kazakh = (
        "Qazaqstan Respýblıkasynyń Prezıdenti búgin Astanada ótken jıynda sóz sóıledi. Ol eldiń ekonomıkasy"
        " jáne áleýmettik salasy týraly aıtty. Bul jıynǵa barlyq óńirlerdiń ákimderi de qatysty, biraq"
        " keıbiri onlaın túrde boldy."
    )
    belarusian = (
        "Урад у аўторак зацвердзіў новы план па зніжэнні цэн на энергію. Па словах міністра, меры пачнуць"
        " дзейнічаць з наступнага года і будуць датычыцца ўсіх хатніх гаспадарак."
    )
    # WHEN each is refined
    # THEN the Kazakh text gets the Kazakh pack; the Belarusian one keeps its own, pack-less, label
    assert refine_language("et", kazakh.casefold().split()) == "kk"
    assert refine_language("be", belarusian.casefold().split()) == "be"
    assert refine_language("en", kazakh.casefold().split()) == "en"
