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

/// How deep a drama sits in a library file: in the file's object, in its
/// `dramas` list.
pub(crate) const DRAMA_DEPTH: usize = 2;

/// How deep an episode or a scene sits: in the drama, in one of its lists.
const ITEM_DEPTH: usize = DRAMA_DEPTH + 2;

/// How deep the fields of an episode or a scene sit.
const FIELD_DEPTH: usize = ITEM_DEPTH + 1;

/// How deep the items of a list held by such a field sit (tags, people,
/// watches).
const LIST_ITEM_DEPTH: usize = FIELD_DEPTH + 1;

/// The text before a field of an episode or a scene, from the comma after
/// the last value to the space after the colon, indented to
/// [`FIELD_DEPTH`]: one write per field. `first` has the brace instead of
/// the comma. (A test checks the indents against the depths.)
macro_rules! field {
    (first $name:literal) => {
        concat!("{\n          \"", $name, "\": ").as_bytes()
    };
    ($name:literal) => {
        concat!(",\n          \"", $name, "\": ").as_bytes()
    };
}

/// The end of an episode or a scene, indented to [`ITEM_DEPTH`].
const CLOSE_ITEM: &[u8] = b"\n        }";

/// What serde writes after a drama's own fields: its two lists, empty, and
/// the drama's closing brace (at [`DRAMA_DEPTH`]).
const EMPTY_LISTS: &[u8] = b",\n      \"episodes\": [],\n      \"scenes\": []\n    }";

/// A drama being written: its own fields are out, its lists are open.
pub(crate) struct DramaJson {
    /// Whether the list open is still the episodes.
    in_episodes: bool,
    /// How many items the open list holds.
    items: usize,
}

impl DramaJson {
    /// Writes `drama`'s own fields into `out` as an item of a library
    /// file's `dramas`, and opens its list of episodes. Its lists are
    /// empty: its episodes and scenes come through [`DramaJson::episode`]
    /// and [`DramaJson::scene`].
    pub fn begin(drama: &DramaV1, out: &mut Vec<u8>) -> serde_json::Result<Self> {
        let start = out.len();
        pretty::write_at(drama, DRAMA_DEPTH, out)?;
        // The text ends in the two empty lists (serde writes fields in
        // declaration order, and the lists come last) and the closing
        // brace: take them off, and reopen the first list.
        if !out[start..].ends_with(EMPTY_LISTS) {
            return Err(serde::ser::Error::custom(
                "a drama's episodes and scenes must come last, and empty",
            ));
        }
        out.truncate(out.len() - EMPTY_LISTS.len());
        out.extend_from_slice(b",\n      \"episodes\": [");
        Ok(DramaJson {
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
        value(out, field!(first "season"), &episode.season)?;
        value(out, field!("number"), &episode.number)?;
        value(out, field!("title"), &episode.title)?;
        value(out, field!("runtime_min"), &episode.runtime_min)?;
        value(out, field!("rating"), &episode.rating)?;
        value(out, field!("notes"), episode.notes)?;
        out.extend_from_slice(field!("watched_at"));
        list(out, episode.watched_at, write_instant)?;
        out.extend_from_slice(CLOSE_ITEM);
        Ok(())
    }

    /// Writes the drama's next scene.
    pub fn scene(&mut self, out: &mut Vec<u8>, scene: &SceneRow<'_>) -> serde_json::Result<()> {
        if self.in_episodes {
            self.open_scenes(out);
        }
        self.next_item(out);
        value(out, field!(first "id"), &scene.id)?;
        value(out, field!("season"), &scene.season)?;
        value(out, field!("episode"), &scene.episode)?;
        out.extend_from_slice(field!("start"));
        write_time(out, scene.start);
        out.extend_from_slice(field!("end"));
        match scene.end {
            Some(end) => write_time(out, end),
            None => out.extend_from_slice(b"null"),
        }
        value(out, field!("title"), scene.title)?;
        out.extend_from_slice(field!("tags"));
        list(out, scene.tags.iter(), write_text)?;
        value(out, field!("notes"), scene.notes)?;
        out.extend_from_slice(field!("people"));
        list(out, scene.people.iter(), write_text)?;
        value(out, field!("favourite"), &scene.favourite)?;
        out.extend_from_slice(field!("links"));
        pretty::write_at(scene.links, FIELD_DEPTH, out)?;
        out.extend_from_slice(field!("created_at"));
        write_instant(out, &scene.created_at)?;
        out.extend_from_slice(field!("updated_at"));
        write_instant(out, &scene.updated_at)?;
        out.extend_from_slice(CLOSE_ITEM);
        Ok(())
    }

    /// Closes the drama's lists and the drama.
    pub fn end(mut self, out: &mut Vec<u8>) {
        if self.in_episodes {
            self.open_scenes(out);
        }
        self.close_list(out);
        out.extend_from_slice(b"\n    }");
    }

    fn next_item(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.items > 0 {
            b",\n        "
        } else {
            b"\n        "
        });
        self.items += 1;
    }

    fn close_list(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.items > 0 { b"\n      ]" } else { b"]" });
    }

    fn open_scenes(&mut self, out: &mut Vec<u8>) {
        self.close_list(out);
        out.extend_from_slice(b",\n      \"scenes\": [");
        self.in_episodes = false;
        self.items = 0;
    }
}

/// A field's text and its value, which is one line: a number, a text, an
/// id, `null`. Such values are written alike with or without pretty
/// printing.
fn value<T: serde::Serialize + ?Sized>(
    out: &mut Vec<u8>,
    field: &[u8],
    value: &T,
) -> serde_json::Result<()> {
    out.extend_from_slice(field);
    serde_json::to_writer(out, value)
}

/// A list held by a field of an episode or a scene, each item on its line.
fn list<I>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = I>,
    mut write: impl FnMut(&mut Vec<u8>, I) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    out.push(b'[');
    let mut empty = true;
    for item in items {
        if !std::mem::take(&mut empty) {
            out.push(b',');
        }
        pretty::line_break(out, LIST_ITEM_DEPTH);
        write(out, item)?;
    }
    if !empty {
        pretty::line_break(out, FIELD_DEPTH);
    }
    out.push(b']');
    Ok(())
}

fn write_text(out: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    serde_json::to_writer(out, text)
}

fn write_instant(out: &mut Vec<u8>, at: &DateTime<Utc>) -> serde_json::Result<()> {
    instant::write_json(at, out)
}

/// A scene time's text needs no escaping: it is digits and separators.
fn write_time(out: &mut Vec<u8>, time: SceneTime) {
    out.push(b'"');
    time.write_canonical(out);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(depth: usize) -> Vec<u8> {
        let mut out = Vec::new();
        pretty::line_break(&mut out, depth);
        out
    }

    #[test]
    fn the_written_out_indents_are_those_of_their_depths() {
        assert_eq!(
            field!("title"),
            [&b","[..], &line(FIELD_DEPTH), b"\"title\": "].concat()
        );
        assert_eq!(
            field!(first "id"),
            [&b"{"[..], &line(FIELD_DEPTH), b"\"id\": "].concat()
        );
        assert_eq!(CLOSE_ITEM, [line(ITEM_DEPTH), b"}".to_vec()].concat());
        let list = |key: &str| {
            [
                &b","[..],
                &line(DRAMA_DEPTH + 1),
                format!("\"{key}\": []").as_bytes(),
            ]
            .concat()
        };
        assert_eq!(
            EMPTY_LISTS,
            [
                list("episodes"),
                list("scenes"),
                line(DRAMA_DEPTH),
                b"}".to_vec()
            ]
            .concat()
        );
    }

    #[test]
    fn a_drama_whose_lists_are_not_empty_is_refused_not_cut_wrongly() {
        let file: crate::LibraryFile =
            serde_json::from_str(include_str!("sample-library.json")).expect("the sample reads");
        let drama = file
            .dramas
            .into_iter()
            .find(|d| !d.episodes.is_empty())
            .expect("a drama with episodes");
        let mut out = Vec::new();
        let refused = DramaJson::begin(&drama, &mut out).err().expect("refused");
        assert!(refused.to_string().contains("must come last"), "{refused}");
    }
}
