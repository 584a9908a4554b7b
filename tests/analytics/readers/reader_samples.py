"""Texts, a web page and helpers shared by the readers' tests (written here, nothing copied)."""

from __future__ import annotations

from analytics.models import Article, ReadOutcome

SUPPORTED = (
    "supported types are plain text (.txt, .text, .md, .markdown), HTML (.html, .htm), "
    "CSV (.csv, .tsv), JSON Lines (.jsonl, .ndjson), PDF (.pdf), Word (.docx) and "
    "ZIP archives of these (.zip)"
)


RUSSIAN = (
    "Городской совет в понедельник утвердил строительство трёх новых велосипедных дорожек "
    "вдоль реки. Сторонники проекта говорят, что дорожки сделают дорогу в школу безопаснее "
    "для детей. Владельцы магазинов опасаются, что на главной улице станет меньше мест для "
    "парковки. Строительство начнётся весной и закончится до конца следующего года."
)


FRENCH = (
    "Le conseil municipal a approuvé lundi soir la création de trois nouvelles pistes "
    "cyclables le long de la rivière. Les défenseurs du projet affirment que les élèves "
    "pourront aller à l'école en toute sécurité, tandis que les commerçants craignent la "
    "disparition de places de stationnement près du marché. Les travaux commenceront au "
    "printemps et s'achèveront avant la fin de l'année prochaine, a précisé l'élu chargé "
    "des déplacements."
)


GERMAN = (
    "Der Stadtrat hat am Montagabend den Bau von drei neuen Radwegen entlang des Flusses "
    "beschlossen. Befürworter sagen, dass die Wege den täglichen Schulweg für Kinder sicherer "
    "machen würden, während Ladenbesitzer den Verlust von Parkplätzen in der Hauptstraße "
    "befürchten. Die Bauarbeiten sollen im Frühjahr beginnen und vor Ende des nächsten "
    "Jahres abgeschlossen sein, äußerte der Verkehrsreferent."
)


PARAGRAPHS = (
    "The town council voted on Monday evening to build three new protected cycle lanes "
    "along the river, after a debate that lasted more than four hours.",
    "Supporters said the lanes would make the daily commute safer for children riding to "
    "school, while shop owners worried about the loss of parking spaces on the high street.",
    "Construction is expected to begin in the spring and to finish before the end of next "
    "year, according to the council's transport officer.",
)


BODY = "\n\n".join(PARAGRAPHS)


PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Council approves new cycle lanes</title>
<meta property="article:published_time" content="2024-12-09">
<meta property="og:site_name" content="Riverside Gazette">
<link rel="canonical" href="https://gazette.example/news/cycle-lanes">
<script>var tracker = "SCRIPT_IN_HEAD";</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a> NAVIGATION_MENU</nav>
<article>
<h1>Council approves new cycle lanes</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<script>document.write("SCRIPT_IN_BODY");</script>
<p>{PARAGRAPHS[2]}</p>
</article>
<footer><p>Copyright 2024 Riverside Gazette. FOOTER_BOILERPLATE. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body>
</html>
"""


def only_article(outcome: ReadOutcome) -> Article:
    assert outcome.error == ""
    (article,) = outcome.articles
    return article
