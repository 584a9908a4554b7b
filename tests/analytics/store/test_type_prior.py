"""The corpus's prior for types: a name typed one way in the large majority of the corpus takes
that type where the model typed it another way with no cue, recomputed as articles come and
go; a cued mention keeps its type."""

from __future__ import annotations

from sqlalchemy import Engine

from analytics.analysis import ArticleAnalysis
from analytics.article_entities import MentionNote
from analytics.entities import Mention
from analytics.models import Article
from analytics.store import add_analyses, delete_articles, entity_counts
from analytics.store.type_prior import (
    PRIOR_LABELS,
    _articles_with_moved_priors,
    _changed_labels,
    _priors,
    prior_labels,
    type_priors,
)


def _analysis(title: str, label: str, *, cue: bool = False) -> ArticleAnalysis:
    """An article naming "Labour" once, typed ``label`` (``cue``: its words say so)."""
    body = f"{title}: Labour said so."
    start = body.index("Labour")
    mention = Mention(start, start + 6, 0, "Labour", "Labour", label, "Labour")
    return ArticleAnalysis(
        article=Article(title=title, body=body, language="en"),
        readability={},
        flags={},
        sentences=[],
        terms=[],
        mentions=[mention],
        quotes=[],
        notes=[MentionNote(label, "", cue)],
    )


def _labour(engine: Engine) -> dict[str, tuple[int, int]]:
    table = entity_counts(engine)
    table = table[table["entity"] == "Labour"]
    return {row.label: (int(row.n_mentions), int(row.n_articles)) for row in table.itertuples()}


def test_type_priors_need_many_mentions_and_a_large_majority() -> None:
    assert type_priors([("Labour", "ORG", 9), ("Labour", "PERSON", 1)]) == {"Labour": "ORG"}
    assert type_priors([("Labour", "ORG", 8), ("Labour", "PERSON", 1)]) == {}  # 9 mentions
    assert type_priors([("Liverpool", "GPE", 7), ("Liverpool", "ORG", 5)]) == {}  # two-sided
    assert type_priors([("Labour", "ORG", 30), ("Labour", "DATE", 90)]) == {"Labour": "ORG"}
    assert prior_labels(
        ["Labour", "Labour", "Labour", "Smith"],
        ["PERSON", "PERSON", "ORG", "PERSON"],
        [False, True, False, False],
        {"Labour": "ORG"},
    ) == ["ORG", "PERSON", "ORG", "PERSON"]


def test_the_prior_types_uncued_mentions_as_the_corpus_grows(engine: Engine) -> None:
    add_analyses(engine, [_analysis("Odd", "PERSON"), _analysis("Cued", "PERSON", cue=True)])
    add_analyses(engine, [_analysis(f"Vote {i}", "ORG") for i in range(7)])
    assert _labour(engine) == {"ORG": (7, 7), "PERSON": (2, 2)}  # 7 of 9: no prior yet

    add_analyses(engine, [_analysis("Vote 7", "ORG")])  # 8 of 10: the prior moves the odd one
    assert _labour(engine) == {"ORG": (9, 9), "PERSON": (1, 1)}

    add_analyses(engine, [_analysis(f"Vote {i}", "ORG") for i in (8, 9)])
    add_analyses(engine, [_analysis("Later", "PERSON")])  # a later upload follows the prior
    assert _labour(engine) == {"ORG": (12, 12), "PERSON": (1, 1)}  # 10 of 13 ORG: 77%

    vote_ids = list(range(3, 6))  # three "Vote" articles go: 7 of 10, under the prior's share
    assert delete_articles(engine, vote_ids) == 3
    assert _labour(engine) == {"ORG": (7, 7), "PERSON": (3, 3)}


def test_a_prior_moving_between_two_types_moves_the_mentions_of_both(engine: Engine) -> None:
    add_analyses(engine, [_analysis(f"Place {i}", "GPE") for i in range(8)])
    add_analyses(engine, [_analysis(f"Person {i}", "PERSON") for i in range(2)])
    assert _labour(engine) == {"GPE": (10, 10)}  # 8 of 10 GPE: the prior is GPE

    add_analyses(engine, [_analysis(f"More {i}", "PERSON") for i in range(30)])
    assert _labour(engine) == {"PERSON": (40, 40)}  # 32 of 40 PERSON: the GPE ones follow


def test_only_the_articles_whose_mentions_change_type_are_reassigned(engine: Engine) -> None:
    add_analyses(engine, [_analysis(f"Vote {i}", "ORG") for i in range(9)])
    with engine.connect() as conn:
        before = _priors(conn, {"Labour"})
    assert before == {}  # 9 mentions: no prior yet
    add_analyses(engine, [_analysis("Vote 9", "ORG")])
    with engine.connect() as conn:  # every mention is already ORG: none moves
        assert _articles_with_moved_priors(conn, {"Labour"}, before) == set()

    add_analyses(engine, [_analysis("Odd", "PERSON"), _analysis("Cued", "PERSON", cue=True)])
    with engine.connect() as conn:  # without the prior, only the uncued PERSON one changes
        assert _articles_with_moved_priors(conn, {"Labour"}, {}) == {11}
    assert _changed_labels(None, "ORG") == ("PERSON", "GPE", "LOC", "NORP")
    assert _changed_labels("ORG", "GPE") == PRIOR_LABELS
