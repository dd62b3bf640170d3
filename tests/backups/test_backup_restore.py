"""A backup of a seeded portal restores into a fresh database and media folder with the same figures.

Runs the operator's commands (scripts/backup, scripts/restore) against the real PostgreSQL server.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from backups.figures import portal_figures
from tests.factories import ArticleFactory, image_upload, province_campaign

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)


def database_url(name):
    params = connection.settings_dict
    credentials = params["USER"] or "postgres"
    if params.get("PASSWORD"):
        credentials += f":{params['PASSWORD']}"
    return f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"


def run(command, *, database, media_root, private_root=None):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "lddsite.settings.test",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
        "PRIVATE_MEDIA_ROOT": str(private_root or settings.PRIVATE_MEDIA_ROOT),
    }
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restored"[:63]
    params = connection.settings_dict

    def admin(sql):
        server = psycopg2.connect(
            dbname="postgres",
            user=params["USER"] or "postgres",
            password=params.get("PASSWORD") or None,
            host=params["HOST"] or "127.0.0.1",
            port=params["PORT"] or 5432,
        )
        server.autocommit = True
        with server.cursor() as cursor:
            cursor.execute(sql)
        server.close()

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    yield name
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seeded_portal():
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    province = province_campaign()
    article = ArticleFactory(title="Đại hội Công đoàn tỉnh", cover=image_upload("bia.jpg"))
    storages["private"].save("sang-kien/ho-so.pdf", ContentFile(b"%PDF-1.4 ho so sang kien"))
    for number in range(3):  # three readers, three counted views
        reader = Client(HTTP_USER_AGENT=f"Mozilla/5.0 (Android 14; bạn đọc {number})")
        assert reader.get(article.get_absolute_url()).status_code == 200
    return province, article


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_a_backup_restores_into_a_fresh_database_with_the_same_figures(tmp_path, fresh_database):
    province, article = seeded_portal()
    source_db = connection.settings_dict["NAME"]
    expected = portal_figures()
    assert expected["article_views"] == 3 and expected["initiatives"] > 2800

    backed_up = run(["scripts/backup", str(tmp_path / "backups")], database=source_db, media_root=settings.MEDIA_ROOT)
    assert backed_up.returncode == 0, backed_up.stderr
    (folder,) = (tmp_path / "backups").glob("lddsite-*")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["figures"] == expected
    assert manifest["media"]["checksums"][f"media/{article.cover.name}"] == sha256(article.cover.path)
    assert "private/sang-kien/ho-so.pdf" in manifest["media"]["checksums"]

    restored_media, restored_private = tmp_path / "media-restored", tmp_path / "private-restored"
    restored = run(
        ["scripts/restore", str(folder)],
        database=fresh_database,
        media_root=restored_media,
        private_root=restored_private,
    )
    assert restored.returncode == 0, restored.stderr
    assert "số liệu khớp" in restored.stdout

    # Read back independently from the restored database: counts, views, a campaign tally, a media file.
    slug = province["campaign"].slug
    probe = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "from backups.figures import portal_figures\n"
        f"tally = json.loads(Client().get('/sang-kien/{slug}/tong-hop.json?giai-doan=1').content)\n"
        "print(json.dumps({'figures': portal_figures(), 'submitted': tally['totals']['submitted']}))\n"
    )
    seen = run(
        [sys.executable, "-c", probe], database=fresh_database, media_root=restored_media, private_root=restored_private
    )
    assert seen.returncode == 0, seen.stderr
    result = json.loads(seen.stdout.strip().splitlines()[-1])
    for figure in ("articles", "initiatives", "article_views", "hits", "tallies", "rows"):
        assert result["figures"][figure] == expected[figure], figure
    assert result["submitted"] == 2822  # the province's phase-1 figure, as the federation reported it
    assert sha256(restored_media / article.cover.name) == sha256(article.cover.path)
    assert (restored_private / "sang-kien/ho-so.pdf").read_bytes() == b"%PDF-1.4 ho so sang kien"


def test_restore_refuses_a_database_that_is_not_empty_and_a_damaged_backup(tmp_path, fresh_database):
    ArticleFactory()
    source_db = connection.settings_dict["NAME"]
    assert run(["scripts/backup", str(tmp_path)], database=source_db, media_root=settings.MEDIA_ROOT).returncode == 0
    (folder,) = tmp_path.glob("lddsite-*")

    into_source = run(
        ["scripts/restore", str(folder)], database=source_db, media_root=tmp_path / "m1", private_root=tmp_path / "p1"
    )
    assert into_source.returncode != 0
    assert "đã có bảng" in into_source.stderr

    with open(folder / "database.dump", "r+b") as dump:
        dump.seek(100)
        dump.write(b"hong")
    damaged = run(
        ["scripts/restore", "--check", str(folder)],
        database=fresh_database,
        media_root=tmp_path / "m2",
        private_root=tmp_path / "p2",
    )
    assert damaged.returncode != 0
    assert "bị thiếu hoặc hỏng" in damaged.stderr


def test_backup_needs_a_folder(tmp_path):
    result = run(["scripts/backup"], database=connection.settings_dict["NAME"], media_root=tmp_path)
    assert result.returncode == 2
    assert "Cần thư mục đích" in result.stderr
