"""Views per article per day, visit counters in slots, and the one-call counter function taking its rules as arguments.

`news_count_reading` (called by news/counting/writes.py, which documents what it does) replaces
`news_count_page_view` of migration 0006. It restates no rule: the counting window (`p_since`),
the visit gap (`p_visit_since`), the periods and their starts, the local day and the slot all come
from Python; the function only takes the locks and checks that make the counts exact.
"""

import importlib

from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION news_count_reading(
    p_synchronous boolean,
    p_now timestamptz,
    p_reader varchar,
    -- the article view: p_content_type NULL when the request counts no view
    p_content_type integer,
    p_article bigint,
    p_since timestamptz,
    p_day date,
    p_ip varchar,
    p_agent varchar,
    p_user integer,
    -- the page view: presence due; a visit may start (NULL: it may not)
    p_present boolean,
    p_visit_since timestamptz,
    p_periods varchar[],
    p_starts date[],
    p_slot integer,
    OUT views integer,
    OUT counted boolean,
    OUT last_hit timestamptz,
    OUT new_visit boolean
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_hitcount integer;
    v_seen timestamptz;
    v_done bigint[];
BEGIN
    IF NOT p_synchronous THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    counted := false;
    new_visit := false;

    IF p_content_type IS NOT NULL THEN
        SELECT id, hits INTO v_hitcount, views FROM hitcount_hit_count
         WHERE content_type_id = p_content_type AND object_pk = p_article FOR UPDATE;
        IF NOT FOUND THEN
            INSERT INTO hitcount_hit_count (hits, modified, content_type_id, object_pk)
            VALUES (0, p_now, p_content_type, p_article) ON CONFLICT DO NOTHING;
            SELECT id, hits INTO v_hitcount, views FROM hitcount_hit_count
             WHERE content_type_id = p_content_type AND object_pk = p_article FOR UPDATE;
        END IF;
        SELECT max(created) INTO last_hit FROM hitcount_hit
         WHERE hitcount_id = v_hitcount AND session = p_reader AND created >= p_since;
        IF last_hit IS NULL THEN
            INSERT INTO hitcount_hit (created, ip, session, user_agent, hitcount_id, user_id)
            VALUES (p_now, p_ip, p_reader, p_agent, v_hitcount, p_user);
            UPDATE hitcount_hit_count SET hits = hits + 1, modified = p_now WHERE id = v_hitcount
            RETURNING hits INTO views;
            INSERT INTO news_articledayviews (article_id, day, views) VALUES (p_article, p_day, 1)
            ON CONFLICT (article_id, day) DO UPDATE SET views = news_articledayviews.views + 1;
            counted := true;
        END IF;
    END IF;

    IF p_visit_since IS NOT NULL THEN
        -- A new visit unless the reader was seen after p_visit_since. The row lock (or the wait on a
        -- concurrent insert of the same reader) makes two tabs opened together count one visit.
        INSERT INTO news_presence (visitor, last_seen) VALUES (p_reader, p_now) ON CONFLICT DO NOTHING;
        IF FOUND THEN
            new_visit := true;
        ELSE
            SELECT last_seen INTO v_seen FROM news_presence WHERE visitor = p_reader FOR UPDATE;
            new_visit := v_seen < p_visit_since;
            UPDATE news_presence SET last_seen = greatest(last_seen, p_now) WHERE visitor = p_reader;
        END IF;
    ELSIF p_present THEN
        INSERT INTO news_presence (visitor, last_seen) VALUES (p_reader, p_now)
        ON CONFLICT (visitor) DO UPDATE SET last_seen = greatest(news_presence.last_seen, EXCLUDED.last_seen);
    END IF;

    -- Last: the visit counters are the site-wide hot spot; one slot of each period, locked in key order.
    IF new_visit AND cardinality(p_periods) > 0 THEN
        WITH wanted AS (
            SELECT id FROM news_visitcounter
             WHERE (period, start) IN (SELECT * FROM unnest(p_periods, p_starts)) AND slot = p_slot
             ORDER BY id FOR UPDATE
        ), added AS (
            UPDATE news_visitcounter SET visits = visits + 1 WHERE id IN (SELECT id FROM wanted) RETURNING id
        )
        SELECT coalesce(array_agg(id), '{}') INTO v_done FROM added;
        IF cardinality(v_done) < cardinality(p_periods) THEN
            INSERT INTO news_visitcounter (period, start, slot, visits)
            SELECT period, start, p_slot, 0 FROM unnest(p_periods, p_starts) AS p(period, start)
            ON CONFLICT (period, start, slot) DO NOTHING;
            WITH wanted AS (
                SELECT id FROM news_visitcounter
                 WHERE (period, start) IN (SELECT * FROM unnest(p_periods, p_starts)) AND slot = p_slot
                   AND NOT id = ANY (v_done)
                 ORDER BY id FOR UPDATE
            )
            UPDATE news_visitcounter SET visits = visits + 1 WHERE id IN (SELECT id FROM wanted);
        END IF;
    END IF;
END
$$
"""
DROP = (
    "DROP FUNCTION IF EXISTS news_count_reading(boolean, timestamptz, varchar, integer, bigint, timestamptz, date, "
    "varchar, varchar, integer, boolean, timestamptz, varchar[], date[], integer)"
)
_previous = importlib.import_module("news.migrations.0006_counter_function")


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_previous.DROP)
        schema_editor.execute(FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
        schema_editor.execute(_previous.FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_workflow_and_history"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="visitcounter", name="visit_counter_period_start"),
        migrations.AddField(
            model_name="visitcounter",
            name="slot",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="ngăn"),
        ),
        migrations.AddConstraint(
            model_name="visitcounter",
            constraint=models.UniqueConstraint(
                fields=("period", "start", "slot"), name="visit_counter_period_start_slot"
            ),
        ),
        migrations.CreateModel(
            name="ArticleDayViews",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(verbose_name="ngày")),
                ("views", models.PositiveIntegerField(default=0, verbose_name="lượt xem")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="day_views",
                        to="news.article",
                        verbose_name="bài viết",
                    ),
                ),
            ],
            options={
                "verbose_name": "lượt xem theo ngày",
                "verbose_name_plural": "lượt xem theo ngày",
                "indexes": [models.Index(fields=["day", "article"], name="article_day_views_day_idx")],
                "constraints": [models.UniqueConstraint(fields=("article", "day"), name="article_day_views_unique")],
            },
        ),
        migrations.RunPython(create_function, drop_function),
    ]
