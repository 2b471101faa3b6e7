-- Drakor schema, version 9: lists, named and ordered, of scenes and dramas
-- ("The best kiss scenes"). A list's name is unique without regard to case
-- (`name_key` is its lower-cased form, made in Rust for every script).
-- Entries are in `position` order; positions may have gaps (an entry removed
-- with its scene leaves one), and the list shows them counted from 1.
-- `dropped` counts the entries that left with their scene or drama, so the
-- list can say so.

CREATE TABLE lists (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    name_key    TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    dropped     INTEGER NOT NULL DEFAULT 0 CHECK (dropped >= 0),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE list_entries (
    list_pk  INTEGER NOT NULL REFERENCES lists (pk) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    scene_pk INTEGER REFERENCES scenes (pk) ON DELETE CASCADE,
    drama_pk INTEGER REFERENCES dramas (pk) ON DELETE CASCADE,
    note     TEXT NOT NULL DEFAULT '',
    CHECK ((scene_pk IS NULL) != (drama_pk IS NULL)),
    PRIMARY KEY (list_pk, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX list_entries_by_scene ON list_entries (scene_pk) WHERE scene_pk IS NOT NULL;
CREATE INDEX list_entries_by_drama ON list_entries (drama_pk) WHERE drama_pk IS NOT NULL;
