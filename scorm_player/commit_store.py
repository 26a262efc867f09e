"""How a commit reads and writes its attempt row: two statements, built once per database.

On PostgreSQL the read takes no lock and the update applies only if the row is still the
version read (its `xmin`, which any write by anyone changes: another commit, a launch, an
erasure), committing by itself; both statements are prepared once per connection. On
SQLite (the embedded default, one writer at a time) both run in one immediate transaction.
"""

import contextlib
import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

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
    (read, write, (the read's field names, its fields with their converters), the written
    fields). The read's last column and the write's last parameter are the row's version."""
    cached = _SQL_CACHE.get(connection.vendor)
    if cached is None:
        meta = Attempt._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        # In the model's field order: Model.from_db expects its values so.
        read_fields = [field for field in meta.concrete_fields if field.name in _READ_FIELDS]
        if connection.vendor == "postgresql":
            version_column = "xmin::text"
        else:  # under the transaction's lock the row cannot change: the sequence will do
            version_column = quote(meta.get_field("sequence").column)
        columns = ", ".join([*(quote(field.column) for field in read_fields), version_column])
        read = f"SELECT {columns} FROM {table} WHERE {quote(meta.pk.column)} = %s"
        # What the ORM would do to each value read, without building a query per commit.
        converters = [
            connection.ops.get_db_converters(field.get_col(meta.db_table)) + field.get_db_converters(connection)
            for field in read_fields
        ]
        fields = [meta.get_field(name) for name in _COMMITTED_FIELDS]
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        write = f"UPDATE {table} SET {assignments} WHERE {quote(meta.pk.column)} = %s AND {version_column} = %s"
        read_fields = ([field.attname for field in read_fields], list(zip(read_fields, converters)))
        cached = _SQL_CACHE[connection.vendor] = (read, write, read_fields, fields)
    return cached


_SQL_CACHE = {}


@contextlib.contextmanager
def commit_session():
    """A cursor for a commit's statements. On PostgreSQL they are prepared once per
    connection, which spares the server parsing and planning them for every commit (a
    fifth to a third of its work on a commit)."""
    # Resolved once: each use of django.db.connection looks the connection up again.
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql":
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            yield cursor
        return
    # Django's query log (DEBUG, tests capturing queries) cannot show a prepared statement's
    # SQL: while it is on, the commit runs unprepared.
    if not settings.SCORM_COMMIT_PREPARED_STATEMENTS or db.queries_logged:
        with db.cursor() as cursor:
            yield cursor
        return
    db.ensure_connection()
    if db.connection.prepare_threshold is None:
        # Django turns preparing off for its connections (for poolers). Its own cursors bind
        # client-side and never prepare anyway, so this changes only the commit's cursor.
        db.connection.prepare_threshold = 5
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        cursor = db.make_cursor(_prepared_cursor_class()(db.connection))
    with cursor:
        yield cursor


@functools.cache
def _prepared_cursor_class():
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        """Server-side binding, every statement prepared (Django's own cursors bind client-side)."""

        def execute(self, query, params=None, *, prepare=True, binary=None):
            return super().execute(query, params, prepare=prepare, binary=binary)

    return PreparedCursor


def attempt_read(cursor, attempt_id):
    """(the attempt's fields a commit needs, the row's version), or (None, None) if gone."""
    db = cursor.db
    read, _write, read_fields, _fields = _sql(db)
    cursor.execute(read, [attempt_id])
    row = cursor.fetchone()
    if row is None:
        return None, None
    names, converted = read_fields
    values = []
    for value, (field, converters) in zip(row, converted):
        for converter in converters:
            value = converter(value, field, db)
        values.append(value)
    return Attempt.from_db(db.alias, names, values), row[-1]


def attempt_write(cursor, attempt, row_version):
    """Store the attempt's committed fields if its row is still at `row_version`; whether it was."""
    db = cursor.db
    _read, write, _read_fields, fields = _sql(db)
    params = [field.get_db_prep_save(getattr(attempt, field.attname), db) for field in fields]
    params += [attempt.pk, row_version]
    cursor.execute(write, params)
    return cursor.rowcount == 1
