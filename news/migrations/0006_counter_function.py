"""The page-view counters written by one PostgreSQL function, in one round trip; on PostgreSQL only.

`news_count_page_view` does, in one statement, what news/counters.py and news/visits.py
otherwise send as up to nine: make the synchronous-commit choice of the transaction, count
an article view (lock its HitCount row, creating it if missing; look for the visitor's active
Hit; insert the Hit and add one to the total unless there is one), mark the visitor present
and add a visit to the period rows. Each statement inside a PL/pgSQL function sees the rows
committed before it started, so a request that waited for the HitCount lock finds the Hit the
other request committed, exactly as the separate statements do. news/counter_sql.py calls it;
SQLite keeps the ORM's statements. The tests run both.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION news_count_page_view(
    p_synchronous boolean,
    p_now timestamptz,
    p_visitor varchar,
    -- the article view: p_content_type NULL when the request counts no view
    p_content_type integer,
    p_object_pk integer,
    p_since timestamptz,
    p_ip varchar,
    p_agent varchar,
    p_user integer,
    -- the page view
    p_present boolean,
    p_periods varchar[],
    p_starts date[],
    OUT views integer,
    OUT counted boolean,
    OUT last_hit timestamptz
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_hitcount integer;
    v_done bigint[];
BEGIN
    IF NOT p_synchronous THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    counted := false;

    IF p_content_type IS NOT NULL THEN
        SELECT id, hits INTO v_hitcount, views FROM hitcount_hit_count
         WHERE content_type_id = p_content_type AND object_pk = p_object_pk FOR UPDATE;
        IF NOT FOUND THEN
            INSERT INTO hitcount_hit_count (hits, modified, content_type_id, object_pk)
            VALUES (0, p_now, p_content_type, p_object_pk) ON CONFLICT DO NOTHING;
            SELECT id, hits INTO v_hitcount, views FROM hitcount_hit_count
             WHERE content_type_id = p_content_type AND object_pk = p_object_pk FOR UPDATE;
        END IF;
        SELECT max(created) INTO last_hit FROM hitcount_hit
         WHERE hitcount_id = v_hitcount AND session = p_visitor AND created >= p_since;
        IF last_hit IS NULL THEN
            INSERT INTO hitcount_hit (created, ip, session, user_agent, hitcount_id, user_id)
            VALUES (p_now, p_ip, p_visitor, p_agent, v_hitcount, p_user);
            UPDATE hitcount_hit_count SET hits = hits + 1, modified = p_now WHERE id = v_hitcount
            RETURNING hits INTO views;
            counted := true;
        END IF;
    END IF;

    IF p_present THEN
        INSERT INTO news_presence (visitor, last_seen) VALUES (p_visitor, p_now)
        ON CONFLICT (visitor) DO UPDATE SET last_seen = EXCLUDED.last_seen;
    END IF;

    -- Last: every new visit on the site updates these rows; locked in primary-key order.
    IF cardinality(p_periods) > 0 THEN
        WITH wanted AS (
            SELECT id FROM news_visitcounter
             WHERE (period, start) IN (SELECT * FROM unnest(p_periods, p_starts))
             ORDER BY id FOR UPDATE
        ), added AS (
            UPDATE news_visitcounter SET visits = visits + 1 WHERE id IN (SELECT id FROM wanted) RETURNING id
        )
        SELECT coalesce(array_agg(id), '{}') INTO v_done FROM added;
        IF cardinality(v_done) < cardinality(p_periods) THEN
            -- The first visit of a day or a week: create the missing rows (a concurrent visit may
            -- create them first) and give them this visit too.
            INSERT INTO news_visitcounter (period, start, visits)
            SELECT period, start, 0 FROM unnest(p_periods, p_starts) AS p(period, start)
            ON CONFLICT (period, start) DO NOTHING;
            WITH wanted AS (
                SELECT id FROM news_visitcounter
                 WHERE (period, start) IN (SELECT * FROM unnest(p_periods, p_starts))
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
    "DROP FUNCTION IF EXISTS news_count_page_view("
    "boolean, timestamptz, varchar, integer, integer, timestamptz, varchar, varchar, integer, boolean, varchar[], date[])"
)


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_article_search_vector"),
        ("hitcount", "0005_alter_hitcount_content_type"),
    ]

    operations = [
        migrations.RunPython(create_function, drop_function),
    ]
