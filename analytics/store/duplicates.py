"""Near-duplicates in the store: each article's MinHash signature and band keys,
the similar pairs found at upload time, the clusters they form (recomputed after a delete, or
rebuilt at a new threshold), and the queries on them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pandas as pd
from sqlalchemy import Engine, and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from analytics.cleaning import mask_markup
from analytics.duplicates import DEFAULT_THRESHOLD, band_keys, cluster_ids, signature, similarity
from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.store._common import ARTICLE_COLUMNS, _chunks, _write_rows, _writer
from analytics.store.bulk import _insert_rows
from analytics.store.filtering import _later_copies, _restrict
from analytics.store.schema import (
    REBUILDS_KEY,
    article_signatures,
    articles,
    duplicate_clusters,
    duplicate_pairs,
    signature_bands,
    store_meta,
)


def _record_duplicates(
    conn: Connection, article_id: int, signature_bytes: bytes, threshold: float
) -> list[tuple[int, float]]:
    """Store the article's signature and bands, find its near-duplicates among the stored
    articles (the candidates share a band; their estimated similarity must reach the
    threshold), record the pairs and join their clusters. Returns (other id, similarity)."""
    _store_signature(conn, article_id, signature_bytes)
    if not signature_bytes:
        return []
    candidates = select(signature_bands.c.article_id).where(
        signature_bands.c.band_key.in_(band_keys(signature_bytes)),
        signature_bands.c.article_id != article_id,
    )
    found = conn.execute(
        select(article_signatures.c.article_id, article_signatures.c.signature).where(
            article_signatures.c.article_id.in_(candidates)
        )
    ).all()
    matches = [
        (int(other), score)
        for other, stored in found
        if (score := similarity(signature_bytes, stored)) >= threshold
    ]
    if matches:
        conn.execute(
            insert(duplicate_pairs),
            [
                {"article_id": article_id, "other_id": other, "similarity": score}
                for other, score in matches
            ],
        )
        _join_clusters(conn, article_id, [other for other, _ in matches])
    return matches


def _record_batch_duplicates(
    conn: Connection, article_ids: list[int], signatures: list[bytes], threshold: float
) -> None:
    """``_record_duplicates`` for each article of a batch in turn (their rows stored already,
    in the order of ``article_ids``), with the same outcome, but with one lookup of the stored
    articles sharing a band with any of them and the signatures and bands written in bulk:
    each article is compared with the stored ones and the batch's earlier ones."""
    keys = [sorted(set(band_keys(signature_bytes))) for signature_bytes in signatures]
    holders: dict[int, list[int]] = {}  # band key -> stored articles with it (before the batch)
    for chunk in _chunks(sorted({key for article_keys in keys for key in article_keys})):
        rows = conn.execute(
            select(signature_bands.c.band_key, signature_bands.c.article_id).where(
                signature_bands.c.band_key.in_(chunk)
            )
        )
        for key, other in rows:
            holders.setdefault(int(key), []).append(int(other))
    stored_candidates = sorted({other for others in holders.values() for other in others})
    known: dict[int, bytes] = {}
    for chunk in _chunks(stored_candidates):
        rows = conn.execute(
            select(article_signatures.c.article_id, article_signatures.c.signature).where(
                article_signatures.c.article_id.in_(chunk)
            )
        )
        known.update((int(other), bytes(stored)) for other, stored in rows)
    _insert_rows(
        conn,
        article_signatures,
        ("article_id", "signature"),
        list(zip(article_ids, signatures, strict=True)),
    )
    _insert_rows(
        conn,
        signature_bands,
        ("article_id", "band_key"),
        [
            (article_id, key)
            for article_id, article_keys in zip(article_ids, keys, strict=True)
            for key in article_keys
        ],
    )
    pairs: list[tuple[int, int, float]] = []
    for article_id, signature_bytes, article_keys in zip(
        article_ids, signatures, keys, strict=True
    ):
        candidates = {other for key in article_keys for other in holders.get(key, ())}
        matches = [
            (other, score)
            for other in sorted(candidates)
            if (stored := known.get(other)) is not None  # bands without a signature: none
            and (score := similarity(signature_bytes, stored)) >= threshold
        ]
        # the later articles of the batch find this one as a stored one
        known[article_id] = signature_bytes
        for key in article_keys:
            holders.setdefault(key, []).append(article_id)
        if matches:
            pairs.extend((article_id, other, score) for other, score in matches)
            _join_clusters(conn, article_id, [other for other, _ in matches])
    _insert_rows(conn, duplicate_pairs, ("article_id", "other_id", "similarity"), pairs)


def _join_clusters(conn: Connection, article_id: int, others: list[int]) -> None:
    """Put the article and its near-duplicates ``others`` in one cluster, merging the
    clusters they are in; the cluster's id is the smallest article id in it."""
    existing = dict(
        conn.execute(
            select(duplicate_clusters.c.article_id, duplicate_clusters.c.cluster_id).where(
                duplicate_clusters.c.article_id.in_(others)
            )
        ).all()
    )
    merged = set(existing.values())
    target = min([article_id, *others, *merged])
    if merged:
        conn.execute(
            update(duplicate_clusters)
            .where(duplicate_clusters.c.cluster_id.in_(merged))
            .values(cluster_id=target)
        )
    new_members = [member for member in (article_id, *others) if member not in existing]
    conn.execute(
        insert(duplicate_clusters),
        [{"article_id": member, "cluster_id": target} for member in new_members],
    )


def _recluster(conn: Connection, cluster_ids_affected: list[int]) -> None:
    """Recompute the clusters ``cluster_ids_affected`` from their remaining pairs (after a
    delete, a cluster may split or shrink to one article, which is then no cluster)."""
    if not cluster_ids_affected:
        return
    members = list(
        conn.scalars(
            select(duplicate_clusters.c.article_id).where(
                duplicate_clusters.c.cluster_id.in_(cluster_ids_affected)
            )
        )
    )
    pairs = conn.execute(
        select(duplicate_pairs.c.article_id, duplicate_pairs.c.other_id).where(
            duplicate_pairs.c.article_id.in_(members)
        )
    ).all()
    components = cluster_ids(((int(a), int(b)) for a, b in pairs), members)
    sizes = Counter(components.values())
    conn.execute(delete(duplicate_clusters).where(duplicate_clusters.c.article_id.in_(members)))
    rows = [
        {"article_id": member, "cluster_id": cluster}
        for member, cluster in components.items()
        if sizes[cluster] > 1
    ]
    if rows:
        conn.execute(insert(duplicate_clusters), rows)


def _store_signature(conn: Connection, article_id: int, signature_bytes: bytes) -> None:
    """Store a signature (empty for a text without words: no bands) and its band keys."""
    conn.execute(
        insert(article_signatures), {"article_id": article_id, "signature": signature_bytes}
    )
    keys = sorted(set(band_keys(signature_bytes)))
    _write_rows(conn, signature_bands, ("article_id", "band_key"), [(article_id, k) for k in keys])


def rebuild_duplicates(
    engine: Engine, *, threshold: float = DEFAULT_THRESHOLD, batch_size: int = 500
) -> dict[str, int]:
    """Find every near-duplicate pair and cluster again, at ``threshold`` (after the setting
    changed), computing first the signature of every article stored without one (before
    near-duplicates were found at upload). Returns ``duplicate_summary`` of the corpus."""
    missing = (
        select(articles.c.id, articles.c.body)
        .where(articles.c.id.not_in(select(article_signatures.c.article_id)))
        .order_by(articles.c.id)
        .limit(batch_size)
    )
    while True:
        with _writer(engine).begin() as conn:
            rows = conn.execute(missing).all()
            for article_id, body in rows:
                # empty for an article without words: it is marked done all the same
                _store_signature(conn, int(article_id), signature(mask_markup(body)))
        if len(rows) < batch_size:
            break
    later, earlier = signature_bands.alias("later"), signature_bands.alias("earlier")
    candidates = (
        select(later.c.article_id, earlier.c.article_id)
        .join(
            earlier,
            and_(earlier.c.band_key == later.c.band_key, earlier.c.article_id < later.c.article_id),
        )
        .distinct()
    )
    with _writer(engine).begin() as conn:
        conn.execute(delete(duplicate_pairs))
        conn.execute(delete(duplicate_clusters))
        pairs = [(int(a), int(b)) for a, b in conn.execute(candidates)]
        involved = sorted({article_id for pair in pairs for article_id in pair})
        signatures: dict[int, bytes] = {}
        for start in range(0, len(involved), batch_size):
            chunk = involved[start : start + batch_size]
            signatures.update(
                conn.execute(
                    select(article_signatures.c.article_id, article_signatures.c.signature).where(
                        article_signatures.c.article_id.in_(chunk)
                    )
                ).all()
            )
        similar = [
            (a, b, score)
            for a, b in pairs
            if (score := similarity(signatures[a], signatures[b])) >= threshold
        ]
        if similar:
            conn.execute(
                insert(duplicate_pairs),
                [{"article_id": a, "other_id": b, "similarity": s} for a, b, s in similar],
            )
            components = cluster_ids((a, b) for a, b, _ in similar)
            conn.execute(
                insert(duplicate_clusters),
                [{"article_id": a, "cluster_id": c} for a, c in sorted(components.items())],
            )
        _count_rebuild(conn)
    return duplicate_summary(engine)


def _count_rebuild(conn: Connection) -> None:
    """One more rebuild of the clusters, so ``store_version`` changes (dashboards refresh)."""
    done = conn.scalar(select(store_meta.c.value).where(store_meta.c.key == REBUILDS_KEY))
    conn.execute(delete(store_meta).where(store_meta.c.key == REBUILDS_KEY))
    conn.execute(insert(store_meta).values(key=REBUILDS_KEY, value=str(int(done or 0) + 1)))


def duplicate_summary(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, int]:
    """Near-duplicates among the selected articles: ``n_clusters`` (clusters with at least
    one selected article), ``n_clustered`` (selected articles in a cluster) and ``n_copies``
    (the selected articles that one article per cluster leaves out)."""
    base = replace(flt, one_per_cluster=False)
    statement = _restrict(
        select(func.count(func.distinct(duplicate_clusters.c.cluster_id)), func.count()),
        duplicate_clusters.c.article_id,
        base,
    )
    later = _later_copies(base).subquery()
    hidden = _restrict(
        select(func.count(func.distinct(later.c.article_id))), later.c.article_id, base
    )
    with engine.connect() as conn:
        n_clusters, n_clustered = conn.execute(statement).one()
        n_hidden = conn.scalar(hidden)
    return {
        "n_clusters": int(n_clusters),
        "n_clustered": int(n_clustered),
        "n_copies": int(n_hidden or 0),
    }


def near_duplicates(engine: Engine, article_id: int) -> pd.DataFrame:
    """The other articles of this article's cluster of near-duplicates, the most similar
    first. Columns: article_id, title, source, published, similarity (estimated Jaccard
    similarity of the bodies' shingles, from the signatures), direct (True when the pair
    itself reached the threshold; False for a copy of a copy)."""
    columns = ["article_id", "title", "source", "published", "similarity", "direct"]
    cluster = (
        select(duplicate_clusters.c.cluster_id)
        .where(duplicate_clusters.c.article_id == article_id)
        .scalar_subquery()
    )
    statement = (
        select(*ARTICLE_COLUMNS, article_signatures.c.signature)
        .join(duplicate_clusters, duplicate_clusters.c.article_id == articles.c.id)
        .outerjoin(article_signatures, article_signatures.c.article_id == articles.c.id)
        .where(duplicate_clusters.c.cluster_id == cluster)
    )
    pairs = select(duplicate_pairs.c.article_id, duplicate_pairs.c.other_id).where(
        or_(duplicate_pairs.c.article_id == article_id, duplicate_pairs.c.other_id == article_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(statement).mappings().all()
        direct = {int(a) + int(b) - article_id for a, b in conn.execute(pairs)}
    mine = next((row["signature"] for row in rows if row["article_id"] == article_id), None)
    frame = pd.DataFrame(
        [
            {
                **{name: row[name] for name in columns[:4]},
                "similarity": similarity(mine or b"", row["signature"] or b""),
                "direct": int(row["article_id"]) in direct,
            }
            for row in rows
            if row["article_id"] != article_id
        ],
        columns=columns,
    )
    return frame.sort_values(
        ["similarity", "article_id"], ascending=[False, True], ignore_index=True
    )
