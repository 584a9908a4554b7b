import datetime as dt
import pandas as pd
from apptest_support import open_app, charts, decode, downloads, metrics, frame
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.nlp import load_model
pd.set_option('display.width', 250); pd.set_option('display.max_columns', 30); pd.set_option('display.max_colwidth', 60)
EVIL = 'Mayor <img src=x onerror=alert(1)> quits, see [link](http://evil.example)'
BODY = ('The mayor of Gdańsk, Anna Nowak, resigned on Monday after a long dispute with the city council. '
        'Read more at [the city site](http://evil.example) or <img src=x onerror=alert(1)> www.evil.example. '
        'She said the council had $5 million and :red[nothing] else.\n\nCouncillors will elect a new mayor in March. '
        'The vote is expected to be close, because the two largest groups hold the same number of seats.')

def test_x(writable_engine, nlp):
    r = list(ingest_articles(writable_engine, nlp, [Article(body=BODY, title=EVIL, source='Evil <b>Gazette</b>', published=dt.date(2024,11,5), url='javascript:alert(1)')]))
    print(r)
    at = open_app(query={"article": str(r[0].article_id)})
    at.switch_page("views/article.py").run()
    print(at.title[0].value, '|', at.caption[0].value, [t.value for t in at.text])
    print(at.selectbox(key="article-pick-select").options[:3])
    for m in at.markdown: print(repr(m.value))
    print(frame_rows := [d.value.shape for d in at.dataframe])
    print(at.dataframe[0].value)
    for page in ["overview", "words", "entities", "readability"]:
        at.switch_page(f"views/{page}.py").run()
        print(page, at.exception)
        for k, spec in charts(at).items():
            import json
            s = json.dumps(spec["data"], ensure_ascii=False)
            print(k, "<img" in s, "&lt;img" in s)
    assert 0
