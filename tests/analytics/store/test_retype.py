"""Change type, a user correction: applied to the stored mentions and to every later upload,
with the totals, in one transaction; undoable."""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.language import Language
from sqlalchemy import Engine, select

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    entity_corrections_table,
    entity_counts,
    entity_mentions,
    label_totals,
    merge_entities,
    remove_correction,
    retype_entity,
)

#: What the small model finds in these texts: "Computing", as a PERSON.
ENTITY = "Computing"
FIRST = Article(
    title="Chips",
    body="Brightmere Computing opened a plant on Monday. Brightmere Computing hired 300 "
    "engineers, the firm said.",
)
LATER = Article(title="Chips again", body="Brightmere Computing doubled its profits this year.")


def _row(engine: Engine, entity: str) -> dict[str, tuple[int, int]]:
    """The entity's rows: label -> (mentions, articles)."""
    table = entity_counts(engine)
    table = table[table["entity"] == entity]
    return {row.label: (int(row.n_mentions), int(row.n_articles)) for row in table.itertuples()}


def _consistent(engine: Engine) -> None:
    """The stored totals equal the GROUP BY over the mentions."""
    every = ArticleFilter(article_ids=tuple(range(1, 50)))
    pd.testing.assert_frame_equal(entity_counts(engine), entity_counts(engine, every))
    stored, counted = (
        table.sort_values("label").reset_index(drop=True)
        for table in (label_totals(engine), label_totals(engine, every))
    )
    pd.testing.assert_frame_equal(stored, counted)  # ties may come in either order


def test_change_type_now_and_for_later_uploads_then_undo(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [FIRST]))
    assert _row(engine, ENTITY) == {"PERSON": (2, 1)}
    label, to_label = "PERSON", "ORG"

    correction_id = retype_entity(engine, entity=ENTITY, label=label, to_label=to_label)
    assert _row(engine, ENTITY) == {to_label: (2, 1)}
    _consistent(engine)
    table = entity_corrections_table(engine)
    assert table[["kind", "label", "entity", "target"]].values.tolist() == [
        ["retype", label, ENTITY, to_label]
    ]

    list(ingest_articles(engine, nlp, [LATER]))  # a later upload follows the correction
    assert _row(engine, ENTITY) == {to_label: (3, 2)}
    _consistent(engine)
    with engine.connect() as conn:
        analysed = set(
            conn.execute(
                select(entity_mentions.c.label, entity_mentions.c.analysed_label).where(
                    entity_mentions.c.entity == ENTITY
                )
            ).all()
        )
    assert analysed == {(to_label, label)}

    remove_correction(engine, correction_id)
    assert _row(engine, ENTITY) == {label: (3, 2)}
    _consistent(engine)
    assert entity_corrections_table(engine).empty


def test_a_merge_after_a_retype_sees_the_new_type(engine: Engine, nlp: Language) -> None:
    other = Article(title="Rival", body="Brightmere Ltd said Brightmere Ltd would sue.")
    list(ingest_articles(engine, nlp, [FIRST, other]))
    assert _row(engine, "Brightmere Ltd") == {"ORG": (2, 1)}
    retype_entity(engine, entity=ENTITY, label="PERSON", to_label="ORG")
    merge_entities(engine, entity=ENTITY, into="Brightmere Ltd", label="ORG")
    assert _row(engine, "Brightmere Ltd") == {"ORG": (4, 2)}
    assert _row(engine, ENTITY) == {}
    _consistent(engine)


def test_a_retype_is_refused_for_an_unknown_row_or_type(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [FIRST]))
    label = "PERSON"
    with pytest.raises(ValueError, match="no entity 'Nobody'"):
        retype_entity(engine, entity="Nobody", label="PERSON", to_label="ORG")
    with pytest.raises(ValueError, match="not an entity type"):
        retype_entity(engine, entity=ENTITY, label=label, to_label="COMPANY")
    with pytest.raises(ValueError, match="already of type"):
        retype_entity(engine, entity=ENTITY, label=label, to_label=label)
    assert entity_corrections_table(engine).empty
