//! One drama of an export, written as JSON from the rows a walk over the
//! library hands out ([`crate::store::Visitor`]): its episodes and scenes
//! go from SQLite's rows to text with no struct built in between. Building
//! and freeing those structs cost a large export more than writing it.
//!
//! The text is serde_json's pretty printing of the same drama as a
//! [`DramaV1`], byte for byte. The drama's own fields (a few per drama)
//! are written by serde itself from a `DramaV1` whose lists are empty, and
//! the lists are then reopened here to take the rows as they come; the
//! fields of episodes and scenes are written here in `EpisodeV1`'s and
//! `SceneV1`'s order. The export tests hold the two to the same text.

use chrono::{DateTime, Utc};

use crate::exchange::format::DramaV1;
use crate::exchange::{instant, pretty};
use crate::scene_time::SceneTime;
use crate::store::{EpisodeRow, SceneRow};

/// A drama being written: its own fields are out, its lists are open.
pub(crate) struct DramaJson {
    /// How deep the drama sits in the file.
    depth: usize,
    /// Whether the list open is still the episodes.
    in_episodes: bool,
    /// How many items the open list holds.
    items: usize,
}

impl DramaJson {
    /// Writes `drama`'s own fields into `out` as an object `depth` levels
    /// deep, and opens its list of episodes. Its lists are empty: its
    /// episodes and scenes come through [`DramaJson::episode`] and
    /// [`DramaJson::scene`].
    pub fn begin(drama: &DramaV1, depth: usize, out: &mut Vec<u8>) -> serde_json::Result<Self> {
        debug_assert!(drama.episodes.is_empty() && drama.scenes.is_empty());
        pretty::write_at(drama, depth, out)?;
        // The text ends in the two empty lists (serde writes fields in
        // declaration order, and the lists come last) and the closing
        // brace: take them off, and reopen the first list.
        let mut tail = Vec::new();
        open_list(&mut tail, depth, "episodes");
        tail.push(b']');
        open_list(&mut tail, depth, "scenes");
        tail.push(b']');
        pretty::line_break(&mut tail, depth);
        tail.push(b'}');
        debug_assert!(out.ends_with(&tail), "a drama's lists come last");
        out.truncate(out.len() - tail.len());
        open_list(out, depth, "episodes");
        Ok(DramaJson {
            depth,
            in_episodes: true,
            items: 0,
        })
    }

    /// Writes the drama's next episode (all come before its scenes).
    pub fn episode(
        &mut self,
        out: &mut Vec<u8>,
        episode: &EpisodeRow<'_>,
    ) -> serde_json::Result<()> {
        debug_assert!(self.in_episodes, "episodes come before scenes");
        self.next_item(out);
        let mut f = pretty::Fields::open(out, self.depth + 2);
        f.value("season", &episode.season)?;
        f.value("number", &episode.number)?;
        f.value("title", &episode.title)?;
        f.value("runtime_min", &episode.runtime_min)?;
        f.value("rating", &episode.rating)?;
        f.value("notes", episode.notes)?;
        f.list("watched_at", episode.watched_at, write_instant)?;
        f.close();
        Ok(())
    }

    /// Writes the drama's next scene.
    pub fn scene(&mut self, out: &mut Vec<u8>, scene: &SceneRow<'_>) -> serde_json::Result<()> {
        if self.in_episodes {
            self.open_scenes(out);
        }
        self.next_item(out);
        let mut f = pretty::Fields::open(out, self.depth + 2);
        f.value("id", &scene.id)?;
        f.value("season", &scene.season)?;
        f.value("episode", &scene.episode)?;
        write_time(f.key("start"), scene.start);
        match scene.end {
            Some(end) => write_time(f.key("end"), end),
            None => f.value("end", &None::<&str>)?,
        }
        f.value("title", scene.title)?;
        f.list("tags", scene.tags.iter(), write_text)?;
        f.value("notes", scene.notes)?;
        f.list("people", scene.people.iter(), write_text)?;
        f.value("favourite", &scene.favourite)?;
        f.nested("links", scene.links)?;
        write_instant(f.key("created_at"), &scene.created_at)?;
        write_instant(f.key("updated_at"), &scene.updated_at)?;
        f.close();
        Ok(())
    }

    /// Closes the drama's lists and the drama.
    pub fn end(mut self, out: &mut Vec<u8>) {
        if self.in_episodes {
            self.open_scenes(out);
        }
        self.close_list(out);
        pretty::line_break(out, self.depth);
        out.push(b'}');
    }

    fn next_item(&mut self, out: &mut Vec<u8>) {
        if self.items > 0 {
            out.push(b',');
        }
        pretty::line_break(out, self.depth + 2);
        self.items += 1;
    }

    fn close_list(&self, out: &mut Vec<u8>) {
        if self.items > 0 {
            pretty::line_break(out, self.depth + 1);
        }
        out.push(b']');
    }

    fn open_scenes(&mut self, out: &mut Vec<u8>) {
        self.close_list(out);
        open_list(out, self.depth, "scenes");
        self.in_episodes = false;
        self.items = 0;
    }
}

/// `,` and a field holding a list, opened, of an object `depth` deep.
fn open_list(out: &mut Vec<u8>, depth: usize, key: &str) {
    out.push(b',');
    pretty::line_break(out, depth + 1);
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\": [");
}

fn write_text(out: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    serde_json::to_writer(out, text)
}

fn write_instant(out: &mut Vec<u8>, at: &DateTime<Utc>) -> serde_json::Result<()> {
    instant::serialize(at, &mut serde_json::Serializer::new(out))
}

/// A scene time's text needs no escaping: it is digits and separators.
fn write_time(out: &mut Vec<u8>, time: SceneTime) {
    out.push(b'"');
    time.write_canonical(out);
    out.push(b'"');
}
