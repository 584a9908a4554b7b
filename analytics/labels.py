"""How an entity is named in the dashboard: one helper for "Rotterdam · GPE", so every page,
chart and time line names an (entity, label) pair the same way."""

from __future__ import annotations

import pandas as pd

SEPARATOR = " · "


def entity_label(entity: str, label: str) -> str:
    """An entity with its type, as shown among chosen items and in legends: "Rotterdam · GPE"."""
    return f"{entity}{SEPARATOR}{label}"


def entity_labels(entities: pd.Series, labels: pd.Series) -> pd.Series:
    """``entity_label`` of each row of two aligned columns."""
    return entities.astype(str) + SEPARATOR + labels.astype(str)
