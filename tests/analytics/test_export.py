import io

import pandas as pd

from analytics.export import csv_bytes, neutralise_cell


def test_formula_cells_are_neutralised() -> None:
    frame = pd.DataFrame(
        {
            "term": ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "plain", "Zürich – «ok»"],
            "n_occurrences": [1, 2, -3, 4, 5, 6, 7, 8],
        }
    )
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert list(back["term"]) == [
        "'=SUM(A1)",
        "'+1",
        "'-2",
        "'@cmd",
        "'\tx",
        "'\rx",
        "plain",
        "Zürich – «ok»",
    ]
    assert list(back["n_occurrences"]) == [1, 2, -3, 4, 5, 6, 7, 8]


def test_neutralise_leaves_numbers_alone() -> None:
    assert neutralise_cell(-3.5) == -3.5
    assert neutralise_cell("-") == "'-"
    assert neutralise_cell("ok") == "ok"
