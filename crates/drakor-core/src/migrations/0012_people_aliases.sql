-- Drakor schema, version 12: people's other names. Fans write `공유` and
-- `Gong Yoo` for the same actor; an alias says that `Gong Yoo` is another
-- name of `공유`. Scenes keep the names as they were typed: a name is
-- resolved to its person when read (see `store/people.rs` for why).
--
-- `people` holds the names that have aliases, `people_aliases` the aliases.
-- Keys (`key`, `alias_key`) are names folded to one case and one width
-- (`Ｇｏｎｇ Ｙｏｏ`, `GONG YOO` and `gong yoo` are one key), made in Rust
-- for every script. Aliases are flat: an alias never has aliases of its
-- own, and a name with aliases is never an alias (the triggers below back
-- up the code that keeps it so).

CREATE TABLE people (
    key  TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE people_aliases (
    alias_key  TEXT PRIMARY KEY,
    alias      TEXT NOT NULL CHECK (length(alias) > 0),
    person_key TEXT NOT NULL REFERENCES people (key) ON DELETE CASCADE,
    CHECK (alias_key <> person_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX people_aliases_by_person ON people_aliases (person_key);

CREATE TRIGGER an_alias_is_not_a_person
BEFORE INSERT ON people_aliases
WHEN EXISTS (SELECT 1 FROM people WHERE key = NEW.alias_key)
BEGIN
    SELECT RAISE(ABORT, 'an alias cannot be a name that has aliases of its own');
END;

CREATE TRIGGER a_person_is_not_an_alias
BEFORE INSERT ON people
WHEN EXISTS (SELECT 1 FROM people_aliases WHERE alias_key = NEW.key)
BEGIN
    SELECT RAISE(ABORT, 'a name with aliases cannot itself be an alias');
END;

-- A person's scenes are found by the names they were typed with.
CREATE INDEX scene_people_by_name ON scene_people (name, scene_pk);
