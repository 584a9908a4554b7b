import pytest

from analytics.cleaning import clean_article, clean_body, mask_markup, word_count
from analytics.models import Article


def test_seed_loses_boilerplate_and_repeated_headline(seed_article: Article) -> None:
    cleaned = clean_article(seed_article)
    lines = cleaned.body.split("\n\n")
    assert cleaned.title == "Syrian defeat of the Kremlin may shake Putin's regime - Media."
    assert "Syrian defeat of the Kremlin may push Putin" not in cleaned.body
    assert "Read also" not in cleaned.body
    assert "112.ua" not in cleaned.body
    assert lines[0] == "The fall of Assad's regime in Syria and its impact on the Kremlin"
    assert lines[1].startswith("Russia, withdrawing its troops from Syria")
    assert lines[-1].endswith("will engage in terrorism,' believes Amy Knight.")
    assert len(lines) == 7


def test_boilerplate_lines_of_several_kinds_go() -> None:
    body = "\n".join(
        [
            "Ministers agreed a new budget on Tuesday.",
            "Advertisement",
            "Subscribe to our newsletter",
            "The vote was close.",
            "Share this article",
            "Read more: Budget row deepens",
            "Go",
        ]
    )
    assert clean_body(body, title="Budget agreed") == (
        "Ministers agreed a new budget on Tuesday.\n\nThe vote was close."
    )


def test_article_text_that_looks_like_a_headline_later_on_is_kept() -> None:
    body = "First paragraph ends here.\n\nA subheading in the middle\n\nMore text follows."
    assert clean_body(body, title="A subheading in the middle") == body


def test_a_line_mentioning_read_also_inside_a_sentence_is_kept() -> None:
    body = "Officials said they read also the earlier reports before deciding."
    assert clean_body(body) == body


def test_mask_markup_keeps_offsets() -> None:
    text = "A <b>bold</b> claim &amp; <img src=x onerror=alert(1)> more"
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert masked.split() == ["A", "bold", "claim", "more"]


def test_mask_markup_blanks_comments_and_leaves_an_unclosed_one() -> None:
    assert mask_markup("a <!-- x --> b <!-- open") == "a            b <!-- open"


def test_hostile_lines_are_cleaned_in_linear_time() -> None:
    # Each of these took seconds to minutes with backtracking patterns; now milliseconds.
    assert mask_markup("<!--" * 250_000) == "<!--" * 250_000
    assert clean_body("x" * 1_000_000, title="a title") == "x" * 1_000_000
    long_line = "read also" + "!" * 1_000_000
    assert clean_body(long_line) == long_line


# Texts of other scripts: each line is a paragraph a reader would miss. The last line of each
# is short and ends with its script's own mark, which the trailing-navigation rule once took
# for a line with no sentence end.
JAPANESE = [
    "港町市で二十日、三年がかりで建設が進められてきた新しい防波堤が完成し、記念の式典が開かれました。",
    "式典には市長や地元の漁業関係者など約二百人が出席し、完成を祝いました。",
    "市長は「台風の被害から町を守る大切な施設です」と述べました。",
    "漁協の組合長は次のように話しました。「これで安心して漁に出られます。」",
    "総工費は約四十億円です。",
]
IN_OTHER_SCRIPTS = {
    "zh": (
        "江城地铁五号线今日开通",
        [
            "江城地铁五号线今天上午正式开通运营，全长约二十六公里，共设十八座车站。",
            "市交通局表示，新线路将使城东居民前往市中心的时间缩短一半。",
            "开通首日，不少市民专程前来体验。一位乘客说：“以后上班方便多了！”",
            "票价两元起。",
        ],
    ),
    "ar": (
        "افتتاح مكتبة عامة جديدة في مدينة الساحل",
        [
            "افتتحت بلدية مدينة الساحل يوم الأحد مكتبة عامة جديدة في وسط المدينة.",
            "وقال رئيس البلدية إن المكتبة تضم أكثر من عشرين ألف كتاب باللغتين العربية والإنجليزية.",
            "وأضاف أن المكتبة ستفتح أبوابها كل يوم من التاسعة صباحاً حتى الثامنة مساءً.",
            "ماذا بعد؟",
        ],
    ),
    "ru": (
        "В Приморске открыли новый мост",
        [
            "В Приморске в понедельник открыли новый мост через реку Быструю.",
            "Строительство заняло два года и обошлось городу в 1,2 миллиарда рублей.",
            "«Теперь дорога до центра займёт десять минут», — сказал мэр города.",
            "«Наконец-то!»",
        ],
    ),
    "hi": (
        "सागरपुर में नया अस्पताल खुला",
        [
            "सागरपुर में सोमवार को एक नया सरकारी अस्पताल खोला गया।",
            "अस्पताल में दो सौ बिस्तर हैं और चौबीस घंटे आपातकालीन सेवा उपलब्ध रहेगी।",
            "स्वास्थ्य मंत्री ने कहा कि इससे आसपास के गाँवों के लोगों को बड़ी राहत मिलेगी।",
            "मरीज़ों ने खुशी जताई।",
        ],
    ),
    "el": (
        "Άνοιξε η νέα γέφυρα",
        [
            "Η νέα γέφυρα του λιμανιού άνοιξε τη Δευτέρα, μετά από δύο χρόνια εργασιών.",
            "Ο δήμαρχος είπε ότι η κίνηση στο κέντρο θα μειωθεί.",
            "Γιατί τόσο αργά;",  # ends with the Greek question mark, U+037E
            "Πότε τελειώνουν;",  # ... and with ";", U+003B, as normalised text has it
        ],
    ),
    "hy": (
        "Նոր դպրոց",
        [
            "Նոր դպրոցը բացվեց երկուշաբթի։",
            "Շնորհավորում ենք։",  # Armenian full stop, U+0589
            "Շնորհավորում ենք:",  # ... typed as a colon, as it often is
        ],
    ),
    "am": (
        "አዲስ ሆስፒታል",
        ["አዲሱ ሆስፒታል ተከፈተ።", "ለምን ዘገየ፧"],
    ),
}


def test_japanese_article_keeps_its_lines_and_loses_its_navigation() -> None:
    # Lines have no spaces and end with "。": they once all went as short headlines.
    title = "港町で新しい防波堤が完成"
    body = "\n".join([title, *JAPANESE, "関連記事", "シェアする"])
    assert clean_body(body, title=title) == "\n\n".join(JAPANESE)


@pytest.mark.parametrize("language", sorted(IN_OTHER_SCRIPTS))
def test_articles_in_other_scripts_keep_every_line(language: str) -> None:
    title, lines = IN_OTHER_SCRIPTS[language]
    assert clean_body("\n".join(lines), title=title) == "\n\n".join(lines)
    assert clean_body("\n\n".join([title, *lines, "Advertisement"]), title=title) == (
        "\n\n".join(lines)
    )


def test_words_of_scripts_without_spaces_are_counted_from_characters() -> None:
    assert word_count("Ministers agreed a new budget") == 5
    assert word_count("関連記事") == 2
    assert word_count("江城地铁五号线今日开通") == 6
    long_line = (
        "港町市の新しい防波堤は長さ八百メートル高さ十二メートルで"
        "台風による高潮から港と住宅地を守るために設計され工事は三年かかった"
    )
    assert len(long_line) == 61 and word_count(long_line) == 31
    # a long line with no sentence end is no headline and no navigation: it stays, anywhere
    body = "\n".join([long_line, JAPANESE[0], long_line[:40] + "た"])
    assert clean_body(body, title="防波堤") == body.replace("\n", "\n\n")


HARD_WRAPPED = [
    "Flood defences for Kingsport were approved on Tuesday by the",
    "Harbour Council, after a debate that lasted most of the day. The",
    "Harbour Council approves new flood defences every ten years, and",
    "Tom Reyes, its chairman, said this time the vote had been close.",
]


def test_hard_wrapped_line_resembling_the_title_is_kept() -> None:
    # The third line resembles the title (a ratio of 0.80) but is part of a sentence.
    title = "Harbour Council approves new flood defences"
    assert clean_body("\n".join(HARD_WRAPPED), title=title) == "\n\n".join(HARD_WRAPPED)


def test_title_repeated_after_the_top_goes_only_when_equal() -> None:
    title = "Harbour Council approves new flood defences"
    body = "\n".join(
        [
            "Kingsport news",
            "HARBOUR COUNCIL APPROVES NEW FLOOD-DEFENCES",  # equal: case and punctuation aside
            "Harbour Council approves new flood defences plan",  # resembles only: kept
            "The vote was close.",
        ]
    )
    assert clean_body(body, title=title) == (
        "Kingsport news\n\nHarbour Council approves new flood defences plan\n\nThe vote was close."
    )


def test_wrapped_first_line_resembling_the_title_is_kept() -> None:
    # At the very top a line resembling the title is a repeated headline, unless the next
    # line carries on its sentence.
    title = "Council approves new flood defences"
    body = "Council approves new flood defences for the\nold town on Tuesday."
    assert clean_body(body, title=title) == (
        "Council approves new flood defences for the\n\nold town on Tuesday."
    )
    repeated = "Council approves flood defences\nThe vote was close."
    assert clean_body(repeated, title=title) == "The vote was close."
    dated = "Council approves flood defences\n12 March 2025\nThe vote was close."
    assert clean_body(dated, title=title) == "12 March 2025\n\nThe vote was close."


def test_tables_as_bodies_are_kept_as_text() -> None:
    # trafilatura's text of an HTML table (include_tables): kept line by line.
    markdown = (
        "Saturday's results in the Harbour League.\n"
        "| Home | Score | Away |\n|---|---|---|\n| Arsenal | 2-1 | Chelsea |\n"
        "| Leeds United | 0-0 | Everton |"
    )
    assert clean_body(markdown, title="Results").split("\n\n") == markdown.split("\n")
    # a table pasted with tabs (its cells stay apart by a tab), and one laid out with spaces
    tabbed = "Team\tPts\nArsenal\t61\nLiverpool \t 59\nAston  Villa\t55"
    assert clean_body(tabbed, title="Standings") == (
        "Team\tPts\n\nArsenal\t61\n\nLiverpool\t59\n\nAston Villa\t55"
    )
    spaced = "Team      P   Pts\nArsenal   25   61\nLiverpool   25   59"
    assert clean_body(spaced) == "Team\tP\tPts\n\nArsenal\t25\t61\n\nLiverpool\t25\t59"
    # a block of short rows, mostly numbers or cells apart by " | "
    results = "The scores:\nArsenal 2-1 Chelsea\nLeeds 0-0 Everton\nFulham 3 Spurs 1"
    assert clean_body(results) == results.replace("\n", "\n\n")
    squad = "The squad:\nSmith | GK\nJones | DF\nBrown | FW"
    assert clean_body(squad) == squad.replace("\n", "\n\n")


def test_a_lone_short_line_with_numbers_at_the_end_still_goes() -> None:
    body = "Ministers agreed a new budget on Tuesday.\n5 March 2025"
    assert clean_body(body) == "Ministers agreed a new budget on Tuesday."


def test_hostile_tables_are_cleaned_in_linear_time() -> None:
    # no cell ends after "b.": two spaces there are a typist's, not a gap between cells
    line = "a" + " " * 300 + "b." + " " * 300 + "c" + " " * 300 + "d" + "\t" * 100
    body = "\n".join([line] * 900)
    assert clean_body(body) == "\n\n".join(["a\tb. c\td"] * 900)
    spaced = "\n".join(["a" + " " * 300 + "b" + " " * 300 + "c"] * 900)
    assert clean_body(spaced) == "\n\n".join(["a\tb\tc"] * 900)
    assert clean_body("|" * 1_000_000) == "|" * 1_000_000
