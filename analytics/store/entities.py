"""Entity queries: counts of entities and entity types, the aliases merged into an
entity, the chosen entities per article, and the sentences mentioning an entity.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import BigInteger, Engine, Subquery, and_, func, or_, select, union_all

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.store._common import AnySelect, _frame, _mention_sentences, _row_totals
from analytics.store.filtering import _ids, _later_copies, _only_one_per_cluster, _restrict
from analytics.store.schema import articles, corpus_entities, entity_mentions


def entity_counts(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    labels: tuple[str, ...] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Entities with their mentions and the number of selected articles mentioning them.

    Columns: entity, label, n_mentions, n_articles; most mentioned first.
    """
    if flt.is_empty:
        statement = select(corpus_entities).order_by(
            corpus_entities.c.n_mentions.desc(), corpus_entities.c.entity, corpus_entities.c.label
        )
        if labels is not None:
            statement = statement.where(corpus_entities.c.label.in_(labels))
    elif _only_one_per_cluster(flt):
        statement = _entities_less(_later_copies(ALL_ARTICLES))
        if labels is not None:
            statement = statement.where(corpus_entities.c.label.in_(labels))
    elif _selects_most(engine, flt):
        # most of the corpus (the dated articles of Over time): the corpus totals less the
        # mentions of the few articles left out
        statement = _entities_less(select(articles.c.id).where(articles.c.id.not_in(_ids(flt))))
        if labels is not None:
            statement = statement.where(corpus_entities.c.label.in_(labels))
    else:
        mentions = func.count()
        statement = select(
            entity_mentions.c.entity,
            entity_mentions.c.label,
            mentions.label("n_mentions"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
        )
        if labels is not None:
            statement = statement.where(entity_mentions.c.label.in_(labels))
        statement = _restrict(statement, entity_mentions.c.article_id, flt)
        statement = statement.group_by(entity_mentions.c.entity, entity_mentions.c.label).order_by(
            mentions.desc(), entity_mentions.c.entity, entity_mentions.c.label
        )
    if top is not None:
        statement = statement.limit(top)
    return _frame(engine, statement)


def _selects_most(engine: Engine, flt: ArticleFilter) -> bool:
    """Whether the filter, one of articles' fields (sources, dates, metadata...), selects more
    than half of the stored articles: its counts are then the corpus totals less those of the
    articles it leaves out, fewer rows to count than its own."""
    if flt.one_per_cluster:
        return False
    with engine.connect() as conn:
        n_selected = conn.scalar(select(func.count()).select_from(_ids(flt).subquery())) or 0
        n_stored = conn.scalar(select(func.count()).select_from(articles)) or 0
    return 2 * int(n_selected) > int(n_stored)


def _entities_less(removed_ids: AnySelect) -> AnySelect:
    """The corpus totals of the entities less the mentions of the articles ``removed_ids``."""
    keys = (entity_mentions.c.entity, entity_mentions.c.label)
    removed = (
        select(
            *keys,
            func.count().label("amount"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_removed"),
        )
        .where(entity_mentions.c.article_id.in_(removed_ids))
        .group_by(*keys)
        .subquery()
    )
    mentions = corpus_entities.c.n_mentions - func.coalesce(removed.c.amount, 0)
    in_articles = corpus_entities.c.n_articles - func.coalesce(removed.c.n_removed, 0)
    joined = corpus_entities.outerjoin(
        removed,
        and_(
            removed.c.entity == corpus_entities.c.entity,
            removed.c.label == corpus_entities.c.label,
        ),
    )
    return (
        select(
            corpus_entities.c.entity,
            corpus_entities.c.label,
            mentions.label("n_mentions"),
            in_articles.label("n_articles"),
        )
        .select_from(joined)
        .where(in_articles > 0)
        .order_by(mentions.desc(), corpus_entities.c.entity, corpus_entities.c.label)
    )


def entity_aliases(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, entity: str, label: str
) -> pd.DataFrame:
    """The aliases merged into one entity row: alias, n_mentions, n_articles; most mentioned
    first."""
    mentions = func.count()
    statement = select(
        entity_mentions.c.alias,
        mentions.label("n_mentions"),
        func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
    ).where(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
    statement = _restrict(statement, entity_mentions.c.article_id, flt)
    statement = statement.group_by(entity_mentions.c.alias).order_by(
        mentions.desc(), entity_mentions.c.alias
    )
    return _frame(engine, statement)


def label_totals(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Mentions and distinct entities of each entity type: label, n_mentions, n_entities."""
    if flt.is_empty:  # from the corpus totals, not every mention (1.2 s at 100,000 articles)
        summed = func.sum(corpus_entities.c.n_mentions)
        statement = (
            select(
                corpus_entities.c.label,
                summed.cast(BigInteger).label("n_mentions"),
                func.count().label("n_entities"),
            )
            .group_by(corpus_entities.c.label)
            .order_by(summed.desc())
        )
        return _frame(engine, statement)
    mentions = func.count()
    statement = select(
        entity_mentions.c.label,
        mentions.label("n_mentions"),
        func.count(func.distinct(entity_mentions.c.entity)).label("n_entities"),
    )
    statement = _restrict(statement, entity_mentions.c.article_id, flt)
    statement = statement.group_by(entity_mentions.c.label).order_by(mentions.desc())
    return _frame(engine, statement)


def _mentioning_articles(chosen_entities: tuple[tuple[str, str], ...]) -> Subquery:
    """The article id of every mention of the chosen (entity, label) pairs: one branch per
    pair, each an index-only scan of ``ix_entity_mentions_entity_alias`` (an OR of the pairs
    reads the mentions' rows instead: 50,000 pages against 1,500 on PostgreSQL at 100,000
    articles, 0.52 s against 0.11 s)."""
    branches = [
        select(entity_mentions.c.article_id).where(
            entity_mentions.c.entity == entity, entity_mentions.c.label == label
        )
        for entity, label in chosen_entities
    ]
    return union_all(*branches).subquery("mentioning")


def entity_by_article(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_entities: tuple[tuple[str, str], ...],
    top_articles: int | None = 30,
) -> pd.DataFrame:
    """Mentions of each chosen (entity, label) in the selected articles mentioning them most.

    Columns: article_id, title, entity, label, n_mentions. Only the ``top_articles`` articles
    with the most mentions of the chosen entities together are included (None: all).
    """
    if not chosen_entities:
        return pd.DataFrame(columns=["article_id", "title", "entity", "label", "n_mentions"])
    pairs = or_(
        *(
            and_(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
            for entity, label in chosen_entities
        )
    )
    mentioning = _mentioning_articles(chosen_entities)
    leaders = (
        _restrict(select(mentioning.c.article_id), mentioning.c.article_id, flt)
        .group_by(mentioning.c.article_id)
        .order_by(func.count().desc(), mentioning.c.article_id)
        .limit(top_articles)
    )
    statement = (
        select(
            articles.c.id.label("article_id"),
            articles.c.title,
            entity_mentions.c.entity,
            entity_mentions.c.label,
            func.count().label("n_mentions"),
        )
        .join(articles, articles.c.id == entity_mentions.c.article_id)
        .where(pairs, entity_mentions.c.article_id.in_(leaders.subquery().select()))
        .group_by(
            articles.c.id, articles.c.title, entity_mentions.c.entity, entity_mentions.c.label
        )
        .order_by(articles.c.id, entity_mentions.c.entity)
    )
    return _frame(engine, statement)


def n_articles_mentioning(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_entities: tuple[tuple[str, str], ...],
) -> int:
    """How many selected articles mention any of the chosen (entity, label) pairs: the rows
    ``entity_by_article`` would give without its ``top_articles`` cap."""
    if not chosen_entities:
        return 0
    mentioning = _mentioning_articles(chosen_entities)
    statement = _restrict(
        select(func.count(func.distinct(mentioning.c.article_id))), mentioning.c.article_id, flt
    )
    with engine.connect() as conn:
        return int(conn.execute(statement).scalar_one())


def entity_sentences(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    entity: str,
    label: str,
    limit: int | None = 500,
) -> pd.DataFrame:
    """The sentences that mention the entity, with their article: the first ``limit`` in
    text order (None: all; ``entity_sentence_totals`` counts them all).

    Columns: sentence, title, published, article_id, sentence_index, n_mentions.
    """
    return _frame(engine, _entity_sentences(flt, entity, label, limit))


def entity_sentence_totals(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, entity: str, label: str
) -> tuple[int, int]:
    """How many sentences mention the entity, and in how many articles (all of them, where
    ``entity_sentences`` gives the first ``limit``)."""
    return _row_totals(engine, _entity_sentences(flt, entity, label, None))


def _entity_sentences(flt: ArticleFilter, entity: str, label: str, limit: int | None) -> AnySelect:
    statement = _mention_sentences(
        func.count().label("n_mentions"),
        where=and_(entity_mentions.c.entity == entity, entity_mentions.c.label == label),
        limit=limit,
    )
    return _restrict(statement, entity_mentions.c.article_id, flt)
