"""Untrusted text made literal for Markdown (``markdown_escape``) and Plotly (``plot_safe``)."""

from __future__ import annotations

import string

import pandas as pd
import pytest

from components.safe_text import markdown_escape, plot_safe, plot_text

ZWSP = "\u200b"


@pytest.mark.parametrize("char", [c for c in string.punctuation if c != "@"])
def test_every_ascii_punctuation_char_is_backslash_escaped(char: str) -> None:
    assert markdown_escape(f"a{char}b") == f"a\\{char}b"


def test_whole_punctuation_set() -> None:
    # "@" is not Markdown syntax; it gets a zero-width space (against e-mail autolinks) instead.
    expected = "".join(f"\\{char}" for char in string.punctuation).replace("\\@", f"{ZWSP}@")
    assert markdown_escape(string.punctuation) == expected


def test_markdown_syntax_is_made_literal() -> None:
    payload = "**bold** [lnk](http://evil.example) $x^2$ :red[red] <b>html</b> # hash ![i](x)"
    assert markdown_escape(payload) == (
        "\\*\\*bold\\*\\* \\[lnk\\]\\(h\u200bttp\\:\\/\\/evil\\.example\\) "
        "\\$x\\^2\\$ \\:red\\[red\\] \\<b\\>html\\<\\/b\\> \\# hash \\!\\[i\\]\\(x\\)"
    )


def test_autolinks_are_broken_with_a_zero_width_space() -> None:
    assert markdown_escape("https://evil.example") == f"h{ZWSP}ttps\\:\\/\\/evil\\.example"
    assert markdown_escape("HTTP://evil.example") == f"H{ZWSP}TTP\\:\\/\\/evil\\.example"
    assert markdown_escape("www.evil.example") == f"w{ZWSP}ww\\.evil\\.example"
    assert markdown_escape("ftp://x") == f"f{ZWSP}tp\\:\\/\\/x"
    assert markdown_escape("mailto:x") == f"m{ZWSP}ailto\\:x"
    assert markdown_escape("someone@evil.example") == f"someone{ZWSP}@evil\\.example"


def test_text_without_punctuation_is_unchanged() -> None:
    assert markdown_escape("Über café in Kraków 2024") == "Über café in Kraków 2024"
    assert markdown_escape("") == ""


def _stray_backslashes(markdown: str) -> list[int]:
    """Positions of backslashes that escape nothing (not followed by ASCII punctuation)."""
    stray, position = [], 0
    while position < len(markdown):
        if markdown[position] == "\\":
            if markdown[position + 1 : position + 2] not in set(string.punctuation):
                stray.append(position)
            position += 2
        else:
            position += 1
    return stray


def test_escaped_text_has_no_stray_backslash() -> None:
    """CommonMark only treats a backslash before ASCII punctuation as an escape; before
    anything else (such as the zero-width space put in front of ``@``) it shows literally.

    This was a bug (fixed in components/safe_text.py:35): ``@`` was escaped to ``\\@`` and
    the zero-width space then went between the backslash and the ``@``, so an e-mail address
    showed as ``someone\\@evil.example``.
    """
    for text in ("Write to someone@evil.example today", "a \\@ b", string.punctuation):
        escaped = markdown_escape(text)
        assert _stray_backslashes(escaped) == [], f"backslashes shown literally in {escaped!r}"


def test_plot_text() -> None:
    assert plot_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert plot_text("\"quoted\" 'single'") == "\"quoted\" 'single'"
    assert plot_text(5) == "5"


def test_plot_safe_escapes_text_columns_only() -> None:
    frame = pd.DataFrame(
        {
            "term": ["<b>x</b>", '<a href="javascript:alert(1)">y</a>', "a & b"],
            "n": [1, 2, 3],
            "share": [0.5, 0.25, 0.125],
        }
    )
    safe = plot_safe(frame)
    assert list(safe["term"]) == [
        "&lt;b&gt;x&lt;/b&gt;",
        '&lt;a href="javascript:alert(1)"&gt;y&lt;/a&gt;',
        "a &amp; b",
    ]
    assert list(safe["n"]) == [1, 2, 3]
    assert list(safe["share"]) == [0.5, 0.25, 0.125]
    # A copy: the input is left alone.
    assert list(frame["term"]) == ["<b>x</b>", '<a href="javascript:alert(1)">y</a>', "a & b"]


def test_plot_safe_keeps_missing_values_missing() -> None:
    frame = pd.DataFrame(
        {
            "title": ["<i>t</i>", None],
            "source": pd.Series(["<s>", pd.NA], dtype="string"),
        }
    )
    safe = plot_safe(frame)
    assert safe["title"].iloc[0] == "&lt;i&gt;t&lt;/i&gt;"
    assert pd.isna(safe["title"].iloc[1])
    assert safe["source"].iloc[0] == "&lt;s&gt;"
    assert pd.isna(safe["source"].iloc[1])
