"""Named entities: mentions found by spaCy's NER, cleaned and normalised so variants merge.

"the Kremlin" and "Kremlin", "Assad's" and "Assad", "'RIA Novosti'" and "RIA Novosti" are the
same entity: leading articles, possessive endings, quotes and dangling conjunctions or
punctuation at either end of a mention are dropped. Debris that spans pick up on real pages
goes too: citation markers copied from encyclopaedias ("Bashar al-Assad,[1"), a bracket cut
in half ("Commission of Inquiry (CoI"), an acronym or aside in parentheses at the end, the
preposition or direction before a place ("Near Tartus", "north of Aleppo") and, for people, a
title or rank ("Navy Capt. John Smith" is John Smith; ``split_title`` gives the title). The
full stop of an abbreviation stays ("U.S.", "Washington D.C.", "Apple Inc."). Spans that are
no names at all (all lower case, no letters, a bare title or rank) are left out of the named
types. Entities are counted by normalised text and label (PERSON, ORG, GPE, LOC, NORP, ...).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc, Span, Token

from analytics.aliases import FEMALE_TITLES, MALE_TITLES, article_aliases

#: Labels of named things (the others, such as DATE or CARDINAL, are numbers and times).
NAMED_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, states",
    "LOC": "Other places",
    "NORP": "Nationalities, religious and political groups",
    "FAC": "Buildings, airports, roads",
    "EVENT": "Events",
    "PRODUCT": "Products",
    "WORK_OF_ART": "Titles of works",
    "LAW": "Laws",
    "LANGUAGE": "Languages",
    "DATE": "Dates",
    "TIME": "Times",
    "PERCENT": "Percentages",
    "MONEY": "Money",
    "QUANTITY": "Quantities",
    "ORDINAL": "Ordinals",
    "CARDINAL": "Numbers",
}
LEADING_WORDS = {"the", "a", "an"}
TRAILING_WORDS = {"'s", "’s", "'", "’", "s", "and", "or", "of", "&"}
EDGE_CHARACTERS = " \t\n'\"‘’“”«»()[]{}.,;:!?-–—"
#: The same without the full stop, which an abbreviation keeps at the end.
END_CHARACTERS = EDGE_CHARACTERS.replace(".", "")

#: Initialisms with a full stop after each letter, two letters at least: "U.S.", "D.C.".
INITIALISM = re.compile(r"^(?:[^\W\d_]\.){2,}$")
#: Words abbreviated with a full stop that end names: company forms, generational suffixes,
#: street kinds and the AP abbreviations of US states (compared without case or full stop).
_ABBREVIATION_WORDS = """
    inc ltd co corp cos plc llc llp bros cie assn assoc dept univ intl natl mfg
    jr sr snr jnr esq ph.d
    st mt ft ave blvd rd
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex vt va wash wis wyo w.va
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
#: Citation and maintenance markers of encyclopaedia pages: "[1]", "[12]", "[a]", "[note 3]",
#: "[citation needed]", "[who?]" (a marker cut by the span's end counts too).
#: A number or a score ("6-2", "30-0", "1:45.3") after a name.
SCORE = re.compile(r"^\d[\d\-–/:.,]*$")
CITATION = re.compile(
    r"\[\s*(?:\d{1,4}|[a-z]|(?:note|nb|n)\s*\d{1,4}|citation needed|clarification needed"
    r"|verification needed|better source needed|page needed|failed verification|dead link"
    r"|dubious(?: [–-] discuss)?|original research\??|who\?|when\?|which\?|by whom\?"
    r"|according to whom\?|update)\s*(?:\]|$)",
    re.IGNORECASE,
)
BRACKETS = {")": "(", "]": "[", "}": "{"}
BRACKET = re.compile(r"[()\[\]{}]")
#: A parenthesis at the end of a name, closed or cut by the span's end: an acronym or an
#: aside ("Commission of Inquiry (CoI)", "World Health Organization (WHO").
FINAL_ASIDE = re.compile(r"^(?P<name>.*?\S)\s*\((?P<aside>[^()]*)\)?$")
ACRONYM_ASIDE = re.compile(r"^[A-Z][A-Za-z&.\-]{0,9}$")
ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: What stands before a place in a sentence and is no part of its name.
PLACE_PREFIX = re.compile(
    r"^(?:(?P<preposition>near|in|at|from|outside|inside|into|across|around|throughout|within"
    r"|towards?|via|along|beyond|to|off)"
    r"|(?:(?:just|far|some|about|\d[\d.,]*\s*(?:km|kilometres|kilometers|miles|mi))\s+)?"
    r"(?:north|south|east|west)(?:[- ]?(?:east|west))?\s+of"
    r"|(?:the\s+)?(?:outskirts|suburbs)\s+of)\s+",
    re.IGNORECASE,
)
DIRECTIONS = frozenset({"north", "south", "east", "west"})
#: Prepositions that go even when capitalised ("Near Tartus" at the start of a sentence); the
#: others ("To Lam", "Beyond Meat") only in lower case. An organisation's name loses one only
#: at the start of a sentence, and only the first four ("Inside Climate News" stays).
CAPITALISED_PREPOSITIONS = frozenset(
    {"near", "in", "at", "from", "outside", "inside", "around", "across", "within", "throughout"}
)
ORG_PREPOSITIONS = frozenset({"near", "in", "at", "from"})
#: Labels whose spans may begin with a preposition or direction the model took in.
PREFIXED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

#: Titles, offices and ranks before a person's name (compared without case or full stop).
_TITLE_WORDS = """
    mr mrs ms miss mx mister madam madame sir dame lord lady
    dr doctor prof professor
    president vice-president president-elect minister premier chancellor secretary
    secretary-general governor gov mayor ambassador senator sen congressman congresswoman
    representative rep mp mep msp mla td chairman chairwoman ceo taoiseach tánaiste tanaiste
    king queen prince princess emir sultan sheikh shaikh pope emperor empress tsar
    cardinal archbishop bishop imam ayatollah rabbi rev reverend
    judge justice officer detective det inspector insp constable sheriff
    gen general col colonel lt lieutenant maj major capt captain cmdr cdr commander
    adm admiral brig brigadier sgt sergeant cpl corporal pvt private
    lt-gen lt-col maj-gen brig-gen
"""
TITLE_WORDS = frozenset(_TITLE_WORDS.split())
#: Words that form a title only before a title word: "Navy Capt.", "Prime Minister".
_TITLE_PREFIXES = """
    navy army air force marine marines coast guard rear vice staff master chief deputy acting
    former ex first lance prime foreign defence defense interior finance home health justice
    state attorney supreme
"""
TITLE_PREFIXES = frozenset(_TITLE_PREFIXES.split())
#: Titles after which the name begins, whatever its first word ("Mr King", "Dr Major").
_COURTESY_TITLES = "mr mrs ms miss mx mister madam madame dr doctor prof professor"
COURTESY_TITLES = frozenset(_COURTESY_TITLES.split())
#: Titles that are part of how a person is known when one name alone follows ("Prince Harry",
#: "Pope Francis", "Lord Coe", "Sir Elton"): they come off only before a fuller name.
_STYLE_TITLES = """
    king queen prince princess pope emir sultan sheikh shaikh emperor empress tsar
    lord lady sir dame
"""
STYLE_TITLES = frozenset(_STYLE_TITLES.split())
#: Titles that are no one's name alone: a span of just "Mr" or "Capt" is no mention. (A lone
#: "King" or "President" may be a surname or the model's slip, and stays.)
_ABBREVIATED_TITLES = """
    mr mrs ms mx dr prof gen col lt maj capt cmdr cdr adm brig sgt cpl pvt sen rep gov rev det insp
"""
ABBREVIATED_TITLES = frozenset(_ABBREVIATED_TITLES.split())
TITLE_PARTS = TITLE_WORDS | TITLE_PREFIXES
#: Occupations that stand as a title before a full name ("Organiser Florence Adeyemi",
#: "Campaigner Jo Bell"): they come off only first, and only before two capitalised words
#: or more ("Pastor Maldonado" stays a name).
_ROLE_TITLES = """
    organiser organizer campaigner activist spokesman spokeswoman spokesperson resident
    volunteer researcher scientist economist analyst journalist reporter photographer historian
    lawyer barrister solicitor prosecutor diplomat envoy adviser advisor aide founder co-founder
    entrepreneur businessman businesswoman tycoon billionaire councillor headteacher teacher
    lecturer student nurse surgeon engineer novelist poet singer actor actress artist director
    producer manager striker midfielder defender goalkeeper forward winger
"""
ROLE_TITLES = frozenset(_ROLE_TITLES.split())
TITLE_JOINS = re.compile(r"[.\-]")
GENDERED_TITLES = (("m", MALE_TITLES), ("f", FEMALE_TITLES))
#: Offices of the form "Secretary of State": "of" and these words continue the title.
TITLE_OF_WORDS = frozenset({"state", "staff", "defence", "defense"})


class Mention(NamedTuple):
    """One entity mention in an article's body, as stored.

    ``alias`` is the normalised mention ("Putin"), ``entity`` the row it counts under once
    aliases are merged ("Vladimir Putin"); an empty alias means the same as ``entity``.
    """

    start_char: int
    end_char: int
    sentence_index: int
    surface: str
    entity: str
    label: str
    alias: str = ""


class _Name(NamedTuple):
    name: str  # the normalised name ("" when the span is no name)
    title: str = ""  # a person's title or rank taken off the name ("Navy Capt.")
    acronym: str = ""  # an acronym that followed the name in parentheses ("WHO")


def _word_key(word: str) -> str:
    return word.strip(".,").lower()


def _is_title_word(word: str) -> bool:
    key = _word_key(word)
    if key in TITLE_WORDS:
        return True
    if "." not in key and "-" not in key:
        return False
    parts = [part for part in TITLE_JOINS.split(key) if part]  # "Lt.-Col.", "Lt.Gen."
    return len(parts) > 1 and all(part in TITLE_PARTS for part in parts)


def _is_title_part(word: str) -> bool:
    return _word_key(word) in TITLE_PREFIXES or _is_title_word(word)


def _title_length(words: list[str]) -> tuple[int, bool]:
    """How many of the leading words are a title: title words, words that form one before a
    title word ("Navy", "Prime"), "of State" after "Secretary", and one first word of any
    kind before an office ("US President", "Syrian President"); and whether the title ends
    with a courtesy title, after which the name begins whatever it is ("Mr King")."""
    end = 0
    i = 0
    while i < len(words):
        key = _word_key(words[i])
        if key in COURTESY_TITLES:
            return i + 1, True
        if _is_title_word(words[i]):
            i += 1
            end = i
        elif key == "of" and end == i and i + 1 < len(words):
            if _word_key(words[i + 1]) not in TITLE_OF_WORDS:
                break
            i += 2
            end = i
        elif key in TITLE_PREFIXES or (i == 0 and words[0][:1].isupper()):
            if i + 1 >= len(words) or not _is_title_part(words[i + 1]):
                break
            i += 1
        else:
            break
    return end, False


def split_title(name: str) -> tuple[str, str]:
    """A person's name split into its leading title or rank and the name itself:
    "Navy Capt. John Smith" -> ("Navy Capt.", "John Smith"), "Mr Putin" -> ("Mr", "Putin").

    The title comes off only when a name is left, starting with a capital and having a word
    that is no title (after Mr, Mrs, Ms, Dr or Prof any word is a name: "Mr King"). A title of
    style stays before a single name ("Prince Harry", "Pope Francis", "Sir Elton"). Names
    with no title come back whole with an empty title ("Stephen King").
    """
    words = name.split()
    if (
        len(words) > 2
        and _word_key(words[0]) in ROLE_TITLES
        and words[1][:1].isupper()
        and words[2][:1].isupper()
    ):
        return words[0], " ".join(words[1:])
    end, courtesy = _title_length(words)
    rest = words[end:]
    if not end or not rest or not rest[0][:1].isupper():
        return "", name
    if not courtesy and all(map(_is_title_part, rest)):
        return "", name
    if len(rest) == 1 and any(_word_key(word) in STYLE_TITLES for word in words[:end]):
        return "", name
    return " ".join(words[:end]), " ".join(rest)


def _is_bare_title(name: str, label: str) -> bool:
    """Whether the name is only a title or rank ("Prime Minister", "Navy Capt", "Mr"): no
    person's name, no organisation's either (a single word may be an organisation's name,
    "Navy", "Queen", or a person's, "King")."""
    words = name.split()
    if not words or (
        len(words) == 1 and (label == "ORG" or _word_key(words[0]) not in ABBREVIATED_TITLES)
    ):
        return False
    if len(words) > 1 and _word_key(words[0]) in COURTESY_TITLES:
        return False
    return all(map(_is_title_part, words)) and any(map(_is_title_word, words))


def strip_initialism_dots(name: str) -> str:
    """The name with the full stops of its initialisms taken out ("U.S." -> "US",
    "Washington D.C." -> "Washington DC"): one key for the forms with and without them."""
    return " ".join(
        word.replace(".", "") if INITIALISM.match(word) else word for word in name.split()
    )


def _ends_with_abbreviation(text: str) -> bool:
    """Whether the text's last word is an abbreviation whose full stop belongs to it."""
    words = text.rsplit(None, 1)
    last = words[-1] if words else ""
    if INITIALISM.match(last):
        return True
    return last[:1].isupper() and last[:-1].lower() in ABBREVIATIONS


def _strip_edges(text: str) -> str:
    """Punctuation, quotes and brackets off both ends; a final full stop stays after an
    abbreviation ("U.S.", "Apple Inc.") and goes after any other word."""
    text = text.lstrip(EDGE_CHARACTERS)
    while True:
        stripped = text.rstrip(END_CHARACTERS)
        if stripped.endswith(".") and not _ends_with_abbreviation(stripped):
            stripped = stripped[:-1]
        if stripped == text:
            return text
        text = stripped


def _balance_brackets(text: str) -> str:
    """The text without a bracket left open: the name ends before it ("Commission of Inquiry
    (CoI" -> "Commission of Inquiry"), or, when it opens the text, it goes alone ("(CoI" ->
    "CoI"). A closing bracket never opened is left alone inside the name (``_strip_edges``
    takes it off the ends)."""
    while True:
        opened: list[int] = []
        for i, character in enumerate(text):
            if character in "([{":
                opened.append(i)
            elif character in BRACKETS and opened and text[opened[-1]] == BRACKETS[character]:
                opened.pop()
        if not opened:
            return text
        first = opened[0]
        text = (text[1:] if first == 0 else text[:first]).strip()


def _strip_place_prefix(text: str, label: str, *, sentence_start: bool) -> str:
    """The text without the prepositions, directions and articles before a name ("near the
    Kremlin" -> "Kremlin", "north of Aleppo" -> "Aleppo"), never before a bare direction
    ("Near East"); see ``CAPITALISED_PREPOSITIONS`` for capitalised ones."""
    while True:
        article = ARTICLE.match(text)
        if article and article.end() < len(text):
            text = text[article.end() :]
            continue
        prefix = PLACE_PREFIX.match(text)
        if not prefix:
            return text
        rest = text[prefix.end() :]
        name = ARTICLE.sub("", rest, count=1)  # "near the Kremlin"
        if not name[:1].isupper() or name.lower() in DIRECTIONS:
            return text
        word = prefix["preposition"]
        if word and not word.islower():
            allowed = ORG_PREPOSITIONS if label == "ORG" else CAPITALISED_PREPOSITIONS
            if word.lower() not in allowed or (label == "ORG" and not sentence_start):
                return text
        text = rest


#: Lower-case words that belong inside a person's name ("Hamad al-Obeid", "van Gogh").
NAME_PARTICLES = frozenset(
    [
        "al",
        "el",
        "bin",
        "bint",
        "ibn",
        "abu",
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "dos",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "le",
        "la",
        "y",
        "e",
        "ben",
        "ap",
    ]
)


def _after_lower_case_words(text: str) -> str:
    """A person's name without the words before it that the span took along up to the last
    lower-case word that is no name particle: "Balco boss Victor Conte" -> "Victor Conte"."""
    words = text.split()
    for index in range(len(words) - 2, -1, -1):
        word = words[index]
        if (
            word.isalpha()
            and word.islower()
            and word not in NAME_PARTICLES
            and word not in ("of", "and", "the")
        ):
            rest = words[index + 1 :]
            return " ".join(rest) if rest[0][:1].isupper() else text
    return text


def person_name(name: str) -> str:
    """A name cleaned as a person's is: without the words the span took along before it and
    without its title ("Balco boss Victor Conte" -> "Victor Conte"), for a mention typed
    PERSON after its name was cleaned under another type."""
    return _strip_edges(split_title(_after_lower_case_words(name))[1]) or name


def _clean_name(text: str, label: str, *, sentence_start: bool = False) -> _Name:
    """The name in a mention's text, cleaned (see the module's docstring)."""
    if "[" in text:
        text = CITATION.sub(" ", text)
    text = _strip_edges(" ".join(text.split()))
    acronym = ""
    if label in NAMED_LABELS and "(" in text:
        aside = FINAL_ASIDE.match(text)
        if aside:
            text = aside["name"]
            if ACRONYM_ASIDE.match(aside["aside"]) and sum(map(str.isupper, aside["aside"])) > 1:
                acronym = aside["aside"]
    if BRACKET.search(text):
        text = _strip_edges(_balance_brackets(text))
    if label in PREFIXED_LABELS:
        text = _strip_edges(_strip_place_prefix(text, label, sentence_start=sentence_start))
    if label not in NAMED_LABELS or not text:
        return _Name(text)
    if not any(map(str.isalpha, text)) and label != "EVENT":
        return _Name("")  # a number or punctuation
    if text == text.lower() and text != text.upper():
        return _Name("")  # all lower case: no name
    if label in ("PERSON", "ORG") and _is_bare_title(text, label):
        return _Name("")
    if label == "PERSON":
        title, name = split_title(_after_lower_case_words(text))
        return _Name(_strip_edges(name), title, acronym)
    return _Name(text, "", acronym)


def _abbreviation_point(tokens: list[Token]) -> bool:
    """Whether the last token is a full stop that closes an abbreviation written just before
    it ("Inc" + "." -> "Inc.")."""
    if len(tokens) < 2 or tokens[-1].text != "." or tokens[-2].whitespace_:
        return False
    return _ends_with_abbreviation(tokens[-2].text + ".")


def _span_name(span: Span, doc_text: str | None) -> _Name:
    tokens = list(span)
    sentence_start = bool(tokens) and bool(tokens[0].is_sent_start)
    while tokens and (tokens[0].lower_ in LEADING_WORDS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in TRAILING_WORDS or tokens[-1].is_punct):
        if _abbreviation_point(tokens):
            break
        tokens = tokens[:-1]
    if span.label_ == "PERSON":
        # a score or a number after a person's name ("Roddick 6-2 7-6"); an organisation's
        # number is its name's ("Channel 4", "Racing 92")
        while len(tokens) > 1 and (SCORE.match(tokens[-1].text) or tokens[-1].is_punct):
            tokens = tokens[:-1]
    if not tokens:
        return _Name("")
    full_text = span.doc.text if doc_text is None else doc_text
    text = full_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return _clean_name(text, span.label_, sentence_start=sentence_start)


def normalise_entity(span: Span, *, doc_text: str | None = None) -> str:
    """The mention's name: without leading articles, possessives, quotes, dangling words or
    the debris of the module's docstring, and without the title of a person (an empty string
    when the span is no name).

    ``doc_text`` is ``span.doc.text`` when the caller has it already (spaCy rebuilds that
    string on every access, which is slow in a loop).
    """
    return _span_name(span, doc_text).name


def _gendered(title: str) -> set[str]:
    words = {_word_key(word) for word in title.split()}
    return {gender for gender, titles in GENDERED_TITLES if words & titles}


def sentence_starts(doc: Doc) -> list[int]:
    """The index of each sentence's first token, as ``doc.sents`` splits the document (the
    first token always starts one), read from the token array instead of building every
    token and span."""
    if not len(doc):
        return []
    flags = doc.to_array("SENT_START")
    starts = [int(i) for i in (flags == 1).nonzero()[0]]
    return starts if starts[:1] == [0] else [0, *starts]


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """The ``(start_char, end_char)`` of each sentence of ``doc``, as its spans in
    ``doc.sents`` give them."""
    starts = sentence_starts(doc)
    offsets = []
    for start, end in zip(starts, [*starts[1:], len(doc)][: len(starts)], strict=True):
        last = doc[end - 1]
        offsets.append((doc[start].idx, last.idx + len(last.text)))
    return offsets


def entity_mentions(doc: Doc, *, text: str | None = None) -> list[Mention]:
    """Every entity mention of the document, in order, with its sentence's index; each
    mention's entity is its alias merged within the article (``aliases.article_aliases``).

    A person's title is taken off the alias, except where the article names one name with
    titles of both genders ("Mr Smith", "Mrs Smith"): those stay apart, as two people.
    ``text`` is ``doc.text`` when the caller has it already (spaCy joins the tokens' texts
    anew for each ``doc.text``).
    """
    starts = sentence_starts(doc)
    found: list[tuple[Span, int, _Name]] = []
    position = 0
    text = doc.text if text is None else text
    genders: dict[str, set[str]] = {}
    for ent in doc.ents:
        name = _span_name(ent, text)
        if not name.name:
            continue
        while position + 1 < len(starts) and starts[position + 1] <= ent.start:
            position += 1
        found.append((ent, position, name))
        if name.title:
            genders.setdefault(name.name, set()).update(_gendered(name.title))
    mentions: list[Mention] = []
    spelled_out: list[tuple[str, str]] = []
    for ent, sentence_index, name in found:
        alias = name.name
        if name.title and len(genders.get(alias, ())) > 1:
            alias = f"{name.title} {alias}"
        if name.acronym and ent.label_ == "ORG":
            spelled_out.append((f"{alias} ({name.acronym})", ent.label_))
        mentions.append(
            Mention(
                ent.start_char, ent.end_char, sentence_index, ent.text, alias, ent.label_, alias
            )
        )
    merged = article_aliases([*((m.alias, m.label) for m in mentions), *spelled_out])
    return [
        mention._replace(entity=merged.get((mention.alias, mention.label), mention.alias))
        for mention in mentions
    ]


def entity_counts(mentions: pd.DataFrame, *, labels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Entities with their mentions and the number of articles mentioning them.

    ``mentions`` has the columns of ``Mention`` plus ``article_id``.
    """
    selected = mentions if labels is None else mentions[mentions["label"].isin(labels)]
    return (
        selected.groupby(["entity", "label"])
        .agg(n_mentions=("entity", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
        .sort_values(["n_mentions", "entity"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
