"""Sections as tabs: only the open one runs; a URL parameter opens one; two sets on a page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _two_sets() -> None:
    import streamlit as st

    from components.sections import show_sections

    def section(name: str):  # type: ignore[no-untyped-def]
        return lambda: st.write(f"drawn {name}")

    show_sections({"One": section("a1"), "Two": section("a2")}, key="a")
    show_sections({"Three": section("b3"), "Four": section("b4")}, key="b")


def _drawn(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def test_only_the_open_sections_run() -> None:
    at = AppTest.from_function(_two_sets).run()
    assert not at.exception
    assert _drawn(at) == ["drawn a1", "drawn b3"]
    at.session_state["b"] = "Four"
    at.run()
    assert _drawn(at) == ["drawn a1", "drawn b4"]


def test_a_url_parameter_opens_a_section() -> None:
    at = AppTest.from_function(_two_sets)
    at.query_params["a"] = "Two"
    at.run()
    assert _drawn(at) == ["drawn a2", "drawn b3"]
    assert at.query_params["a"] == "Two"
    at = AppTest.from_function(_two_sets)
    at.query_params["a"] = "Nowhere"  # not a section: the first opens
    at.run()
    assert _drawn(at) == ["drawn a1", "drawn b3"]
