"""Writing and reading a backup folder: the database dump, the media archive and the manifest.

A backup is one folder, `lddsite-<date>-<time>/`:

    database.dump    pg_dump's custom format (restored with pg_restore)
    media.tar.gz     every file under MEDIA_ROOT (as media/…) and PRIVATE_MEDIA_ROOT (as private/…)
    manifest.json    when, sizes and SHA-256 of both files, the SHA-256 of every file in the archive,
                     and the portal's figures (backups/figures.py) as they were in the dump

The figures are read in the same database snapshot that pg_dump dumps (REPEATABLE READ and
`pg_export_snapshot()`), so a restore must give back exactly these numbers.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .figures import portal_figures

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
FORMAT_VERSION = 1


class BackupError(Exception):
    """Something a backup or a restore cannot go on with; the message is for the operator, in Vietnamese."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def libpq_environment():
    """Connection settings of the default database as libpq's variables, for pg_dump and pg_restore."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Sao lưu và phục hồi cần PostgreSQL (DATABASE_URL=postgres://…).")
    values = {
        "PGDATABASE": database["NAME"],
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGHOST": database.get("HOST"),
        "PGPORT": str(database.get("PORT") or ""),
    }
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def _run(command, **kwargs):
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, env=libpq_environment(), **kwargs)  # noqa: S603 (our own argument list, no shell)
    except FileNotFoundError as exc:
        raise BackupError(f"Không tìm thấy {command[0]}: cài gói postgresql-client.") from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} lỗi: {exc.stderr.strip()}") from exc


# --- backup ----------------------------------------------------------------------------------------------------


def make_backup(output_dir, *, now=None):
    """Write a new backup folder under `output_dir`; return its path. Nothing is left half-written."""
    now = now or timezone.localtime()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / f"lddsite-{now:%Y%m%d-%H%M%S}"
    if final.exists():
        raise BackupError(f"Đã có bản sao lưu {final}.")
    partial = output_dir / f".{final.name}.dang-ghi"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        figures = _dump_with_figures(partial / DATABASE_FILE)
        media = _archive_media(partial / MEDIA_FILE)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": {
                "file": DATABASE_FILE,
                "bytes": (partial / DATABASE_FILE).stat().st_size,
                "sha256": sha256_of(partial / DATABASE_FILE),
            },
            "media": media,
            "figures": figures,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _dump_with_figures(target):
    """pg_dump in custom format from one snapshot, and the figures read in that same snapshot."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        figures = portal_figures()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ]
        )
    return figures


def file_roots():
    """The folders of uploaded files, by the name they have in the archive: public media and private files."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        roots["private"] = Path(private)
    return roots


def _archive_media(target):
    checksums = {}
    total = 0
    with tarfile.open(target, "w:gz") as archive:
        for prefix, root in file_roots().items():
            if not root.exists():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                name = f"{prefix}/{path.relative_to(root).as_posix()}"
                archive.add(path, arcname=name, recursive=False)
                checksums[name] = sha256_of(path)
                total += path.stat().st_size
    return {
        "file": MEDIA_FILE,
        "bytes": Path(target).stat().st_size,
        "sha256": sha256_of(target),
        "files": len(checksums),
        "file_bytes": total,
        "checksums": checksums,
    }


def prune(output_dir, *, keep):
    """Remove all but the newest `keep` backup folders under `output_dir`; return the removed paths."""
    folders = sorted(p for p in Path(output_dir).glob("lddsite-*") if (p / MANIFEST).exists())
    removed = folders[:-keep] if keep > 0 else []
    for folder in removed:
        shutil.rmtree(folder)
    return removed


# --- restore ---------------------------------------------------------------------------------------------------


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"Không đọc được {folder / MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Bản sao lưu có định dạng không biết.")
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.exists() or sha256_of(path) != manifest[part]["sha256"]:
            raise BackupError(f"Tệp {path.name} bị thiếu hoặc hỏng (mã kiểm tra không khớp).")
    return manifest


def restore_backup(folder):
    """Restore `folder` into the (empty) default database and (empty) file folders; return the figure differences."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if connection.introspection.table_names():
        raise BackupError("Cơ sở dữ liệu đích đã có bảng: hãy phục hồi vào một cơ sở dữ liệu mới, trống.")
    roots = file_roots()
    for root in roots.values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"Thư mục {root} không trống: hãy phục hồi vào một thư mục mới.")
    connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(folder / DATABASE_FILE),
        ]
    )
    _extract_files(folder / manifest["media"]["file"], roots, manifest["media"]["checksums"])
    return differences(manifest["figures"], portal_figures())


def _extract_files(archive_path, roots, checksums):
    """Unpack every archived file into its folder (media/… into MEDIA_ROOT, private/… into PRIVATE_MEDIA_ROOT)."""
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive.getmembers():
            prefix, _, name = member.name.partition("/")
            if not member.isfile() or member.name not in checksums or prefix not in roots or not name:
                raise BackupError(f"Tệp lạ trong media.tar.gz: {member.name}")
            member.name = name
            roots[prefix].mkdir(parents=True, exist_ok=True)
            archive.extract(member, roots[prefix], filter="data")
            if sha256_of(roots[prefix] / name) != checksums[f"{prefix}/{name}"]:
                raise BackupError(f"Tệp {prefix}/{name} phục hồi không khớp mã kiểm tra.")


def differences(expected, actual, prefix=""):
    """Lines naming every figure that differs between two figure dicts (empty when they agree)."""
    lines = []
    for key in sorted(set(expected) | set(actual)):
        name = f"{prefix}{key}"
        left, right = expected.get(key), actual.get(key)
        if isinstance(left, dict) and isinstance(right, dict):
            lines += differences(left, right, prefix=f"{name}.")
        elif left != right:
            lines.append(f"{name}: sao lưu {left}, phục hồi {right}")
    return lines
