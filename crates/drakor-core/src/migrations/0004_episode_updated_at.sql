-- Drakor schema, version 4: each episode's own `updated_at` (Unix ms), the
-- last time its title, runtime, rating or notes changed, so an import merges
-- an episode by its own time rather than its drama's. Episodes that exist now
-- take their drama's `updated_at`, the best time known for them.

ALTER TABLE episodes ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

UPDATE episodes SET updated_at = (SELECT d.updated_at FROM dramas d WHERE d.pk = episodes.drama_pk);
