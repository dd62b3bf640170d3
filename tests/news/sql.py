"""Reading captured SQL in the counter tests: which statements were sent, which of them wrote."""

from django.db import connection

WRITE_VERBS = {"INSERT", "UPDATE", "DELETE"}
# On PostgreSQL a reading's writes are one call of migration 0008's function.
COUNTER_FUNCTION = "news_count_reading("


def statements(queries):
    """Queries other than transaction bookkeeping (SAVEPOINT, RELEASE, SET LOCAL on PostgreSQL)."""
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"].upper() and not q["sql"].startswith("SET LOCAL")]


def writes(queries):
    """Statements that write: INSERT, UPDATE, DELETE, or a call of the counter function (which may)."""
    return [
        sql for sql in statements(queries) if sql.split(None, 1)[0].upper() in WRITE_VERBS or COUNTER_FUNCTION in sql
    ]


def counter_function_calls(queries):
    return [sql for sql in statements(queries) if COUNTER_FUNCTION in sql]


def on_postgresql():
    return connection.vendor == "postgresql"


def assert_counter_writes(queries, *, orm_statements, orm_writes=None):
    """The counter writes of one request: on PostgreSQL exactly one call of the counter function and
    nothing else; elsewhere `orm_statements` statements, `orm_writes` of them writes (when given)."""
    if on_postgresql():
        assert len(counter_function_calls(queries)) == len(statements(queries)) == 1
        return
    assert len(statements(queries)) == orm_statements
    if orm_writes is not None:
        assert len(writes(queries)) == orm_writes
