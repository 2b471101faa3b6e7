-- Drakor schema, version 10: the song playing in a scene (its OST) and the
-- scene's famous line. A scene without a song has `ost_title` NULL (and
-- `ost_artist` empty); an artist may be unknown, so empty. A scene without a
-- line has `quote_text` NULL (and no translation). The checks back up the
-- validation in the code.

ALTER TABLE scenes ADD COLUMN ost_title TEXT
    CHECK (ost_title IS NULL OR length(ost_title) > 0);
ALTER TABLE scenes ADD COLUMN ost_artist TEXT NOT NULL DEFAULT ''
    CHECK (ost_title IS NOT NULL OR ost_artist = '');
ALTER TABLE scenes ADD COLUMN quote_text TEXT
    CHECK (quote_text IS NULL OR length(quote_text) > 0);
ALTER TABLE scenes ADD COLUMN quote_translation TEXT
    CHECK (quote_translation IS NULL OR (quote_text IS NOT NULL AND length(quote_translation) > 0));
