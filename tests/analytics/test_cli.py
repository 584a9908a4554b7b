import io
from pathlib import Path

import pandas as pd
import pytest

from analytics.cli import main
from analytics.store import (
    create_store_engine,
    entity_corrections_table,
    entity_counts,
    entity_mentions,
    n_articles,
    retype_entity,
)

REPO = Path(__file__).resolve().parents[2]


def test_add_list_export(tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Harbour reopens\n\nThe harbour in Gdansk reopened on Monday after the storm.\n",
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    seed = REPO / "seeds" / "000_64318eeef4daaa9f.txt"
    assert main(["--db", db_url, "add", str(folder), str(seed)]) == 0
    out = capsys.readouterr()
    assert "2 added, 0 already present, 1 rejected" in out.out
    assert "broken.txt" in out.err
    assert main(["--db", db_url, "seed"]) == 0
    assert "6 added, 1 already present, 0 rejected" in capsys.readouterr().out
    assert n_articles(create_store_engine(db_url)) == 8

    assert main(["--db", db_url, "list"]) == 0
    assert "Harbour reopens" in capsys.readouterr().out

    target = tmp_path / "words.csv"
    assert main(["--db", db_url, "export", "words", "--top", "2", "-o", str(target)]) == 0
    words = pd.read_csv(target, encoding="utf-8-sig")
    # the news words (said, mr...) are left out with the stop words, as on the pages
    assert words.to_dict("records") == [
        {"term": "new", "n_occurrences": 16, "n_articles": 5, "per_10k_words": 70.67},
        {"term": "people", "n_occurrences": 10, "n_articles": 5, "per_10k_words": 44.17},
    ]
    assert (
        main(["--db", db_url, "export", "words", "--top", "2", "--news-words", "-o", str(target)])
        == 0
    )
    words = pd.read_csv(target, encoding="utf-8-sig")
    assert words.to_dict("records") == [
        {"term": "said", "n_occurrences": 24, "n_articles": 6, "per_10k_words": 106.01},
        {"term": "new", "n_occurrences": 16, "n_articles": 5, "per_10k_words": 70.67},
    ]


def test_export_to_stdout(db_url: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["--db", db_url, "seed"]) == 0
    capsysbinary.readouterr()
    assert main(["--db", db_url, "export", "entities", "--top", "1"]) == 0
    frame = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig")
    assert frame.iloc[0].to_dict() == {
        "entity": "Germany",
        "label": "GPE",
        "n_mentions": 7,
        "n_articles": 4,
    }


def test_missing_path_is_a_clear_error(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "add", "/no/such/folder"]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_a_missing_model_is_one_sentence(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    assert main(["--db", db_url, "--model", "no_such_model", "add", str(article)]) == 2
    err = capsys.readouterr().err
    assert "error: The spaCy model 'no_such_model' is not installed." in err
    assert "Traceback" not in err
    assert n_articles(create_store_engine(db_url)) == 0


def test_loads_and_deletes_are_in_the_audit_trail(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from analytics.store import audit_entries

    article = tmp_path / "one.txt"
    article.write_text("Harbour reopens\n\nThe harbour in Gdansk reopened on Monday.\n")
    assert main(["--db", db_url, "add", str(article)]) == 0
    assert main(["--db", db_url, "delete", "1"]) == 0
    capsys.readouterr()
    trail = audit_entries(create_store_engine(db_url))
    assert list(trail["user"]) == ["command line", "command line"]
    assert list(trail["action"]) == ["delete", "upload"]  # newest first
    assert list(trail["n_rows"]) == [1, 1]
    assert trail["detail"].iloc[1].endswith("one.txt: 1 added, 0 already present, 0 rejected")


def test_reanalyse_gives_stored_articles_this_versions_types_and_keeps_corrections(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "seed"]) == 0
    engine = create_store_engine(db_url)
    counts = entity_counts(engine).set_index(["entity", "label"])
    rotterdam = int(counts.loc[("Rotterdam", "GPE"), "n_mentions"])
    # what an older version's rules stored: Rotterdam as a person
    with engine.begin() as conn:
        conn.execute(
            entity_mentions.update()
            .where(entity_mentions.c.entity == "Rotterdam")
            .values(label="PERSON")
        )
    retype_entity(engine, entity="Hamburg", label="GPE", to_label="LOC")
    capsys.readouterr()

    assert main(["--db", db_url, "reanalyse"]) == 0
    assert "7 articles analysed again" in capsys.readouterr().out
    after = entity_counts(engine).set_index(["entity", "label"])
    assert int(after.loc[("Rotterdam", "GPE"), "n_mentions"]) == rotterdam
    assert ("Rotterdam", "PERSON") not in after.index
    # the user's correction applies to the articles analysed again
    assert ("Hamburg", "LOC") in after.index and ("Hamburg", "GPE") not in after.index
    corrections = entity_corrections_table(engine)
    assert corrections[["kind", "entity", "target"]].to_dict("records") == [
        {"kind": "retype", "entity": "Hamburg", "target": "LOC"}
    ]
    assert n_articles(engine) == 7
