-- Drakor schema, version 3: each drama's progress, kept up to date, so the
-- library list reads one row per drama instead of walking its episodes and
-- watch log (2,000 dramas with 60,000 watches: 55 ms before, a few after).
--
-- Triggers note which dramas a write touched in `progress_stale`; every
-- write transaction recomputes those dramas' rows just before it commits
-- (`Library::write`), so the table is never seen out of date. A bulk import
-- touches thousands of rows per drama and recomputes each drama once.

CREATE TABLE drama_progress (
    drama_pk     INTEGER PRIMARY KEY REFERENCES dramas (pk) ON DELETE CASCADE,
    watched      INTEGER NOT NULL,  -- episodes (not specials) watched at least once
    last_watched INTEGER,           -- newest watch event, Unix ms
    next_episode INTEGER NOT NULL,  -- first season-1 episode after the watched run
    scene_count  INTEGER NOT NULL
) STRICT;

-- Dramas whose progress row must be recomputed before the write commits.
-- No foreign key: a drama deleted in the same write is simply skipped.
CREATE TABLE progress_stale (drama_pk INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER progress_new_drama AFTER INSERT ON dramas BEGIN
    INSERT OR IGNORE INTO progress_stale VALUES (NEW.pk);
END;

CREATE TRIGGER progress_episode_added AFTER INSERT ON episodes BEGIN
    INSERT OR IGNORE INTO progress_stale VALUES (NEW.drama_pk);
END;

CREATE TRIGGER progress_episode_removed AFTER DELETE ON episodes BEGIN
    INSERT OR IGNORE INTO progress_stale VALUES (OLD.drama_pk);
END;

CREATE TRIGGER progress_watch_added AFTER INSERT ON watch_events BEGIN
    INSERT OR IGNORE INTO progress_stale
        SELECT drama_pk FROM episodes WHERE pk = NEW.episode_pk;
END;

CREATE TRIGGER progress_watch_removed AFTER DELETE ON watch_events BEGIN
    INSERT OR IGNORE INTO progress_stale
        SELECT drama_pk FROM episodes WHERE pk = OLD.episode_pk;
END;

CREATE TRIGGER progress_scene_added AFTER INSERT ON scenes BEGIN
    INSERT OR IGNORE INTO progress_stale VALUES (NEW.drama_pk);
END;

CREATE TRIGGER progress_scene_removed AFTER DELETE ON scenes BEGIN
    INSERT OR IGNORE INTO progress_stale VALUES (OLD.drama_pk);
END;

CREATE TRIGGER progress_scene_moved AFTER UPDATE OF drama_pk ON scenes
    WHEN NEW.drama_pk <> OLD.drama_pk BEGIN
    INSERT OR IGNORE INTO progress_stale VALUES (OLD.drama_pk), (NEW.drama_pk);
END;

-- The scene list sorts by drama title; this lets it walk dramas in order
-- and stop after one page.
CREATE INDEX dramas_by_title ON dramas (title COLLATE NOCASE, pk);

-- Every drama that exists now gets its row when this migration commits.
INSERT INTO progress_stale SELECT pk FROM dramas;
