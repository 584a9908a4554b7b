"""The chart style as drawn in Chromium: no legend on an axis title or a chart title, count
axes with whole ticks each shown once, line-end labels that do not overlap, a network whose
nodes keep apart."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Every Plotly chart of the page: the boxes of its title, axis titles and legend, its tick
# labels per axis, and its text annotations.
_BOXES = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).map(c => {
  const box = e => { if (!e) return null; const b = e.getBoundingClientRect();
    return b.width && b.height ? [b.left, b.top, b.right, b.bottom] : null; };
  return {
    key: (c.closest('[class*="st-key-"]') || {}).className || '',
    title: box(c.querySelector('.gtitle')),
    xtitle: box(c.querySelector('.xtitle')),
    ytitle: box(c.querySelector('.ytitle')),
    legend: box(c.querySelector('.legend')),
    xticks: Array.from(c.querySelectorAll('.xaxislayer-above .xtick text')).map(t => t.textContent),
    yticks: Array.from(c.querySelectorAll('.yaxislayer-above .ytick text')).map(t => t.textContent),
    notes: Array.from(c.querySelectorAll('.annotation')).map(box).filter(b => b),
  };
})"""


def _overlap(a: list[float] | None, b: list[float] | None) -> bool:
    if a is None or b is None:
        return False
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _charts(app, path: str) -> list[dict]:
    """The boxes once the charts have settled (two reads half a second apart agree)."""
    app.open(path)
    boxes = app.page.evaluate(_BOXES)
    for _ in range(20):
        app.page.wait_for_timeout(500)
        again = app.page.evaluate(_BOXES)
        if again == boxes:
            break
        boxes = again
    return boxes


def test_overview_legends_clear_of_titles_and_whole_count_ticks(app):
    charts = _charts(app, "/")
    with_legend = [chart for chart in charts if chart["legend"]]
    assert with_legend, "the top entities chart (several types) has a legend"
    for chart in with_legend:
        for name in ("title", "xtitle", "ytitle"):
            assert not _overlap(chart["legend"], chart[name]), (chart["key"], name)
        assert chart["legend"][1] >= chart["xtitle"][3]  # under the axis title
    by_key = {re.search(r"st-key-([\w-]+)", chart["key"]).group(1): chart for chart in charts}
    # counts on the axes: whole numbers, none printed twice (no "0 1 1 2 2")
    for key, axis in (
        ("overview-grades-chart", "yticks"),
        ("overview-words-chart", "xticks"),
        ("overview-entities-chart", "xticks"),
        ("overview-labels-chart", "yticks"),
    ):
        ticks = by_key[key][axis]
        assert ticks and all(re.fullmatch(r"\d{1,3}(,\d{3})*", tick) for tick in ticks), ticks
        assert len(set(ticks)) == len(ticks), (key, ticks)


def test_over_time_line_labels_do_not_overlap(app):
    (chart,) = _charts(app, "/timeline")
    notes = chart["notes"]
    assert len(notes) == 3  # the three most mentioned entities, one label each
    for i, a in enumerate(notes):
        for b in notes[i + 1 :]:
            assert not _overlap(a, b)
    assert chart["legend"] is None  # the labels name the lines


def test_together_nodes_keep_apart(app):
    app.open("/together")
    centres = app.page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '.st-key-together-network-chart .scatterlayer .trace .points path'))
            .map(p => { const b = p.getBoundingClientRect();
                        return [b.left + b.width / 2, b.top + b.height / 2, b.width]; })
            .filter(([x, y, w]) => w >= 10)"""
    )
    assert len(centres) >= 10
    nearest = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        for i, a in enumerate(centres)
        for b in centres[i + 1 :]
    )
    assert nearest >= 10  # pixels between the centres of the two closest nodes
