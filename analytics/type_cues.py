"""Type cues beyond the gazetteer: groups of people (NORP), natural places (LOC), and the
shapes of organisations' and people's names.

Pure functions over strings (no store, no spaCy pipeline), used by
``analytics.article_entities`` to repair the model's types and to find what it left untagged:

- **Groups** (``is_group_name``): nationalities and demonyms ("Welsh", "Ugandan", "Emirati",
  "New Zealander", "Kurds"), ethnic, tribal and religious groups ("Druze", "Bedouin", "Sunni").
  The small model often types them PERSON, ORG or GPE.
- **Natural places** (``natural_place``): rivers, seas, mountains, valleys, deserts and regions
  that are not political units, which the gazetteer (countries, divisions, cities) does not
  hold: by a generic word in the name ("River Taff", "Mendip Hills", "Thwaites Glacier"), by
  a lower-case generic word or a river's verb beside it ("the Dnipro river", "where the
  Orontes flows", "the plain of Al-Ghab"), or by name, from a list of the world's major
  natural features and regions (``NATURAL_PLACES``).
- **Organisation-shaped names** (``org_shaped``): a PERSON mention in capitals ("JAXA", "BAS")
  or opening with a city's name ("Manchester United").
- **Person cues beyond titles** (``has_role_cue``): an occupation beside a name ("the
  entrepreneur Siobhán Kearney", "Anjali Thapa, a hydrologist at ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from analytics.gazetteer import OWN_NAME
from analytics.place_cues import _RUN
from analytics.place_recall import _Spans
from analytics.places import place_candidates

__all__ = [
    "GROUP_NAMES",
    "NATURAL_PLACES",
    "PARTY_NAMES",
    "PARTY_NAMES_WRITTEN",
    "ROLE_FROM_BEFORE",
    "has_role_cue",
    "is_award_name",
    "is_group_name",
    "is_party_name",
    "natural_place",
    "natural_place_after",
    "natural_place_name",
    "org_shaped",
    "untagged_groups_and_natural_places",
]

#: Nationalities and demonyms as adjectives (plurals are derived: "Syrians", "Iraqis").
_DEMONYMS_TEXT = """
    Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian
    Australian Austrian Azerbaijani Azeri Bahraini Bangladeshi Barbadian Belarusian Belgian
    Beninese Bhutanese Bolivian Bosnian Botswanan Brazilian British Bruneian Bulgarian
    Burkinabe Burmese Burundian Cambodian Cameroonian Canadian Chadian Chilean Chinese
    Colombian Congolese Croatian Cuban Cypriot Czech Danish Djiboutian Dominican Dutch
    Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European Fijian Filipino
    Finnish French Gabonese Gambian Georgian German Ghanaian Greek Guatemalan Guinean
    Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli
    Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovan Kosovar Kuwaiti
    Kyrgyz Lao Laotian Latvian Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian
    Malagasy Malawian Malaysian Maldivian Malian Maltese Mauritanian Mauritian Mexican
    Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepali Nepalese Nicaraguan
    Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Persian
    Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Samoan Saudi
    Scottish Senegalese Serbian Sierra Leonean Singaporean Slovak Slovakian Slovenian Somali
    Somalian South African Spanish Sri Lankan Sudanese Surinamese Swazi Swedish Swiss Syrian
    Taiwanese Tajik Tanzanian Thai Tibetan Togolese Tongan Trinidadian Tunisian Turkish
    Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian
    Zimbabwean Arab Arabian Asian African Hispanic Latino Latina
    Scandinavian Slavic Soviet Kurdish Kurd Basque
    Catalan Flemish Walloon Tamil Sinhalese Punjabi Bengali Gujarati Kashmiri Pashtun
    Baloch Hazara Uyghur Uighur Tatar Chechen Cossack Berber Amazigh Tuareg Fulani Hausa
    Yoruba Igbo Zulu Xhosa Maasai Kikuyu Luo Kalenjin Amhara Oromo Tigrayan Tigrayans Hutu
    Tutsi Rohingya Bedouin Sherpa Inuit Aboriginal Maori Cornish Geordie
    Yazidi Yezidi Druze Alawite Assyrian Chaldean Shabak Copt Coptic Maronite Armenian
    Sunni Shia Shiite Shi'ite Ismaili Salafi Wahhabi Sufi Muslim Islamic Christian
    Catholic Protestant Orthodox Anglican Evangelical Methodist Baptist Lutheran Presbyterian
    Mormon Jewish Jew Hindu Sikh Buddhist Jain Zoroastrian Bahai Rastafarian
    Republican Democrat Loyalist Nationalist Communist Socialist Marxist Maoist Islamist
    Jihadist Zionist
"""
#: Demonyms that are nouns of their own, not adjectives with an -s plural.
_NOUN_DEMONYMS_TEXT = """
    Briton Britons Brit Brits Brummie Scot Scots Dane Danes Finn Finns Pole Poles Swede Swedes
    Turk Turks Kurds Arabs Jews Brits Irishman Irishmen Englishman Englishmen Welshman
    Welshmen Frenchman Frenchmen Dutchman Dutchmen New Zealander New Zealanders Kiwi Kiwis
    Icelander Icelanders Filipinos Filipinas Sudanese Maltese Swiss Thais Greeks Cypriots
    Afghans Omanis Saudis Emiratis Israelis Iraqis Kuwaitis Qataris Yemenis Pakistanis
    Bangladeshis Somalis Uzbeks Kazakhs Tajiks Sikhs Hindus Muslims Christians Catholics
    Protestants Copts Shiites Sunnis Alawites Yazidis Druzes Maronites Bedouins Sherpas
    Pashtuns Uyghurs Uighurs Tatars Chechens Berbers Tuaregs Zulus Hutus Tutsis Maoris
    Republicans Democrats Loyalists Nationalists Communists Socialists Islamists Jihadists
    Zionists Westerners Europeans Africans Asians Latinos
"""


def _plurals(words: list[str]) -> set[str]:
    """The -s plurals of demonyms that take one ("Syrian" -> "Syrians", "Iraqi" -> "Iraqis")."""
    return {word + "s" for word in words if word.endswith(("an", "i", "ite", "ic", "d", "b"))}


#: The demonyms of one word; "Sierra Leonean", "Sri Lankan" and "South African" are listed
#: whole below, so that "Sri", "Sierra" and "South" alone are no group's name.
_DEMONYMS = [
    word
    for word in _DEMONYMS_TEXT.split()
    if word not in {"Sierra", "Leonean", "Sri", "Lankan", "South"}
]
#: Every group name, as ``group_key`` compares them (two-word ones such as "South African"
#: and "New Zealander" included).
GROUP_NAMES = frozenset(
    {" ".join(words).casefold() for words in (name.split() for name in _DEMONYMS)}
    | {name.casefold() for name in _DEMONYMS}
    | {name.casefold() for name in _plurals(_DEMONYMS)}
    | {name.casefold() for name in _NOUN_DEMONYMS_TEXT.split()}
    | {
        "south african",
        "south africans",
        "sierra leonean",
        "sri lankan",
        "sri lankans",
        "new zealander",
        "new zealanders",
        "north korean",
        "north koreans",
        "south korean",
        "south koreans",
        "saudi arabian",
        "latin american",
        "latin americans",
        "middle eastern",
        "african american",
        "african americans",
        "puerto rican",
        "puerto ricans",
    }
)
#: Group names that are as often a party's or organisation's name where the model types them
#: ORG ("Conservatives", "Republicans", "Lib Dem"): repaired from PERSON only, not from ORG.
_PARTY_GROUPS = frozenset(
    [
        "republican",
        "republicans",
        "democrat",
        "democrats",
        "nationalist",
        "nationalists",
        "communist",
        "communists",
        "socialist",
        "socialists",
    ]
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def group_key(name: str) -> str:
    return " ".join(name.translate(_APOSTROPHES).split()).casefold()


def is_group_name(name: str, label: str = "") -> bool:
    """Whether ``name`` names a nationality, ethnic, tribal, religious or political group
    ("Welsh", "Ugandans", "New Zealander", "Druze"). With ``label`` ORG, party-like group
    names ("Conservatives", "Republicans") do not count: as ORG they are the party."""
    key = group_key(name)
    if key not in GROUP_NAMES:
        return False
    return not (label == "ORG" and key in _PARTY_GROUPS)


#: The world's major natural features and regions that are not political units, and the
#: regions of the UK and the US that news names: rivers, seas, mountain ranges, deserts,
#: national parks, regions. Names that are also a country, a state or a company ("Jordan",
#: "Amazon", "Mississippi", "Congo") are left out: the gazetteer or the model types those.
_NATURAL_PLACES_TEXT = """
    Nile|Euphrates|Tigris|Danube|Rhine|Thames|Severn|Mersey|Tyne|Seine|Loire|
    Rhone|Rhône|Elbe|Oder|Vistula|Volga|Dnieper|Dniester|Ganges|Indus|Brahmaputra|
    Mekong|Yangtze|Irrawaddy|Zambezi|Limpopo|Orontes|Litani|Shatt al-Arab|Rio Grande|
    Klondike|Okavango|Amu Darya|Syr Darya|
    Mediterranean|Atlantic|Pacific|Caspian|Adriatic|Aegean|Baltic Sea|North Sea|Red Sea|
    Black Sea|Arabian Sea|South China Sea|East China Sea|Indian Ocean|Arctic|Antarctic|
    Caribbean|English Channel|Persian Gulf|Gulf|Strait of Hormuz|Bosphorus|Suez Canal|
    Panama Canal|Bab el-Mandeb|
    Alps|Andes|Himalayas|Himalaya|Pyrenees|Urals|Rockies|Appalachians|Carpathians|Caucasus|
    South Caucasus|Hindu Kush|Karakoram|Pamirs|Zagros|Qandil|Everest|Kilimanjaro|Pennines|
    Cairngorms|Snowdonia|Eryri|Brecon Beacons|Dartmoor|Exmoor|Lake District|Peak District|
    Cotswolds|Chilterns|Mendips|Fens|Norfolk Broads|New Forest|Highlands|Scottish Highlands|
    Sahara|Sahel|Kalahari|Gobi|Negev|Sinai|Empty Quarter|Atacama|Mojave|
    Middle East|Near East|Far East|Levant|Maghreb|Balkans|Baltics|Horn of Africa|
    Central Asia|South Asia|Southeast Asia|South-East Asia|East Asia|Latin America|
    Central America|Scandinavia|Siberia|Anatolia|Mesopotamia|Patagonia|Arabian Peninsula|
    Korean Peninsula|Iberian Peninsula|Indo-Pacific|Asia-Pacific|Great Lakes|Great Plains|
    Midlands|West Midlands|East Midlands|Home Counties|West Country|Midwest|Deep South|
    Pacific Northwest|Silicon Valley|Rust Belt|Bible Belt|Sun Belt|Outback|Amazonia|
    Amazon rainforest|Congo Basin|Great Rift Valley|Rift Valley|Golan Heights|West Bank
"""
NATURAL_PLACES = frozenset(
    group_key(name) for name in _NATURAL_PLACES_TEXT.replace("\n", "").split("|") if name.strip()
) - {"west bank"}  # the gazetteer holds the West Bank (a division)

#: A generic first or last word of a natural place's name, capitalised as part of it.
_GENERIC_FIRST = re.compile(
    r"^(?:River|Lake|Loch|Lough|Mount|Mt\.?|Gulf of|Bay of|Sea of|Strait of|Isle of|"
    r"Isles of)\s"
)
_GENERIC_LAST = re.compile(
    r"\s(?:River|Sea|Ocean|Mountains|Hills|Valley|Desert|Glacier|Plateau|Peninsula|Strait|"
    r"Straits|Heights|Basin|Delta|Estuary|Fjord|Canyon|Gorge|Falls|Range|Ranges|Lakes|"
    r"Marshes|Wetlands|Rainforest|Moors|Highlands|Lowlands|Coast|Island|Reef|Pass|Lagoon|"
    r"Archipelago)$"
)
#: Lower-case generic words after a name ("the Dnipro river", "the Qandil mountains") or a
#: river's verb ("where the Orontes flows").
_GENERIC_AFTER = re.compile(
    r"^\s+(?:river|rivers|sea|mountains|mountain range|hills|valley|desert|glacier|plateau|"
    r"peninsula|delta|estuary|basin|marshes|rainforest|forest|lagoon|gorge|canyon|reef|"
    r"archipelago|steppe|flows|flowed|burst its banks)\b"
)
#: Words before a natural place ("the plain of Al-Ghab", "the banks of the Tigris").
_GENERIC_BEFORE = re.compile(
    r"\b(?:plain|plains|valley|banks?|shores?|waters|mouth|source|basin|delta|foothills|"
    r"slopes|summit|peak|coast|bed)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Words that make a name with a generic word an organisation or a building instead.
_NOT_NATURAL = re.compile(
    r"\b(?:Hospital|School|University|College|Council|Trust|Authority|Company|Group|Records|"
    r"Rovers|United|FC|Club|Hotel|Centre|Center|Partners|Capital|Resorts?|Airport|Station)\b"
)


@lru_cache(maxsize=20_000)
def natural_place_name(name: str) -> bool:
    """Whether ``name`` itself says it is a natural place: a listed one ("Euphrates",
    "Middle East") or one with a capitalised generic word ("River Taff", "Mendip Hills",
    "Lake Chad", "Thwaites Glacier")."""
    name = " ".join(name.split())
    if group_key(name) in NATURAL_PLACES:
        return True
    if _NOT_NATURAL.search(name) or " " not in name:
        return False
    if not (_GENERIC_FIRST.match(name) or _GENERIC_LAST.search(name)):
        return False
    # "Eagle Pass", "Cape Coral", "Long Island City": a town's own name, not a natural place
    return not any(rank == OWN_NAME for _, rank in place_candidates(name))


def natural_place_after(sentence: str, end: int) -> bool:
    """Whether a lower-case generic word of a natural place follows ``sentence[:end]`` ("the
    Altai mountains", "the Dnipro river")."""
    return _GENERIC_AFTER.match(sentence[end : end + 40]) is not None


def natural_place(name: str, sentence: str, start: int, end: int) -> bool:
    """Whether the mention ``sentence[start:end]`` (written ``name``) is a natural place: by
    its name (``natural_place_name``) or by the words beside it ("the Ubangi river", "where
    the Orontes flows", "the plain of Al-Ghab")."""
    if natural_place_name(name):
        return True
    if _NOT_NATURAL.search(name):
        return False
    return bool(
        _GENERIC_AFTER.match(sentence[end : end + 40])
        or _GENERIC_BEFORE.search(sentence[max(0, start - 30) : start])
    )


_ALL_CAPITALS = re.compile(r"^[A-Z]{2,6}$")


def org_shaped(name: str, first_word_is_city: bool) -> bool:
    """Whether a PERSON mention is shaped as an organisation's name: an acronym in capitals
    ("JAXA", "BAS"), or two or more words opening with a city's name that is no first name
    ("Manchester United"; ``first_word_is_city`` tells it)."""
    if _ALL_CAPITALS.match(name):
        return True
    return first_word_is_city and len(name.split()) > 1


#: Occupations and roles that stand beside a person's name.
_ROLES = (
    r"entrepreneur|billionaire|businessman|businesswoman|tycoon|founder|co-founder|economist|"
    r"scientist|researcher|analyst|student|teacher|schoolteacher|headteacher|lecturer|"
    r"farmer|fisherman|doctor|nurse|surgeon|engineer|carpenter|driver|pilot|"
    r"hydrologist|geologist|biologist|ecologist|glaciologist|climatologist|epidemiologist|"
    r"historian|archaeologist|journalist|reporter|photographer|activist|campaigner|"
    r"volunteer|resident|councillor|shopkeeper|stallholder|mechanic|electrician|"
    r"plumber|labourer|worker|pensioner|grandmother|grandfather|widow|mother of|father of|"
    r"veteran|refugee|athlete|runner|cyclist|boxer|fighter|footballer|cricketer|golfer|"
    r"swimmer|sprinter|jockey|trainer|artist|painter|musician|composer|filmmaker|"
    r"actor|actress|singer|novelist|poet|philosopher|priest|pastor|cleric|"
    r"elder|chef|lawyer|barrister|solicitor|prosecutor|judge|diplomat|ambassador|envoy|"
    r"spokesman|spokeswoman|spokesperson|official|adviser|advisor|aide|professor|chairman|"
    r"chairwoman|chief executive|boss|coach|captain|commander|leader|president|minister|"
    r"secretary|governor|mayor|senator|MP"
)
_ROLE_BEFORE = re.compile(rf"\b(?:{_ROLES})s?,?\s+$", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    rf"^,\s+(?:\d{{1,3}},\s+)?(?:a|an)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_ROLES})\b",
    re.IGNORECASE,
)


#: An occupation and "from" before a place: "an elder from Al-Mayadin", "a carpenter from".
ROLE_FROM_BEFORE = re.compile(rf"\b(?:{_ROLES})s?\s+from\s+$", re.IGNORECASE)

#: Awards the model types PERSON or ORG ("an Oscar", "the Baftas").
_AWARD_NAMES = frozenset(
    {
        "oscar",
        "oscars",
        "academy award",
        "academy awards",
        "bafta",
        "baftas",
        "grammy",
        "grammys",
        "grammies",
        "emmy",
        "emmys",
        "golden globe",
        "golden globes",
        "brit award",
        "brit awards",
        "booker prize",
        "nobel prize",
        "nobel peace prize",
        "olivier award",
        "olivier awards",
    }
)


def is_award_name(name: str) -> bool:
    """Whether ``name`` is an award's ("Oscar", "Baftas", "Golden Globes")."""
    return group_key(name) in _AWARD_NAMES


def has_role_cue(sentence: str, start: int, end: int) -> bool:
    """Whether an occupation stands beside ``sentence[start:end]``: before it ("the
    billionaire Bidzina Ivanishvili", "leader, Kemi Badenoch") or as an apposition after it
    ("Anjali Thapa, a hydrologist at ...", "Abu Yazan, a carpenter from Daraa")."""
    return bool(
        _ROLE_BEFORE.search(sentence[max(0, start - 40) : start])
        or _ROLE_AFTER.match(sentence[end : end + 80])
    )


#: Political parties whose name the model often types PERSON ("Labour", "Lib Dems"): a PERSON
#: mention of one with no person cue around it is the party (ORG).
_PARTY_NAMES_TEXT = """
    Labour|Labour Party|Conservatives|Conservative Party|Tories|Tory|Lib Dems|Lib Dem|
    Liberal Democrats|Liberal Democrat|SNP|Scottish National Party|Plaid Cymru|Reform UK|UKIP|
    Green Party|Greens|DUP|Sinn Fein|Sinn Féin|Alliance Party|SDLP|Brexit Party|GOP|
    Fianna Fáil|Fianna Fail|Fine Gael|
    Bharatiya Janata Party|BJP|ANC|Likud|Fidesz|Georgian Dream|AKP|PKK|Hamas|Hezbollah|
    Taliban|Boko Haram|al-Qaeda|al-Shabab|Houthis|Hayat Tahrir al-Sham|HTS|Morena
"""
#: The parties' names as written.
PARTY_NAMES_WRITTEN = tuple(
    name.strip() for name in _PARTY_NAMES_TEXT.replace("\n", "").split("|") if name.strip()
)
PARTY_NAMES = frozenset(group_key(name) for name in PARTY_NAMES_WRITTEN)


#: The forms one party goes by, its row's name first: "the Tories" and "the Conservatives"
#: are one party, as "US" and "America" are one country.
_PARTY_FORMS_TEXT = """
    Conservative Party|Conservatives|Conservative|Tories|Tory|Conservative party
    Labour|Labour Party|Labour party
    Liberal Democrats|Lib Dems|Lib Dem|Liberal Democrat|Liberal Democrat Party
    Green Party|Greens|Green party
    SNP|Scottish National Party
    UKIP|UK Independence Party
    Sinn Féin|Sinn Fein
    Republican Party|GOP|Republican party
    Democratic Party|Democratic party
"""
#: A party's form -> the name of its row.
PARTY_ROWS = {
    form: forms.strip().split("|")[0]
    for forms in _PARTY_FORMS_TEXT.strip().splitlines()
    for form in forms.strip().split("|")
}


def is_party_name(name: str) -> bool:
    """Whether ``name`` is a political party's or armed movement's name ("Labour", "Lib
    Dems", "Hezbollah") that the model may type PERSON."""
    return group_key(name) in PARTY_NAMES


_STOP_LEADING = frozenset({"the", "a", "an", "in", "on", "at", "of", "and", "but", "from", "to"})


_AND = re.compile(r" (?:and|&) ")


def _runs(text: str) -> Iterable[tuple[int, int]]:
    """Runs of capitalised words, each side of an "and" apart ("Shabak and Assyrians")."""
    for run in _RUN.finditer(text):
        start = run.start()
        for piece in _AND.split(run.group()):
            yield start, start + len(piece)
            start += len(piece) + 5 if text.startswith(" and ", start + len(piece)) else 3


def untagged_groups_and_natural_places(
    text: str, covered: Iterable[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Groups (NORP), natural places (LOC) and parties (ORG) in ``text`` that no entity span
    overlaps, as ``(start, end, label)``: a whole run of capitalised words that is a group's
    name ("Welsh", "Druze"), a natural place's ("Midlands", "River Taff", "Euphrates") or a
    party's ("Plaid Cymru", "Hezbollah"), so that
    "Welsh Government" and "Kurdish Peshmerga" (longer names) are left alone."""
    spans = _Spans(covered)
    found: list[tuple[int, int, str]] = []
    for start, end in _runs(text):
        words = text[start:end].split(" ")
        while words and words[0].casefold() in _STOP_LEADING:
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        possessive = re.search(r"['’]s?$", name)
        if possessive is not None:
            name = name[: possessive.start()]
            end -= len(possessive.group())
        if not name or spans.overlap(start, end):
            continue
        if natural_place_name(name):
            found.append((start, end, "LOC"))
        elif is_group_name(name):
            found.append((start, end, "NORP"))
        elif is_party_name(name):
            found.append((start, end, "ORG"))
    return found
