//! What a user typed, read as a search: every word required, each found
//! anywhere inside the text (`일지` in 나의 해방일지, `fie` in Reed field),
//! without regard to case or diacritics. Nothing typed is search syntax.
//!
//! The index holds trigrams (migration 0011), so a word of three characters
//! or more is looked up as itself. A word of two characters is looked up as
//! every indexed trigram that begins with it: each indexed value ends with a
//! space, so any two characters of the text begin one. A word of one
//! character is too little to look through notes by: beside longer words it
//! is checked in the text they found; alone, it finds dramas by their titles
//! (`Library::search`).

use rusqlite::Connection;

use crate::error::Result;

/// The most words a search reads; the rest are left out.
const MAX_WORDS: usize = 32;

/// The most trigrams a two-character word stands for. Hangul pairs begin a
/// few dozen at most in a large library; more are left out.
const MAX_PAIR_TERMS: i64 = 256;

/// A search as the index is asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    /// The FTS5 expression of the words of two characters or more, all
    /// required; `None` when every word is a single character.
    pub fts: Option<String>,
    /// The single-character words, lower-cased.
    pub singles: Vec<String>,
}

impl Query {
    /// `None` when nothing can match: no word in `text`, or a two-character
    /// word the library holds nowhere.
    pub fn read(conn: &Connection, text: &str) -> Result<Option<Query>> {
        let words = words(text);
        if words.is_empty() {
            return Ok(None);
        }
        let mut terms = Vec::new();
        let mut singles = Vec::new();
        for word in words {
            match word.chars().count() {
                1 => singles.push(word),
                2 => {
                    let begun = trigrams_beginning(conn, &word)?;
                    if begun.is_empty() {
                        return Ok(None);
                    }
                    let any: Vec<String> = begun.iter().map(|t| phrase(t)).collect();
                    terms.push(format!("({})", any.join(" OR ")));
                }
                _ => terms.push(phrase(&word)),
            }
        }
        Ok(Some(Query {
            fts: (!terms.is_empty()).then(|| terms.join(" AND ")),
            singles,
        }))
    }

    /// The single-character words as LIKE patterns (`%x%`), a JSON array
    /// for `json_each`.
    pub fn single_patterns(&self) -> String {
        let patterns: Vec<String> = self
            .singles
            .iter()
            .map(|c| format!("%{}%", like_escaped(c)))
            .collect();
        serde_json::Value::from(patterns).to_string()
    }
}

/// The words of `text`, lower-cased: split at spaces and ASCII punctuation
/// (so `reed-field` is two words and no quote or bracket reaches the index),
/// each with a letter or digit in it.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect()
}

/// An FTS5 string: quoted, so no character of it is query syntax.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The indexed trigrams of any search table that begin with `pair`.
fn trigrams_beginning(conn: &Connection, pair: &str) -> Result<Vec<String>> {
    let last = format!("{pair}\u{10FFFF}");
    let mut stmt = conn.prepare_cached(
        "SELECT term FROM drama_search_terms WHERE term BETWEEN ?1 AND ?2
         UNION SELECT term FROM scene_search_terms WHERE term BETWEEN ?1 AND ?2
         UNION SELECT term FROM episode_search_terms WHERE term BETWEEN ?1 AND ?2
         LIMIT ?3",
    )?;
    let terms = stmt
        .query_map(rusqlite::params![pair, last, MAX_PAIR_TERMS], |row| {
            row.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_split_into_lower_cased_words_at_spaces_and_punctuation() {
        assert_eq!(words("Reed-field  KISS"), ["reed", "field", "kiss"]);
        assert_eq!(words("나의 해방일지"), ["나의", "해방일지"]);
        assert_eq!(words("a\"b OR (c*"), ["a", "b", "or", "c"]);
        assert!(words("  *** () ").is_empty());
        assert!(words("").is_empty());
    }

    #[test]
    fn fts_syntax_in_user_text_is_quoted_away() {
        assert_eq!(phrase("near(kiss"), "\"near(kiss\"");
        assert_eq!(phrase("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn like_wildcards_in_a_word_are_escaped() {
        assert_eq!(like_escaped("%_\\"), "\\%\\_\\\\");
    }
}
