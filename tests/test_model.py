"""The pure parts of the model: partial dates, the vocabulary, alias resolution."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.errors import ResolveError
from graph.model import PartialDate
from graph.resolve import Candidate, Resolver, normalize
from graph.vocabulary import VocabularyError, load_vocabulary

from .conftest import run_cli


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021-08-30", date(2021, 8, 30), date(2021, 8, 30)),
        ("2021-08", date(2021, 8, 1), date(2021, 8, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("1990s", date(1990, 1, 1), date(1999, 12, 31)),
        ("2021-08-30/2021-09", date(2021, 8, 30), date(2021, 9, 30)),
    ],
)
def test_partial_dates_are_kept_as_the_range_they_stand_for(text, start, end) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.text, parsed.start, parsed.end) == (text, start, end)


@pytest.mark.parametrize("bad", ["2021-13", "2021-02-30", "August 2021", "199s", "2022/2021"])
def test_impossible_or_unreadable_dates_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_inverse_terms_are_stored_as_their_term_read_backwards() -> None:
    vocabulary = load_vocabulary()
    reading = vocabulary.read("parent_of")
    assert reading is not None and reading.swapped and reading.term.type == "CHILD_OF"
    assert vocabulary.read("supports").term.sign == 1
    assert vocabulary.read("fights").term.symmetric
    assert vocabulary.read("opposes").term.sign == -1
    assert vocabulary.read("negotiates_with").term.cameo == "046"


def test_the_vocabulary_has_every_term_analysts_need() -> None:
    words = set(load_vocabulary().words())
    needed = {
        "supports", "allied_with", "opposes", "fights", "negotiates_with", "mediates",
        "requests_mediation_from", "leads", "member_of", "spokesperson_for", "commands",
        "child_of", "parent_of", "successor_of", "controls", "captured", "participated_in",
        "located_in",
    }  # fmt: skip
    assert needed <= words
    assert {"military", "logistics", "diplomatic", "financial"} <= set(
        load_vocabulary().terms["supports"].subtypes
    )


def test_users_add_terms_in_their_own_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "terms:\n  finances:\n    type: FINANCES\n    sign: 1\n    from: [actor]\n    to: [actor]\n"
        "actor_kinds:\n  militia: Militia\n"
    )
    vocabulary = load_vocabulary(extra)
    assert vocabulary.read("finances").term.type == "FINANCES"
    assert vocabulary.actor_kinds["militia"] == "Militia"
    assert "supports" in vocabulary.terms


@pytest.mark.parametrize(
    "hostile",
    [
        "terms:\n  x:\n    type: 'X]->() DETACH DELETE n //'\n    sign: 1\n    from: [actor]\n"
        "    to: [actor]\n",
        "actor_kinds:\n  evil: 'Person:Admin`'\n",
        "actor_kinds:\n  sneaky: Entity\n",
    ],
)
def test_vocabulary_refuses_labels_and_types_that_are_not_plain_words(
    tmp_path: Path, hostile: str
) -> None:
    extra = tmp_path / "hostile.yaml"
    extra.write_text(hostile)
    with pytest.raises(VocabularyError, match=r"hostile\.yaml"):
        load_vocabulary(extra)


def test_a_bad_vocabulary_is_bad_input_with_every_problem(tmp_path: Path) -> None:
    """Every field problem at once, a misspelt field named as unknown; a section that is not a
    mapping is refused, not an internal error; exit 2 on the CLI."""
    typo = tmp_path / "typo.yaml"
    typo.write_text("terms:\n  hates: {frm: [actor], to: [actor], type: HATES, sign: -1}\n")
    with pytest.raises(VocabularyError) as refused:
        load_vocabulary(typo)
    assert "terms.hates.from: Field required" in str(refused.value)
    assert "terms.hates.frm: unknown field" in str(refused.value)
    listed = tmp_path / "listed.yaml"
    listed.write_text("terms:\n  - hates\n")
    with pytest.raises(VocabularyError, match="section 'terms' is a mapping"):
        load_vocabulary(listed)
    result = run_cli("validate", "--vocabulary", str(typo), "data/panjshir.yaml")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "nothing was written" not in result.stderr  # a check writes nothing anyway
    broken = tmp_path / "broken.yaml"
    broken.write_text("terms: [\n")
    listing = run_cli("vocabulary", "--vocabulary", str(broken))  # it writes nothing anyway
    assert listing.returncode == 2 and "1 problem in the input." in listing.stderr
    assert "nothing was written" not in listing.stderr


def test_normalize_folds_case_accents_apostrophes_and_a_leading_the() -> None:
    assert normalize("Āmrullāh  SALEH") == "amrullah saleh"
    assert normalize("Taliban’s") == "talibans"
    assert normalize("the Soviets") == "soviets"
    assert normalize("Pol-e-Hesar") == "pol e hesar"


def _resolver() -> Resolver:
    return Resolver(
        [
            (Candidate("ahmad-massoud", "Ahmad Massoud", "actor", "person"), ["Massoud"]),
            (Candidate("ahmad-shah-massoud", "Ahmad Shah Massoud", "actor", "person"), ["Massoud"]),
            (Candidate("panjshir", "Panjshir Valley", "place", "valley"), ["Panjshir"]),
        ]
    )


def test_an_ambiguous_name_lists_every_candidate_and_is_never_guessed() -> None:
    with pytest.raises(ResolveError) as failure:
        _resolver().resolve("massoud")
    assert [c.id for c in failure.value.candidates] == ["ahmad-massoud", "ahmad-shah-massoud"]


def test_an_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(ResolveError, match="did you mean panjshir"):
        _resolver().resolve("Panjshire Valley")


def test_suggestions_come_from_a_large_set_of_names_and_respect_the_category() -> None:
    many = [
        (Candidate(f"a{i}", f"Armed Group {i}", "actor", "armed_group"), []) for i in range(50_000)
    ]
    resolver = Resolver([*many, (Candidate("kabul", "Kabul", "place", "city"), ["Kabol"])])
    with pytest.raises(ResolveError, match=r"did you mean a1234, a10234, a11234\?$"):
        resolver.resolve("Armed Gruop 1234", ["actor"])
    with pytest.raises(ResolveError, match=r"no actor is called 'Kabull'$"):
        resolver.resolve("Kabull", ["actor"])  # the place is not suggested for an actor
    with pytest.raises(ResolveError, match=r"did you mean kabul\?$"):
        resolver.resolve("Kabull", ["place"])
    resolver.add(Candidate("kabulistan", "Kabulistan", "place", "region"))  # seen once added
    with pytest.raises(ResolveError, match=r"did you mean kabulistan\?$"):
        resolver.resolve("Kabulista", ["place"])


def test_a_misspelt_name_is_a_slip_or_two_away_not_merely_alike() -> None:
    resolver = Resolver([
        (Candidate("taliban", "Taliban", "actor", "armed_group"), []),
        (Candidate("civ-af", "Civilians (Afghanistan)", "actor", "civilians"), []),
        (Candidate("na", "Northern Alliance", "actor", "coalition"), []),
    ])  # fmt: skip
    assert resolver.close("Talibn", {"actor"}, misspelt=True) == ["taliban"]
    assert resolver.close("Northern Aliance", {"actor"}, misspelt=True) == ["na"]
    assert resolver.close("Civilians (Pakistan)", {"actor"}, misspelt=True) == []
    alike = resolver.close("Civilians (Pakistan)", {"actor"})
    assert alike == ["civ-af"]  # alike: a "did you mean" for a study's unknown name
    resolver.add(Candidate("us", "United States", "actor", "state"), ["US"])
    assert resolver.close("IS", {"actor"}, misspelt=True) == []  # another acronym


def test_find_answers_without_suggestions_and_refuses_only_ambiguity() -> None:
    resolver = _resolver()
    assert resolver.find("Panjshir Valley", ["place"]).id == "panjshir"
    assert resolver.find("Panjshire Valley") is None
    assert resolver.find("Panjshir", ["actor"]) is None  # another category's name
    assert resolver.suggestions_left == Resolver.SUGGESTIONS  # none spent
    with pytest.raises(ResolveError) as failure:
        resolver.find("Massoud", ["actor"])
    assert len(failure.value.candidates) == 2


def test_resolution_can_be_limited_to_a_category() -> None:
    # A name of another category's entity says so, not "did you mean"
    with pytest.raises(
        ResolveError, match=r"no actor is called 'Panjshir'; it names panjshir \(.*\), a place$"
    ):
        _resolver().resolve("Panjshir", ["actor"])
    assert _resolver().resolve("PANJSHIR", ["place"]).id == "panjshir"
    with pytest.raises(ResolveError, match=r"it names ahmad-massoud \(.*\), an actor$"):
        _resolver().resolve("ahmad-massoud", ["place"])
