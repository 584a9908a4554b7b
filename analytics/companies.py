"""Listed companies by their short names: a name the small model types as a place ("Nvidia",
"BlackRock" and "Ferrari" are GPE to ``en_core_web_sm``) that is a company of a stock index
and no place is an organisation.

The names come from ``pytickersymbols`` (the constituents of twenty indices: S&P 500, NASDAQ
100, FTSE 100, DAX, CAC 40, Nikkei 225, ...; about 1,800 companies), shipped with the package,
so nothing is fetched. A name is kept as written and without its legal or corporate suffix
("Tesla, Inc." -> "Tesla", "Ford Motor Company" -> "Ford Motor", "ASML Holding" -> "ASML").
"""

from __future__ import annotations

import re
from functools import lru_cache

from pytickersymbols import PyTickerSymbols

#: Words at the end of a listed name that are not part of the name as news writes it.
_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.|plc|PLC|AG|SE|SA|S\.A\.|"
    r"NV|N\.V\.|Ltd\.?|Limited|Group|Holdings?|Holding Company|Technologies|International|"
    r"Platforms|\(corporation\)|\(company\)))+$"
)
#: Short names too common as words or too short to be a company's alone.
_MIN_LENGTH = 3


def short_company_name(name: str) -> str:
    """``name`` without its legal or corporate suffixes: "Tesla, Inc." -> "Tesla"."""
    previous = None
    while previous != name:
        previous = name
        name = _SUFFIX.sub("", name).strip()
    return name


@lru_cache(maxsize=1)
def listed_company_names() -> frozenset[str]:
    """The short names (``short_company_name``) of the listed companies, casefolded."""
    tickers = PyTickerSymbols()
    names = {
        stock["name"]
        for index in tickers.get_all_indices()
        for stock in tickers.get_stocks_by_index(index)
    }
    return frozenset(
        short.casefold() for short in map(short_company_name, names) if len(short) >= _MIN_LENGTH
    )


def is_listed_company(name: str) -> bool:
    """Whether ``name`` is a listed company's name, full or short ("Nvidia", "Tesla, Inc.")."""
    return short_company_name(name.strip()).casefold() in listed_company_names()
