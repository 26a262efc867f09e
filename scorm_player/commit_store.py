"""How a commit reads and writes its attempt row: two statements, built once per database.

The read is not locked; the write applies only if the attempt is still at the sequence
read and still open, and commits by itself outside a transaction. On PostgreSQL both are
prepared once per connection.
"""

import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .models import Attempt

_COMMITTED_FIELDS = (
    "state", "sequence", "completion_status", "success_status", "score_scaled", "score_raw",
    "total_seconds", "last_activity_at", "closed_at",
)

_READ_FIELDS = (
    "id", "learner_id", "sco_id", "number", "state", "sequence", "closed_at",
    "completion_status", "success_status", "score_scaled",
)


def _sql(connection):
    """The commit's statements for this database, built once per connection vendor:
    (read, write, the read's fields with their converters, the written fields)."""
    cached = _SQL_CACHE.get(connection.vendor)
    if cached is None:
        meta = Attempt._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        # In the model's field order: Model.from_db expects its values so.
        read_fields = [field for field in meta.concrete_fields if field.name in _READ_FIELDS]
        read = f"SELECT {', '.join(quote(field.column) for field in read_fields)} FROM {table} WHERE {quote(meta.pk.column)} = %s"
        # What the ORM would do to each value read, without building a query per commit.
        converters = [
            connection.ops.get_db_converters(field.get_col(meta.db_table)) + field.get_db_converters(connection)
            for field in read_fields
        ]
        fields = [meta.get_field(name) for name in _COMMITTED_FIELDS]
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        write = (
            f"UPDATE {table} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
            f" AND {quote(meta.get_field('sequence').column)} = %s AND {quote(meta.get_field('closed_at').column)} IS NULL"
        )
        read_fields = [(field.attname, field, field_converters) for field, field_converters in zip(read_fields, converters)]
        cached = _SQL_CACHE[connection.vendor] = (read, write, read_fields, fields)
    return cached


_SQL_CACHE = {}


def commit_cursor():
    """A cursor for the commit's two statements. On PostgreSQL they are prepared once per
    connection, which spares the server parsing and planning them for every commit (a
    fifth to a third of its work on a commit)."""
    # Resolved once: each use of django.db.connection looks the connection up again.
    db = connections[DEFAULT_DB_ALIAS]
    # Django's query log (DEBUG, tests capturing queries) cannot show a prepared statement's
    # SQL: while it is on, the commit runs unprepared.
    if db.vendor != "postgresql" or not settings.SCORM_COMMIT_PREPARED_STATEMENTS or db.queries_logged:
        return db.cursor()
    db.ensure_connection()
    if db.connection.prepare_threshold is None:
        # Django turns preparing off for its connections (for poolers). Its own cursors bind
        # client-side and never prepare anyway, so this changes only the commit's cursor.
        db.connection.prepare_threshold = 5
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        return db.make_cursor(_prepared_cursor_class()(db.connection))


@functools.cache
def _prepared_cursor_class():
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        """Server-side binding, every statement prepared (Django's own cursors bind client-side)."""

        def execute(self, query, params=None, *, prepare=True, binary=None):
            return super().execute(query, params, prepare=prepare, binary=binary)

    return PreparedCursor


def attempt_read(cursor, attempt_id):
    """The attempt's fields a commit needs (None if gone); not locked."""
    db = cursor.db
    read, _write, read_fields, _fields = _sql(db)
    cursor.execute(read, [attempt_id])
    row = cursor.fetchone()
    if row is None:
        return None
    names, values = [], []
    for value, (name, field, converters) in zip(row, read_fields):
        for converter in converters:
            value = converter(value, field, db)
        names.append(name)
        values.append(value)
    return Attempt.from_db(db.alias, names, values)


def attempt_write(cursor, attempt, *, read_sequence):
    """Store the commit if the attempt is still open at `read_sequence`; whether it was stored.

    Outside a transaction the single UPDATE commits by itself."""
    db = cursor.db
    _read, write, _read_fields, fields = _sql(db)
    params = [field.get_db_prep_save(getattr(attempt, field.attname), db) for field in fields]
    params += [attempt.pk, read_sequence]
    cursor.execute(write, params)
    return cursor.rowcount == 1
