from tests.support.classroom import classroom  # noqa: F401  (the fixture)
