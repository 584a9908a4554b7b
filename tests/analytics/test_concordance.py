from analytics.concordance import concordance, query_pattern, sorted_concordance

TEXTS = [
    (
        1,
        "Port",
        "The port of Rotterdam grew. Officials said the Port  of Rotterdam would grow again.",
    ),
    (2, "Other", "A passport is not a port. Airports differ from the port authority."),
]


def test_whole_words_case_insensitive_with_context() -> None:
    table = concordance(TEXTS, "port", width=12)
    # 12 characters a side, white space folded (a window may cut a word, as in AntConc)
    assert table[["article_id", "left", "match", "right"]].values.tolist() == [
        [1, "The", "port", "of Rotterda"],
        [1, "ls said the", "Port", "of Rotterd"],
        [2, "rt is not a", "port", ". Airports d"],
        [2, "er from the", "port", "authority."],
    ]
    # "passport" and "Airports" hold "port" but are other words: not matched
    assert list(table["word_before"]) == ["the", "the", "a", "the"]
    assert list(table["word_after"]) == ["of", "of", "airports", "authority"]


def test_phrases_match_across_white_space() -> None:
    table = concordance(TEXTS, "port of rotterdam", width=10)
    assert list(table["match"]) == ["port of Rotterdam", "Port of Rotterdam"]


def test_sorting_and_limits() -> None:
    table = concordance(TEXTS, "port")
    by_after = sorted_concordance(table, by="word_after")
    assert list(by_after["word_after"]) == ["airports", "authority", "of", "of"]
    assert len(concordance(TEXTS, "port", limit=3)) == 3
    assert concordance(TEXTS, "   ").empty
    assert query_pattern("a.b") is not None and not query_pattern("a.b").search("axb")
