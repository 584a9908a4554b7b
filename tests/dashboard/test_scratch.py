import datetime as dt
from apptest_support import open_app, charts, decode, downloads, metrics, frame

def test_x(store_url):
    at = open_app()
    at.multiselect(key="filter-sources").set_value(["Harbour Daily"]).run()
    print(metrics(at), at.caption[0].value, list(frame(at, "overview-articles-table")["article_id"]))
    at.text_input(key="filter-search").input("grant").run()
    print(metrics(at), list(frame(at, "overview-articles-table")["article_id"]))
    at.switch_page("views/words.py").run()
    print(at.multiselect(key="filter-sources").value, at.text_input(key="filter-search").value)
    print(decode(charts(at)["words-top-terms-chart"]["data"][0]["y"])[:5])
    at.switch_page("views/article.py").run()
    print(at.selectbox(key="article-pick-select").options)
    at.multiselect(key="filter-sources").set_value([]).run()
    at.text_input(key="filter-search").input("").run()
    at.date_input(key="filter-dates").set_value((dt.date(2024,11,1), dt.date(2024,11,30))).run()
    print(at.selectbox(key="article-pick-select").options, at.exception)
    at.switch_page("views/overview.py").run()
    print(metrics(at), at.caption[0].value)
    at.text_input(key="filter-search").input("nothing-like-this").run()
    print(metrics(at), [i.value for i in at.info], len(at.get("plotly_chart")))
    assert 0
