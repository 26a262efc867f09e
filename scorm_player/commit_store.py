"""How a commit reads and writes its attempt row: statements built once per database.

On PostgreSQL the read takes no lock and the update applies only if the row is still the
version read, committing by itself; the statements are prepared once per connection and
run through libpq directly. A row's version is its `xmin` and `ctid`: any write by anyone
changes them (another commit, a launch, an erasure; `ctid` even within one transaction).
The update returns the new version, which a commit's receipt names so that the next commit
can update without reading. A commit that leaves the state as stored (a timed commit, one
that only moves the sequence) updates the other columns and not the state: PostgreSQL
then keeps the stored state where it is instead of writing it to TOAST again, a fifth of
its work on a commit. On SQLite (the embedded default, one writer at a time) the read and
the write run in one immediate transaction and rows have no version outside it.
"""

import contextlib
import dataclasses
import datetime
import weakref

import orjson
import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from .fields import StateField
from .models import Attempt

# What a commit writes besides the state, which it writes only when it changed.
COMMITTED_FIELDS = (
    "sequence", "completion_status", "success_status", "score_scaled", "score_raw",
    "total_seconds", "last_activity_at", "closed_at",
)

_READ_FIELDS = (
    "id", "learner_id", "sco_id", "number", "state", "sequence", "launches", "closed_at",
    "completion_status", "success_status", "score_scaled",
)


@dataclasses.dataclass(frozen=True)
class _Sql:
    """A commit's statements for one database. The read's last column and the writes' last
    parameter are the row's version."""

    read: str
    write: str  # the state, then the written fields; returns learner_id, sco_id, number and
    # the new version
    write_keeping_state: str  # the same without the state
    read_names: list  # the attnames of the read's columns, in the model's field order
    read_fields: list  # (field, the converters the ORM would apply to its value)
    written_fields: list
    # PostgreSQL's text format: a function per read column from its bytes to the model's
    # value, and per written field from the value to bytes (None stays None).
    text_decoders: list
    text_encoders: list


def _sql(connection):
    """The commit's statements for this database, built once per connection vendor."""
    cached = _SQL_CACHE.get(connection.vendor)
    if cached is None:
        meta = Attempt._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        # In the model's field order: Model.from_db expects its values so.
        read_fields = [field for field in meta.concrete_fields if field.name in _READ_FIELDS]
        if connection.vendor == "postgresql":
            version_column = new_version = "xmin::text || ':' || ctid::text"
        else:  # under the transaction's lock the row cannot change: the sequence will do
            version_column = new_version = quote(meta.get_field("sequence").column)
        identity = ", ".join(quote(meta.get_field(name).column) for name in ("learner", "sco", "number"))
        columns = ", ".join([*(quote(field.column) for field in read_fields), version_column])
        # What the ORM would do to each value read, without building a query per commit.
        converters = [
            connection.ops.get_db_converters(field.get_col(meta.db_table)) + field.get_db_converters(connection)
            for field in read_fields
        ]
        written_fields = [meta.get_field(name) for name in COMMITTED_FIELDS]

        def update(fields):
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
            return (
                f"UPDATE {table} SET {assignments} WHERE {quote(meta.pk.column)} = %s AND {version_column} = %s"
                f" RETURNING {identity}, {new_version}"
            )

        cached = _SQL_CACHE[connection.vendor] = _Sql(
            read=f"SELECT {columns} FROM {table} WHERE {quote(meta.pk.column)} = %s",
            write=update([meta.get_field("state"), *written_fields]),
            write_keeping_state=update(written_fields),
            read_names=[field.attname for field in read_fields],
            read_fields=list(zip(read_fields, converters)),
            written_fields=written_fields,
            text_decoders=[_text_decoder(field) for field in read_fields],
            text_encoders=[_text_encoder(field, connection) for field in written_fields],
        )
    return cached


def _text_decoder(field):
    """A read column's text (bytes) to what the model holds, as the field's to_python would."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, StateField):
        return orjson.loads
    if isinstance(field, models.IntegerField):
        return int
    if isinstance(field, models.FloatField):
        return float
    if isinstance(field, models.CharField):
        return bytes.decode
    return lambda value: field.to_python(value.decode())


def _text_encoder(field, connection):
    """A committed value to a parameter in PostgreSQL's text format, as the field would prepare it."""
    if isinstance(field, models.IntegerField):
        return lambda value: b"%d" % value
    if isinstance(field, models.FloatField):
        return lambda value: repr(float(value)).encode()
    if isinstance(field, models.CharField):
        return str.encode
    if isinstance(field, models.DateTimeField) and settings.USE_TZ:
        return lambda value: value.isoformat().encode()  # aware: timezone.now()
    return lambda value: _as_text(field.get_db_prep_save(value, connection))


_SQL_CACHE = {}


@contextlib.contextmanager
def commit_session():
    """What a commit reads and writes its attempt through: `.read(attempt_id)` and
    `.write(attempt, row_version, state_json)`. On PostgreSQL the statements are prepared
    once per connection, which spares the server parsing and planning them for every commit
    (a fifth to a third of its work on a commit)."""
    # Resolved once: each use of django.db.connection looks the connection up again.
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql":
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            yield _CursorStatements(cursor)
        return
    # While something watches the queries (Django's query log under DEBUG or in tests,
    # execute wrappers of tracing tools), the commit runs through Django's cursor.
    if not settings.SCORM_COMMIT_PREPARED_STATEMENTS or db.queries_logged or db.execute_wrappers:
        with db.cursor() as cursor:
            yield _CursorStatements(cursor)
        return
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        yield _PreparedStatements(db)


class _CursorStatements:
    """Through a Django cursor: SQLite, or PostgreSQL unprepared."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.db = cursor.db
        self.sql = _sql(self.db)
        self.has_row_versions = self.db.vendor == "postgresql"

    def read(self, attempt_id):
        """(the attempt's fields a commit needs, the row's version), or (None, None) if gone."""
        self.cursor.execute(self.sql.read, [attempt_id])
        row = self.cursor.fetchone()
        if row is None:
            return None, None
        values = []
        for value, (field, converters) in zip(row, self.sql.read_fields):
            for converter in converters:
                value = converter(value, field, self.db)
            values.append(value)
        return Attempt.from_db(self.db.alias, self.sql.read_names, values), row[-1]

    def write(self, attempt, row_version, state_json):
        """Store the attempt's committed fields if its row is still at `row_version`:
        (learner_id, sco_id, number, the row's new version), or None if it was not.
        `state_json` is the attempt's state encoded, or None to keep the stored one."""
        params = [field.get_db_prep_save(getattr(attempt, field.attname), self.db) for field in self.sql.written_fields]
        if state_json is None:
            statement = self.sql.write_keeping_state
        else:
            statement, params = self.sql.write, [state_json.decode(), *params]
        self.cursor.execute(statement, [*params, attempt.pk, row_version])
        return self.cursor.fetchone()


class _PreparedStatements:
    """PostgreSQL: the statements prepared once per connection and run through libpq
    itself, with parameters and values as text. psycopg's and Django's cursor layers cost
    the app more CPU than the two round trips' own work (about 60 µs a statement)."""

    READ, WRITE, WRITE_KEEPING_STATE = b"scorm_commit_read", b"scorm_commit_write", b"scorm_commit_write_keep"
    has_row_versions = True

    def __init__(self, db):
        self.db = db
        self.pgconn = db.connection.pgconn
        self.sql = _sql(db)
        if self.pgconn not in _PREPARED_ON:
            for name, statement in (
                (self.READ, self.sql.read),
                (self.WRITE, self.sql.write),
                (self.WRITE_KEEPING_STATE, self.sql.write_keeping_state),
            ):
                self._check(self.pgconn.prepare(name, _numbered_parameters(statement).encode()))
            _PREPARED_ON.add(self.pgconn)

    def _check(self, result):
        if result.status not in (psycopg.pq.ExecStatus.TUPLES_OK, psycopg.pq.ExecStatus.COMMAND_OK):
            raise psycopg.errors.error_from_result(result, encoding="utf-8")
        return result

    def read(self, attempt_id):
        """(the attempt's fields a commit needs, the row's version), or (None, None) if gone."""
        result = self._check(self.pgconn.exec_prepared(self.READ, [str(attempt_id).encode()]))
        if result.ntuples == 0:
            return None, None
        values = []
        for column, decode in enumerate(self.sql.text_decoders):
            value = result.get_value(0, column)
            values.append(None if value is None else decode(value))
        row_version = result.get_value(0, len(values)).decode()
        return Attempt.from_db(self.db.alias, self.sql.read_names, values), row_version

    def write(self, attempt, row_version, state_json):
        """Store the attempt's committed fields if its row is still at `row_version`:
        (learner_id, sco_id, number, the row's new version), or None if it was not.
        `state_json` is the attempt's state encoded, or None to keep the stored one."""
        params = [
            None if (value := getattr(attempt, field.attname)) is None else encode(value)
            for field, encode in zip(self.sql.written_fields, self.sql.text_encoders)
        ]
        params += [str(attempt.pk).encode(), row_version.encode()]
        if state_json is None:
            statement = self.WRITE_KEEPING_STATE
        else:
            statement, params = self.WRITE, [state_json, *params]
        result = self._check(self.pgconn.exec_prepared(statement, params))
        if result.ntuples == 0:
            return None
        learner_id, sco_id, number, new_version = (result.get_value(0, column) for column in range(4))
        return int(learner_id), int(sco_id), int(number), new_version.decode()


# The connections (libpq's) the statements are prepared on: a new connection prepares them again.
_PREPARED_ON = weakref.WeakSet()


def _numbered_parameters(statement):
    """libpq's $1, $2, ... for Django's %s placeholders."""
    parts = statement.split("%s")
    return "".join(part + (f"${number}" if number < len(parts) else "") for number, part in enumerate(parts, 1))


def _as_text(value):
    """A parameter in PostgreSQL's text format."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat().encode()
    if isinstance(value, float):
        return repr(value).encode()
    return str(value).encode()
