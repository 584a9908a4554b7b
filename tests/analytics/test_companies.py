"""Listed companies by their short names (``analytics.companies``)."""

from __future__ import annotations

import pytest

from analytics.companies import is_listed_company, listed_company_names, short_company_name


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Tesla, Inc.", "Tesla"),
        ("Ford Motor Company", "Ford Motor"),
        ("ASML Holding", "ASML"),
        ("Rio Tinto (corporation)", "Rio Tinto"),
        ("Adobe Inc.", "Adobe"),
        ("Admiral Group", "Admiral"),
        ("Nvidia", "Nvidia"),
    ],
)
def test_a_listed_name_loses_its_legal_and_corporate_suffixes(name: str, short: str) -> None:
    assert short_company_name(name) == short


def test_the_names_come_from_the_twenty_indices_of_the_pinned_package() -> None:
    names = listed_company_names()
    assert len(names) == 1824
    assert {"nvidia", "blackrock", "ferrari", "verizon", "pfizer", "ericsson"} <= names


@pytest.mark.parametrize("name", ["Nvidia", "NVIDIA", "BlackRock", "Tesla, Inc.", "Glencore"])
def test_listed_companies_are_found_by_any_of_their_forms(name: str) -> None:
    assert is_listed_company(name)


@pytest.mark.parametrize("name", ["Syria", "Foxconn", "Acme Widgets", "Inc.", ""])
def test_other_names_are_not_listed_companies(name: str) -> None:
    assert not is_listed_company(name)
