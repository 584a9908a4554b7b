"""Cues of sport around a name: a club's ("Liverpool moved three points clear", "Everton
fans", "beat Chelsea"), a match report's words ("wickets", "24-17", "the Test"), and a
national side's ("Australia beat India", "Wales coach Steve Tandy").

Used by ``analytics.place_cues`` (a club's cue is an organisation's) and by
``analytics.article_entities`` (a country is its side in a sports story).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["has_club_cue", "national_side_cue", "sports_story"]


#: Sport around a place-named club: "Liverpool beat Chelsea 2-1", "Chelsea striker".
_SPORT_AROUND = re.compile(
    r"\b(?:striker|midfielder|goalkeeper|defender|Premiership|Premier League|"
    r"Champions League|FA Cup|Europa League|La Liga|Serie A|Bundesliga|kick-off|relegation|"
    r"relegated|\d+-\d+ (?:win|victory|defeat|draw|loss))\b"
)


_SPORT_AFTER = re.compile(
    r"^\s+(?:(?:beat|beats|drew|draw|lost|v|vs|thrashed|edged|held)\b"
    # "Liverpool manager Arne Slot", "Everton fans", "Leeds moved three points clear"
    r"|(?:manager|striker|midfielder|defender|goalkeeper|winger|fly-half|scrum-half|fans|"
    r"supporters|squad)\b"
    r"|(?:[\w-]+\s+){0,2}points?\s+(?:clear|behind|adrift)\b"
    r"|(?:went|go|goes|moved|move|climbed|stay|stayed)\s+top\b)"
)


_SPORT_BEFORE = re.compile(
    r"\b(?:beat|beaten by|drew with|draw with|draw against|lost to|defeat to|win over|"
    r"victory over|v|vs)\.?\s+$"
)


def has_club_cue(sentence: str, start: int, end: int) -> bool:
    """Whether the words right around ``sentence[start:end]`` say it is a sports club:
    "beat", "drew", "manager", "fans", "three points clear" after it; "beat", "lost to",
    "v" before it. Unlike ``has_org_cue``, nothing further away counts ("fans flew to
    Madrid for the Champions League final" leaves Madrid a city)."""
    before, after = sentence[max(0, start - 80) : start], sentence[end : end + 120]
    return bool(_SPORT_AFTER.match(after) or _SPORT_BEFORE.search(before))


#: A match report's words: two of them make an article a sports story.
_MATCH_WORDS = re.compile(
    r"\b(?:\d{1,3}-\d{1,3}|wickets?|innings|Test|try|tries|penalty|penalties|goals?|"
    r"half-time|full-time|overtime|kick-off|semi-final|quarter-final|final|tournament|"
    r"World Cup|Six Nations|championship|league|coach|captain|squad|match|matches|fixture|"
    r"scored|striker|batsman|bowler|bowled|runs)\b"
)


#: Words by a country's name that make it its national side: "Australia beat India",
#: "Italy travel to Dublin to face Ireland", "the India captain", "Wales coach".
_SIDE_BEFORE = re.compile(
    r"\b(?:beat|beats|beaten by|face|faces|facing|faced|host|hosts|hosted|against|v|vs|"
    r"lost to|losing to|drew with|draw with|defeat to|defeat by|win over|victory over|"
    r"knocked out|eliminated|thrashed|edged|play|plays|played|meet|meets|credit to|gave|"
    r"visit of|visited by|at home to|away to|signed for|joined|joined from|signed from|"
    r"on loan from|loan from|behind|ahead of)\.?\s+$"
)


_SIDE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:beat|beats|lost|lose|drew|draw|won|win|led|lead|trailed|trail|host|"
    r"hosts|travel|travelled|were bowled out|bowled|batted|scored|coach|captain|manager|"
    r"head coach|squad|side|team|fans|supporters|players|levelled|equalised|had tied|tied|"
    r"fell to|rose to|moved|stayed|drove|level on points|\d{1,3}-\d{1,3})\b"
)


@lru_cache(maxsize=4)  # asked twice an article: its sides, then its clubs' other mentions
def sports_story(text: str) -> bool:
    """Whether the text reads as a match report: two different words of one ("beat ... 24-17",
    "wickets", "innings", "captain", "the Test")."""
    return len({match.group().casefold() for match in _MATCH_WORDS.finditer(text)}) >= 2


def national_side_cue(sentence: str, start: int, end: int) -> bool:
    """Whether the words right by ``sentence[start:end]`` make a country its side in a sports
    story: a result or fixture word before or after it ("Australia beat", "beat Wales",
    "to face Ireland"), or the side's coach, captain or fans after it."""
    before, after = sentence[max(0, start - 30) : start], sentence[end : end + 40]
    return bool(_SIDE_BEFORE.search(before) or _SIDE_AFTER.match(after))
