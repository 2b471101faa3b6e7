-- Drakor schema, version 6: the video files of episodes. A drama may be
-- linked to a folder on disk; each linked episode names its file relative to
-- that folder, so linking a moved folder again keeps every match, the ones
-- fixed by hand included. Paths belong to this machine: they are not part of
-- exports.

CREATE TABLE video_folders (
    drama_pk INTEGER PRIMARY KEY REFERENCES dramas (pk) ON DELETE CASCADE,
    folder   TEXT NOT NULL
) STRICT;

CREATE TABLE episode_files (
    drama_pk INTEGER NOT NULL REFERENCES dramas (pk) ON DELETE CASCADE,
    season   INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    file     TEXT NOT NULL,     -- relative to the drama's folder
    by_hand  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (drama_pk, season, number)
) STRICT;
