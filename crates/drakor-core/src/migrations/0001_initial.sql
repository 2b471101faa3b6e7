-- Drakor schema, version 1.
-- Dramas and scenes carry a UUID (`id`) that survives export and import; inside
-- the file they are joined by a small integer key (`pk`), which keeps indexes
-- and the full-text tables compact. Instants are Unix milliseconds (UTC),
-- dates are 'YYYY-MM-DD'.

CREATE TABLE dramas (
    pk             INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL CHECK (length(title) > 0),
    original_title TEXT,
    country        TEXT,
    year           INTEGER,
    network        TEXT,
    total_episodes INTEGER CHECK (total_episodes IS NULL OR total_episodes > 0),
    status         TEXT NOT NULL CHECK (status IN ('plan_to_watch', 'watching', 'completed', 'on_hold', 'dropped')),
    rating         REAL CHECK (rating IS NULL OR rating BETWEEN 0 AND 10),
    started_on     TEXT,
    finished_on    TEXT,
    rewatch_count  INTEGER NOT NULL DEFAULT 0 CHECK (rewatch_count >= 0),
    notes          TEXT NOT NULL DEFAULT '',
    tmdb_id        INTEGER,
    imdb_id        TEXT,
    mdl_url        TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX dramas_by_status ON dramas (status);

CREATE TABLE drama_tags (
    drama_pk INTEGER NOT NULL REFERENCES dramas (pk) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (drama_pk, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX drama_tags_by_tag ON drama_tags (tag, drama_pk);

CREATE TABLE episodes (
    pk          INTEGER PRIMARY KEY,
    drama_pk    INTEGER NOT NULL REFERENCES dramas (pk) ON DELETE CASCADE,
    season      INTEGER NOT NULL CHECK (season >= 0),
    number      INTEGER NOT NULL CHECK (number >= 1),
    title       TEXT,
    runtime_min INTEGER CHECK (runtime_min IS NULL OR runtime_min > 0),
    rating      REAL CHECK (rating IS NULL OR rating BETWEEN 0 AND 10),
    notes       TEXT NOT NULL DEFAULT '',
    UNIQUE (drama_pk, season, number)
) STRICT;

CREATE TABLE watch_events (
    episode_pk INTEGER NOT NULL REFERENCES episodes (pk) ON DELETE CASCADE,
    watched_at INTEGER NOT NULL,
    PRIMARY KEY (episode_pk, watched_at)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenes (
    pk         INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    drama_pk   INTEGER NOT NULL REFERENCES dramas (pk) ON DELETE CASCADE,
    season     INTEGER NOT NULL CHECK (season >= 0),
    episode    INTEGER NOT NULL CHECK (episode >= 1),
    start_ms   INTEGER NOT NULL CHECK (start_ms >= 0),
    end_ms     INTEGER CHECK (end_ms IS NULL OR end_ms > start_ms),
    title      TEXT NOT NULL CHECK (length(title) > 0),
    notes      TEXT NOT NULL DEFAULT '',
    favourite  INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX scenes_in_order ON scenes (drama_pk, season, episode, start_ms);

CREATE TABLE scene_tags (
    scene_pk INTEGER NOT NULL REFERENCES scenes (pk) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (scene_pk, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX scene_tags_by_tag ON scene_tags (tag, scene_pk);

CREATE TABLE scene_people (
    scene_pk INTEGER NOT NULL REFERENCES scenes (pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (scene_pk, position)
) STRICT, WITHOUT ROWID;

-- A link belongs to a drama or to a scene. Only web addresses are stored; the
-- check below backs up the validation in the code.
CREATE TABLE links (
    pk       INTEGER PRIMARY KEY,
    drama_pk INTEGER REFERENCES dramas (pk) ON DELETE CASCADE,
    scene_pk INTEGER REFERENCES scenes (pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url      TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    label    TEXT NOT NULL DEFAULT '',
    kind     TEXT NOT NULL CHECK (kind IN ('behind_the_scenes', 'clip', 'article', 'other')),
    CHECK ((drama_pk IS NULL) <> (scene_pk IS NULL))
) STRICT;

CREATE INDEX links_of_dramas ON links (drama_pk) WHERE drama_pk IS NOT NULL;
CREATE INDEX links_of_scenes ON links (scene_pk) WHERE scene_pk IS NOT NULL;

-- Full-text search. Each row's rowid is the pk of its drama or scene, so a
-- write updates its own row in place. Tags and people are space-joined.
CREATE VIRTUAL TABLE drama_search USING fts5 (
    title, original_title, notes, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE scene_search USING fts5 (
    title, notes, tags, people,
    tokenize = 'unicode61 remove_diacritics 2'
);
