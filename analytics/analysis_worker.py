"""Loaded first by a budgeted analysis worker (``analytics.workers.analyse_within_budget``).

A worker of the sandbox imports this module before its first call, outside any call's time
limit and before its memory is capped: it loads the spaCy model that ``NEWS_SPACY_MODEL`` names
(the dashboard's model) and warms it up, so that every article the worker then analyses finds
it ready. The server itself never imports this module.
"""

from __future__ import annotations

from analytics import workers
from analytics.analysis import warm_up
from analytics.nlp import load_model
from analytics.settings import load_settings

workers._worker_nlp = load_model(load_settings().spacy_model)
warm_up(workers._worker_nlp)
