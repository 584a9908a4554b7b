"""Compare's group controls in their half-width columns: every way of choosing a group is
shown whole (the options wrap onto a second row instead of scrolling out of sight)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# The box of each option of the "Choose by" control of a group, and of the control itself.
_OPTIONS = """key => {
  const control = document.querySelector(`.st-key-${key}`);
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.right]; };
  return {control: box(control),
          options: Array.from(control.querySelectorAll('button')).map(b => [b.innerText, box(b)])};
}"""


@pytest.mark.parametrize("width", [1440, 1100])
def test_every_way_of_choosing_a_group_is_shown_whole(app, width):
    app.page.set_viewport_size({"width": width, "height": 900})
    app.open("/compare")
    for key in ("compare-a-way", "compare-b-way"):
        found = app.page.evaluate(_OPTIONS, key)
        left, right = found["control"]
        labels = [label for label, _ in found["options"]]
        assert "Sources" in labels and "Articles" in labels, labels
        for label, (start, end) in found["options"]:
            assert left - 1 <= start and end <= right + 1, (key, label, start, end, left, right)
