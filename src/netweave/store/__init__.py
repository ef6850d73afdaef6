"""Storage: models, engine, migrations and full-text search."""
