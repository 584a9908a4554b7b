"""An article's paragraphs as safe Markdown with the entity mentions marked."""

from __future__ import annotations

import pandas as pd

from components.article_text import annotated_paragraphs

ZWSP = "\u200b"
BODY = 'Putin met Assad in Moscow.\n\nThe Kremlin said: "*no* deal" (yet). See www.x.org.'


def _mentions(*spans: tuple[int, int, str]) -> pd.DataFrame:
    return pd.DataFrame(spans, columns=["start_char", "end_char", "label"])


def test_two_mentions_in_two_paragraphs() -> None:
    # Given out of order: they are sorted by offset.
    mentions = _mentions((32, 39, "ORG"), (0, 5, "PERSON"))
    assert annotated_paragraphs(BODY, mentions) == [
        ":blue-background[Putin · PERSON] met Assad in Moscow\\.",
        'The :orange-background[Kremlin · ORG] said\\: \\"\\*no\\* deal\\" \\(yet\\)\\. '
        f"See w{ZWSP}ww\\.x\\.org\\.",
    ]


def test_unknown_labels_are_grey_and_mentions_end_at_paragraph_end() -> None:
    mentions = _mentions((19, 25, "GPE"), (10, 15, "CARDINAL"))
    assert annotated_paragraphs(BODY, mentions)[0] == (
        "Putin met :gray-background[Assad · CARDINAL] in :green-background[Moscow · GPE]\\."
    )


def test_overlapping_and_cross_paragraph_spans_are_left_out() -> None:
    mentions = _mentions((0, 9, "PERSON"), (6, 15, "ORG"), (20, 35, "GPE"))
    assert annotated_paragraphs(BODY, mentions) == [
        ":blue-background[Putin met · PERSON] Assad in Moscow\\.",
        'The Kremlin said\\: \\"\\*no\\* deal\\" \\(yet\\)\\. ' + f"See w{ZWSP}ww\\.x\\.org\\.",
    ]


def test_mention_surface_is_escaped() -> None:
    body = "Ask [Evil](http://x) now"
    mentions = _mentions((4, 20, "ORG"))
    assert annotated_paragraphs(body, mentions) == [
        f"Ask :orange-background[\\[Evil\\]\\(h{ZWSP}ttp\\:\\/\\/x\\) · ORG] now"
    ]


def test_no_mentions_and_blank_paragraphs() -> None:
    empty = pd.DataFrame(columns=["start_char", "end_char", "label"])
    assert annotated_paragraphs("a\n\n\n\nb <img src=x>", empty) == ["a", "b \\<img src\\=x\\>"]
