"""The store tests run on a SQLite file, and on PostgreSQL too when ``NEWS_TEST_POSTGRES_URL``
names an empty database to use: ``db_url`` (in ``support``) overrides the suite's SQLite-only
fixture, so the suite's ``engine`` opens each."""

from .support import db_url  # noqa: F401  (the fixture)
