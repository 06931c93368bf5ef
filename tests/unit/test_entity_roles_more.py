"""English roles given on a later mention, by a participle of making a work, and before "like"/"such as"."""

from __future__ import annotations

import pytest

from article_pipeline.pipeline.entities import extract_entities


def _roles_of(text: str) -> dict[str, list[str]]:
    return {p.name: list(p.roles) for p in extract_entities(text).people}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Tobias Wrenfield saved a penalty. The goalkeeper said he guessed right.",
            "Tobias Wrenfield",
            "goalkeeper",
        ),
        (
            "Marisol Quentaro spoke first. Later, the senator said she would vote no.",
            "Marisol Quentaro",
            "senator",
        ),
        (
            "The book recalls Ansel Dworkey. The late neurologist wrote about music.",
            "Ansel Dworkey",
            "late neurologist",
        ),
    ],
)
def test_a_role_given_on_a_later_mention_names_the_person_named_last(text: str, name: str, role: str) -> None:
    # GIVEN a person named, then "the [modifiers] <role noun>" before a verb of saying or being
    # WHEN roles are extracted
    # THEN the later mention's role is the person's
    assert role in _roles_of(text)[name]


def test_a_later_mention_of_another_role_is_someone_else() -> None:
    # GIVEN a person whose own title differs from the role noun mentioned later
    roles = _roles_of("Coach Tobias Wrenfield praised his side. The quarterback said the win mattered.")
    # WHEN / THEN the coach does not become the quarterback
    assert roles["Tobias Wrenfield"] == ["Coach"]


def test_a_later_mention_far_away_names_nobody() -> None:
    # GIVEN a role noun many sentences after the last name
    filler = " ".join(["The weather stayed mild all week across the region."] * 12)
    roles = _roles_of(f"Tobias Wrenfield opened the shop. {filler} The owner said sales were up.")
    # WHEN / THEN it is not given to that person
    assert roles["Tobias Wrenfield"] == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The film, directed by Ansel Dworkey, opens on Friday.", "Ansel Dworkey", "director"),
        ("The score, composed by Ansel Dworkey, won praise.", "Ansel Dworkey", "composer"),
        ("It ends with a cameo from a superstar like Ansel Dworkey.", "Ansel Dworkey", "superstar"),
        ("Some economists such as Ansel Dworkey disagree.", "Ansel Dworkey", "economists"),
    ],
)
def test_a_maker_by_participle_and_a_role_before_like(text: str, name: str, role: str) -> None:
    # GIVEN "<participle of making> by <name>" or "<role noun> like / such as <name>"
    # WHEN roles are extracted / THEN the maker or the role noun is the person's role
    assert role in _roles_of(text)[name]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "“We are ready,” said Ansel Dworkey who is the Lake Tarrow ferries manager.",
            "Ansel Dworkey",
            "manager",
        ),
        (
            "“We are ready,” said Ansel Dworkey who is Tarrow County Public Works Director.",
            "Ansel Dworkey",
            "Director",
        ),
        ("Ansel Dworkey is a Software Engineer for Brightline.", "Ansel Dworkey", "Engineer"),
        ("Researchers like Ansel Dworkey from Tarrow University disagree.", "Ansel Dworkey", "Researchers"),
    ],
)
def test_who_is_without_a_comma_and_capitalised_titles_after_a_copula(
    text: str, name: str, role: str
) -> None:
    # GIVEN "<name> who is ..." with no comma, or a capitalised title after "is a" / "who is"
    # WHEN roles are extracted / THEN the title (with its capitalised modifiers) is the role
    assert any(role in r for r in _roles_of(text)[name])


def test_a_capitalised_run_after_a_copula_without_a_title_is_no_role() -> None:
    # GIVEN a copula followed by capitalised words that end in no title
    roles = _roles_of("Ansel Dworkey is Tarrow Valley Rotary Club royalty.")
    # WHEN / THEN no role is read from it
    assert roles.get("Ansel Dworkey") == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Ansel Dworkey joins Brightline as chief financial officer.",
            "Ansel Dworkey",
            "chief financial officer",
        ),
        ("Ansel Dworkey takes over as CEO on Monday.", "Ansel Dworkey", "CEO"),
        ("Ansel Dworkey will serve as interim chief executive.", "Ansel Dworkey", "interim chief executive"),
        ("Ansel Dworkey was fired as coach after the loss.", "Ansel Dworkey", "coach"),
        ("Ansel Dworkey was sworn in as governor.", "Ansel Dworkey", "governor"),
        ("Ansel Dworkey won re-election as mayor.", "Ansel Dworkey", "mayor"),
    ],
)
def test_an_office_taken_left_or_held_as_after_a_verb(text: str, name: str, role: str) -> None:
    # GIVEN "<name> <verb> [object | particle] as <title>"
    # WHEN roles are extracted / THEN the title after "as" is the role
    assert role in _roles_of(text)[name]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The victim was identified as Ansel Dworkey, 31.", "Ansel Dworkey", "victim"),
        ("Police identified the driver as Ansel Dworkey.", "Ansel Dworkey", "driver"),
        ("The suspect, identified as Ansel Dworkey, was held.", "Ansel Dworkey", "suspect"),
        ("White House chief of staff Ansel Dworkey spoke.", "Ansel Dworkey", "chief of staff"),
        ("Head of Research Ansel Dworkey spoke.", "Ansel Dworkey", "Head of Research"),
        ("Mayor-elect Ansel Dworkey spoke.", "Ansel Dworkey", "Mayor-elect"),
    ],
)
def test_identified_as_a_title_of_a_field_before_the_name_and_elect(text: str, name: str, role: str) -> None:
    # GIVEN "the <role> was identified as <name>", "<title> of <field> <name>", "<title>-elect <name>"
    # WHEN roles are extracted / THEN each is the person's role
    assert role in _roles_of(text)[name]


def test_a_pronoun_opening_the_next_sentence_gives_its_role_to_the_person_named_last() -> None:
    # GIVEN a person named, then "She was named <title>" in the next sentence
    roles = _roles_of("Ansel Dworkey spoke to the board. She was named coach in May.")
    # WHEN roles are extracted / THEN the title is hers
    assert "coach" in roles["Ansel Dworkey"]


def test_a_pronoun_with_an_adjective_gives_no_role() -> None:
    # GIVEN "He is happy." after a name
    roles = _roles_of("Ansel Dworkey spoke to the board. He is happy with the result.")
    # WHEN / THEN no role
    assert roles["Ansel Dworkey"] == []
