-- Drakor schema, version 2: a drama's Trakt id, so imports of Trakt exports
-- match the shows they already brought in (like tmdb_id and imdb_id).

ALTER TABLE dramas ADD COLUMN trakt_id INTEGER;
