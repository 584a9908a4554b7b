"""The store's tests, one module per module of ``analytics/store/`` (a package: the names of
its modules repeat those of tests/analytics)."""
