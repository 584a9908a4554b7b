"""Direct quotations and who said them, found by rules on the text and its entity mentions.

A quotation is text between quotation marks (curly “…” and ‘…’, straight "…" and '…'), of
at least ``MIN_WORDS`` words, that is not a title (every content word capitalised, as in
“The Last Days of Aleppo”) nor a scare-quoted phrase after "so-called". It may span
sentences. Its speaker is found around a reporting verb (the cue, e.g. "said"):

- after the quotation: “…,” Putin said / “…,” said the spokesman / “…,” the chief executive,
  Sarah Jones, said in a statement (only when the quotation ends with a comma, ! or ?);
- before it, in the same sentence: Mr X told reporters: “…” / Akopov wrote that “…” /
  Johnson said the deal was “…” / According to Dr Fauci, “…” / X was full of praise: “…”;
- a quotation that follows another one with only the first one's attribution (or a
  paragraph break) in between ("…," she said. "…") has the same speaker.

The speaker is linked to the entity mention it contains (a person first, then an
organisation, place or group), so the store can show the entity's (merged) name. "he said" /
"she said" is resolved to the most recent person mentioned outside quotations, unless that
sentence names two different people (then the pronoun is kept, with no entity). Otherwise the
speaker is the subject's text ("A neighbour"), or None when nothing introduces the quotation.

``benchmarks/quotes.py`` compares these rules with textacy's ``direct_quotations`` (which
needs a dependency parse) on the annotated texts in ``tests/analytics/data/``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from analytics.entities import Mention

#: Fewer words than this between the marks is a scare quote ("a 'violation'"), not a quotation.
MIN_WORDS = 3
#: Reporting verbs (the cue of a quotation), in the forms news prose uses.
CUE_FORMS = (
    "say says said",
    "tell tells told",
    "add adds added",
    "write writes wrote",
    "ask asks asked",
    "reply replies replied",
    "explain explains explained",
    "insist insists insisted",
    "warn warns warned",
    "announce announces announced",
    "state states stated",
    "declare declares declared",
    "claim claims claimed",
    "argue argues argued",
    "note notes noted",
    "continue continues continued",
    "conclude concludes concluded",
    "admit admits admitted",
    "acknowledge acknowledges acknowledged",
    "recall recalls recalled",
    "suggest suggests suggested",
    "stress stresses stressed",
    "emphasise emphasised emphasize emphasized",
    "observe observes observed",
    "remark remarks remarked",
    "comment comments commented",
    "tweet tweets tweeted",
    "post posts posted",
    "describe describes described",
    "call calls called",
    "urge urges urged",
    "answer answers answered",
    "respond responds responded",
    "confirm confirms confirmed",
    "shout shouts shouted",
    "whisper whispers whispered",
    "joke jokes joked",
    "complain complains complained",
    "concede concedes conceded",
    "predict predicts predicted",
    "promise promises promised",
    "vow vows vowed",
    "caution cautions cautioned",
    "reiterate reiterates reiterated",
    "underline underlines underlined",
    "quip quips quipped",
    "saying adding",
    "believe believes believed",
)
CUE_VERBS = frozenset(form for forms in CUE_FORMS for form in forms.split())
PRONOUNS = frozenset({"he", "she"})
DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "one", "some"})
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
OPENING = {"“": "”", "‘": "’", '"': '"', "'": "'", "„": "“", "«": "»"}
#: The longest attribution looked at, in characters, on either side of a quotation.
WINDOW = 240
MAX_SUBJECT_WORDS = 12
MAX_WORDS_BETWEEN_CUE_AND_QUOTE = 8
#: How far back "he said" looks for the person it means, in entity mentions.
MAX_MENTIONS_BACK = 100

WORD = re.compile(r"[^\W\d_][\w'’-]*")
SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"”’']?\s+|\n")
CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?;](?:\s|$)|\n")
ACCORDING_TO = re.compile(r"\baccording to\s+(?P<speaker>[^,.;:]{2,80}?)\s*,?\s*$", re.IGNORECASE)
TITLE_STOP_WORDS = frozenset(
    ("a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with")
)


class Quote(NamedTuple):
    """One direct quotation of an article: offsets of the text between the marks, and that
    text with its white space (line breaks, masked markup) made single spaces."""

    start_char: int
    end_char: int
    text: str
    speaker: str | None
    speaker_mention_index: int | None
    cue: str | None


class _Attribution(NamedTuple):
    speaker: str | None
    mention_index: int | None
    cue: str | None
    after: bool = False  # it follows the quotation: “…,” she said.


NO_ATTRIBUTION = _Attribution(None, None, None)


class _Text(NamedTuple):
    """The text looked at, its entity mentions and the spans of all its quoted passages."""

    text: str
    mentions: Sequence[Mention]
    quoted: Sequence[tuple[int, int]]
    starts: list[int]  # of the mentions
    quote_starts: list[int]


def _closes(text: str, index: int) -> bool:
    """Whether a straight or single closing mark at ``index`` ends a quotation (not an
    apostrophe inside a word, as in "union's")."""
    return index + 1 >= len(text) or not text[index + 1].isalnum()


def _opens(text: str, index: int) -> bool:
    return (index == 0 or not text[index - 1].isalnum()) and (
        index + 1 < len(text) and not text[index + 1].isspace()
    )


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, in order.

    Single marks are paired only outside double ones (a quotation inside a quotation is part
    of it), and may nest; an unclosed mark is dropped at the end of its paragraph.
    """
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in OPENING and _opens(text, index):
            closing = OPENING[char]
            end = index + 1
            depth = 0  # single quotations nested in single ones ('… 'a phrase' …')
            while end < len(text) and text[end] != "\n":
                if char in "'‘" and text[end] == char and _opens(text, end):
                    depth += 1
                elif text[end] == closing and (closing not in "'’" or _closes(text, end)):
                    if not depth:
                        break
                    depth -= 1
                elif char in "'‘" and text[end] in '"“”':
                    break  # a double mark inside single ones: the single ones were apostrophes
                end += 1
            if end < len(text) and text[end] == closing:
                spans.append((index + 1, end))
                index = end + 1
                continue
            # Unclosed: go on from where the search stopped (a line break, or a double mark
            # after a single one), so that no character is searched twice.
            index = max(index + 1, end)
            continue
        index += 1
    return spans


def _is_quotation(text: str, start: int, end: int) -> bool:
    words = WORD.findall(text[start:end])
    if len(words) < MIN_WORDS:
        return False
    if text[max(0, start - 12) : start].lower().rstrip(" \"'“‘").endswith("so-called"):
        return False
    content = [word for word in words if word.lower() not in TITLE_STOP_WORDS]
    is_title = all(word[0].isupper() for word in content)
    return not (is_title and text[end - 1] not in ".,!?")


def _cues(text: str) -> list[re.Match[str]]:
    return [match for match in WORD.finditer(text) if match.group().lower() in CUE_VERBS]


def _mention_in(source: _Text, start: int, end: int, *, last: bool) -> int | None:
    """Index of the speaker-like mention within [start, end): a person before anything else,
    the last (or first) one of its kind."""
    mentions = source.mentions
    inside = [
        i
        for i in range(bisect_left(source.starts, start), bisect_left(source.starts, end))
        if mentions[i].end_char <= end and mentions[i].label in SPEAKER_LABELS
    ]
    for label in SPEAKER_LABELS:
        found = [i for i in inside if mentions[i].label == label]
        if found:
            return found[-1] if last else found[0]
    return None


def _quoted(source: _Text, position: int) -> bool:
    """Whether ``position`` is inside quotation marks."""
    i = bisect_right(source.quote_starts, position) - 1
    return i >= 0 and position < source.quoted[i][1]


def _backwards(index: int) -> range:
    """Mention indexes from ``index`` down, at most ``MAX_MENTIONS_BACK`` of them."""
    return range(index, max(-1, index - MAX_MENTIONS_BACK), -1)


def _antecedent(source: _Text, position: int) -> int | None:
    """The most recent person mentioned before ``position`` outside quotations, unless its
    sentence names another person too."""
    mentions = source.mentions
    people = (
        i
        for i in _backwards(bisect_left(source.starts, position) - 1)
        if mentions[i].label == "PERSON"
        and mentions[i].end_char <= position
        and not _quoted(source, mentions[i].start_char)
    )
    latest = next(people, None)
    if latest is None:
        return None
    sentence = mentions[latest].sentence_index
    for i in _backwards(latest - 1):
        if mentions[i].sentence_index != sentence:
            break
        if (
            mentions[i].label == "PERSON"
            and mentions[i].entity != mentions[latest].entity
            and not _quoted(source, mentions[i].start_char)
        ):
            return None
    return latest


def _speaker(source: _Text, start: int, end: int, *, last: bool) -> tuple[str | None, int | None]:
    """The speaker named in text[start:end] (a subject or the words after a cue verb)."""
    text, mentions = source.text, source.mentions
    phrase = text[start:end].strip(" ,:\n")
    if not phrase:
        return None, None
    words = WORD.findall(phrase)
    if words and words[-1 if last else 0].lower() in PRONOUNS:
        pronoun = words[-1 if last else 0]
        return pronoun, _antecedent(source, start)
    index = _mention_in(source, start, end, last=last)
    if index is not None:
        return mentions[index].surface, index
    chunk = phrase.split(",")[0].strip()
    first = chunk.split()[0] if chunk else ""
    if first[:1].isupper() or first.lower() in DETERMINERS:
        return chunk, None  # A neighbour / Critics / the mother-of-nine
    return None, None  # not a noun phrase: "leading him to" (quip …)


def _sentence_start(text: str, position: int, floor: int) -> int:
    window_start = max(floor, position - WINDOW)
    start = window_start
    for match in SENTENCE_END.finditer(text, window_start, position):
        start = match.end()
    return start


def _speaker_after_cue(source: _Text, cue_end: int, limit: int) -> tuple[str | None, int | None]:
    """The speaker named after its verb: said the spokesman / said Kaja Kallas, the …"""
    comma = source.text.find(",", cue_end, limit)
    return _speaker(source, cue_end, limit if comma < 0 else comma, last=False)


def _after(source: _Text, span: tuple[int, int], next_start: int) -> _Attribution | None:
    """“…,” Putin said / “…,” said Kaja Kallas, the Estonian prime minister."""
    text = source.text
    start, end = span
    tail_start = end + 1
    if text[end - 1] not in ",!?—–-" and text[tail_start : tail_start + 1] != ",":
        return None
    limit = min(next_start - 1, tail_start + WINDOW)
    stop = CLAUSE_END.search(text, tail_start, limit)
    tail_end = stop.start() if stop else limit
    cues = _cues(text[tail_start:tail_end])
    if not cues:
        return None
    cue = cues[0]
    cue_start, cue_end = tail_start + cue.start(), tail_start + cue.end()
    subject = text[tail_start:cue_start]
    if WORD.search(subject) is None:  # the verb comes first: said the spokesman
        speaker, index = _speaker_after_cue(source, cue_end, tail_end)
    elif len(WORD.findall(subject)) <= MAX_SUBJECT_WORDS:
        speaker, index = _speaker(source, tail_start, cue_start, last=True)
    else:
        return None
    return _Attribution(speaker, index, cue.group(), after=True)


def _before(source: _Text, span: tuple[int, int], previous_end: int) -> _Attribution | None:
    """Mr X told reporters: “…” / Akopov wrote that “…” / According to X, “…”."""
    text, mentions = source.text, source.mentions
    opening = span[0] - 1
    head_start = _sentence_start(text, opening, previous_end)
    head = text[head_start:opening]
    according = ACCORDING_TO.search(head)
    if according is not None:
        speaker_start = head_start + according.start("speaker")
        speaker_end = head_start + according.end("speaker")
        speaker, index = _speaker(source, speaker_start, speaker_end, last=True)
        return _Attribution(speaker, index, "according to")
    cues = [
        cue
        for cue in _cues(head)
        if len(WORD.findall(head[cue.end() :])) <= MAX_WORDS_BETWEEN_CUE_AND_QUOTE
    ]
    if cues:
        cue = cues[-1]
        subject_end = head_start + cue.start()
        subject_start = head_start
        if len(WORD.findall(text[subject_start:subject_end])) > MAX_SUBJECT_WORDS:
            # After beating four rivals to the prize, Joss Stone said: “…”
            subject_start = text.rfind(",", head_start, subject_end) + 1 or head_start
            if len(WORD.findall(text[subject_start:subject_end])) > MAX_SUBJECT_WORDS:
                return None
        if WORD.search(text[subject_start:subject_end]):
            speaker, index = _speaker(source, subject_start, subject_end, last=True)
        else:  # “…,” said Mr Gerolami, “but …”
            speaker, index = _speaker_after_cue(source, head_start + cue.end(), opening)
        return _Attribution(speaker, index, cue.group())
    if head.rstrip().endswith(":"):
        index = _mention_in(source, head_start, opening, last=True)
        if index is not None and mentions[index].label == "PERSON":
            return _Attribution(mentions[index].surface, index, None)
    return None


def _continues(text: str, previous: tuple[int, int], attribution: _Attribution, start: int) -> bool:
    """Whether a quotation starting at ``start`` continues the previous one: nothing but
    white space in between, or only the previous one's attribution ("…," she said. "…")."""
    if attribution.speaker is None or start - previous[1] > WINDOW:
        return False
    between = text[previous[1] + 1 : start - 1].strip()
    if not between:
        return True
    return attribution.after and len(SENTENCE_END.findall(between + " ")) <= 1


def direct_quotes(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    """The direct quotations of ``text`` with their speakers; ``mentions`` are the text's
    entity mentions in order (their positions are the ``speaker_mention_index``)."""
    quoted = quotation_spans(text)
    spans = [span for span in quoted if _is_quotation(text, *span)]
    source = _Text(
        text,
        mentions,
        quoted,
        [mention.start_char for mention in mentions],
        [start for start, _ in quoted],
    )
    quotes: list[Quote] = []
    previous: tuple[tuple[int, int], _Attribution] | None = None
    for position, span in enumerate(spans):
        next_start = spans[position + 1][0] if position + 1 < len(spans) else len(text) + 1
        previous_end = previous[0][1] + 1 if previous else 0
        attribution = _after(source, span, next_start) or _before(source, span, previous_end)
        if attribution is None:
            if previous is not None and _continues(text, previous[0], previous[1], span[0]):
                attribution = previous[1]._replace(after=False)
            else:
                attribution = NO_ATTRIBUTION
        start, end = span
        quotes.append(
            Quote(
                start,
                end,
                " ".join(text[start:end].split()),  # line breaks, masked markup: one space
                attribution.speaker,
                attribution.mention_index,
                attribution.cue,
            )
        )
        previous = (span, attribution)
    return quotes
