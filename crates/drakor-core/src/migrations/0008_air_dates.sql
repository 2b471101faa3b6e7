-- Drakor schema, version 8: when each episode airs (or aired), as a metadata
-- source (TMDB) reports it: 'YYYY-MM-DD', or NULL when unknown. It is the
-- source's, not the user's (nothing in the app edits it), so a refresh keeps
-- it up to date as broadcasters move dates.

ALTER TABLE episodes ADD COLUMN air_date TEXT;
