"""The relational sink: one schema for SQLite and PostgreSQL, migrated by alembic.

`schema` declares the tables, `rows` turns pipeline records into table rows,
`engine` opens either database, `migrate` brings its schema to the latest
revision and `writer` loads one input file per transaction. The public entry
points are in `sinks.database`.
"""
