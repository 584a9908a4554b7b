"""Which articles a view looks at: ``ArticleFilter``, a plain hashable value (no SQL), so pages
and components can build and pass one and the dashboard can cache on it. The store turns it
into SQL conditions (``analytics.store.filtering.filter_conditions``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a query looks at; the empty filter means the whole corpus.

    ``one_per_cluster`` keeps one article of each cluster of near-duplicates: among the
    cluster's articles that the rest of the filter selects, the one with the smallest id (so a
    copy is not lost when the filter leaves out its original).
    """

    sources: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""
    article_ids: tuple[int, ...] | None = None
    #: Only articles mentioning this entity, as (entity, label): a click on an entity's bar.
    mentioning: tuple[str, str] | None = None
    #: Only articles containing this word (lower case, as stored): a click on a word's bar.
    containing_word: str = ""
    #: Only articles whose readability measure or count lies in [from, to], as
    #: (measure, from, to): a click on a histogram bar.
    measure_range: tuple[str, float, float] | None = None
    one_per_cluster: bool = False
    #: Only articles whose metadata (a batch's other columns) has one of the values of each
    #: key, as ((key, (value, ...)), ...): the sidebar's column filters, Compare's groups.
    metadata: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether the filter selects the whole corpus (it restricts nothing). An empty tuple of
        ``article_ids`` is a restriction (to no article), a blank search is not."""
        return (
            not self.sources
            and self.date_from is None
            and self.date_to is None
            and not self.search.strip()
            and self.article_ids is None
            and self.mentioning is None
            and not self.containing_word
            and self.measure_range is None
            and not self.one_per_cluster
            and not self.metadata
        )


ALL_ARTICLES = ArticleFilter()
