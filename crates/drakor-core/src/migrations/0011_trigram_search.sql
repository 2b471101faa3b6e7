-- Drakor schema, version 11: search finds text inside words. Korean titles
-- are compounds (나의 해방일지), and a fan types 일지 or 해방일; the word
-- tokenizer of 0001 and 0005 matched the start of a word only. The three
-- search tables are made again with FTS5's trigram tokenizer (every three
-- characters in a row are a term, case and diacritics folded), which finds
-- any run of three characters or more anywhere in the text.
--
-- Every indexed value ends with a space, so that any one or two characters
-- of the text begin a term: a two-character search looks up the terms that
-- begin with its characters (see `store::search`). Tags and people are
-- joined by ", " ("Gong Yoo, Kim Go-eun"), as results show them. A scene's
-- song is its title and artist ("Stay With Me — Chanyeol & Punch"), its
-- quote the line and its translation.
--
-- The tables are filled again from the rows, so an upgraded library keeps
-- every hit. It reads the columns of 0001 and the song and line of 0010,
-- and the store writes the same entries (`store::search`).

DROP TRIGGER search_episode_added;
DROP TRIGGER search_episode_changed;
DROP TRIGGER search_episode_removed;
DROP TABLE drama_search;
DROP TABLE scene_search;
DROP TABLE episode_search;

CREATE VIRTUAL TABLE drama_search USING fts5 (
    title, original_title, notes, tags,
    tokenize = 'trigram remove_diacritics 1'
);

CREATE VIRTUAL TABLE scene_search USING fts5 (
    title, notes, tags, people, song, quote,
    tokenize = 'trigram remove_diacritics 1'
);

CREATE VIRTUAL TABLE episode_search USING fts5 (
    title, notes,
    tokenize = 'trigram remove_diacritics 1'
);

-- The terms of each index, which a two-character search reads (no storage
-- of their own: they read the index).
CREATE VIRTUAL TABLE drama_search_terms USING fts5vocab (drama_search, row);
CREATE VIRTUAL TABLE scene_search_terms USING fts5vocab (scene_search, row);
CREATE VIRTUAL TABLE episode_search_terms USING fts5vocab (episode_search, row);

CREATE TRIGGER search_episode_added AFTER INSERT ON episodes
    WHEN NEW.title IS NOT NULL OR NEW.notes <> '' BEGIN
    INSERT INTO episode_search (rowid, title, notes)
        VALUES (NEW.pk, coalesce(NEW.title, '') || ' ', NEW.notes || ' ');
END;

CREATE TRIGGER search_episode_changed AFTER UPDATE OF title, notes ON episodes BEGIN
    DELETE FROM episode_search WHERE rowid = OLD.pk;
    INSERT INTO episode_search (rowid, title, notes)
        SELECT NEW.pk, coalesce(NEW.title, '') || ' ', NEW.notes || ' '
        WHERE NEW.title IS NOT NULL OR NEW.notes <> '';
END;

CREATE TRIGGER search_episode_removed AFTER DELETE ON episodes BEGIN
    DELETE FROM episode_search WHERE rowid = OLD.pk;
END;

INSERT INTO drama_search (rowid, title, original_title, notes, tags)
    SELECT d.pk, d.title || ' ', coalesce(d.original_title, '') || ' ', d.notes || ' ',
           coalesce((SELECT group_concat(tag, ', ' ORDER BY position) FROM drama_tags t WHERE t.drama_pk = d.pk), '') || ' '
    FROM dramas d ORDER BY d.pk;

INSERT INTO scene_search (rowid, title, notes, tags, people, song, quote)
    SELECT s.pk, s.title || ' ', s.notes || ' ',
           coalesce((SELECT group_concat(tag, ', ' ORDER BY position) FROM scene_tags t WHERE t.scene_pk = s.pk), '') || ' ',
           coalesce((SELECT group_concat(name, ', ' ORDER BY position) FROM scene_people p WHERE p.scene_pk = s.pk), '') || ' ',
           coalesce(s.ost_title || iif(s.ost_artist = '', '', ' — ' || s.ost_artist), '') || ' ',
           coalesce(s.quote_text || coalesce(' / ' || s.quote_translation, ''), '') || ' '
    FROM scenes s ORDER BY s.pk;

INSERT INTO episode_search (rowid, title, notes)
    SELECT pk, coalesce(title, '') || ' ', notes || ' ' FROM episodes
    WHERE title IS NOT NULL OR notes <> ''
    ORDER BY pk;
