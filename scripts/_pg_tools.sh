# Sourced by scripts/backup and scripts/restore: pg_dump and pg_restore (Debian's postgresql-client),
# installed here when missing and we may (root + apt-get), and the project's Python.
if ! command -v pg_dump >/dev/null || ! command -v pg_restore >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Cài postgresql-client (pg_dump, pg_restore)…" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
  else
    echo "Thiếu pg_dump/pg_restore: cài gói postgresql-client." >&2
    exit 1
  fi
fi
PYTHON_BIN=.venv/bin/python
[ -x "$PYTHON_BIN" ] || PYTHON_BIN=$(command -v python3.11 || command -v python3)
