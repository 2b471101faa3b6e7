-- Drakor schema, version 7: the dramas a user picked for titles a player
-- showed that named no drama of the library (a stream's "Ep. 11 | Viki"),
-- so the next bookmark of the same show finds its drama by itself. The key
-- is the title's words without its episode numbers.

CREATE TABLE player_titles (
    title_key TEXT PRIMARY KEY,
    drama_pk  INTEGER NOT NULL REFERENCES dramas (pk) ON DELETE CASCADE
) STRICT;
