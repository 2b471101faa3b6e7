-- Drakor schema, version 5: episode titles and notes in the full-text
-- search, so a search finds what was written about an episode, not only
-- about dramas and scenes.
--
-- Each row's rowid is its episode's pk. Only episodes with a title or notes
-- have a row. Episodes are written by marks, notes, unmarks and imports
-- alike, so triggers keep the index, the same way `drama_progress` is kept
-- (0003): no write can forget it, and a drama's episodes leave the index
-- with it when it is deleted. A bulk write (an import) lifts these
-- triggers like the progress ones and reindexes the episodes of the dramas
-- it touched in one statement (`PausedTriggers`).
--
-- Reads and writes only the columns of 0001, so it does not depend on any
-- migration after it.

CREATE VIRTUAL TABLE episode_search USING fts5 (
    title, notes,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_episode_added AFTER INSERT ON episodes
    WHEN NEW.title IS NOT NULL OR NEW.notes <> '' BEGIN
    INSERT INTO episode_search (rowid, title, notes)
        VALUES (NEW.pk, coalesce(NEW.title, ''), NEW.notes);
END;

CREATE TRIGGER search_episode_changed AFTER UPDATE OF title, notes ON episodes BEGIN
    DELETE FROM episode_search WHERE rowid = OLD.pk;
    INSERT INTO episode_search (rowid, title, notes)
        SELECT NEW.pk, coalesce(NEW.title, ''), NEW.notes
        WHERE NEW.title IS NOT NULL OR NEW.notes <> '';
END;

CREATE TRIGGER search_episode_removed AFTER DELETE ON episodes BEGIN
    DELETE FROM episode_search WHERE rowid = OLD.pk;
END;

-- The episodes written about so far.
INSERT INTO episode_search (rowid, title, notes)
    SELECT pk, coalesce(title, ''), notes FROM episodes
    WHERE title IS NOT NULL OR notes <> ''
    ORDER BY pk;
