//! Rules for the free text users type: titles, notes, tags and names.
//! Limits are enforced with an error, never by cutting text short.
//!
//! Text is stored exactly as typed (after trimming, and folding line breaks
//! in one-line fields), whatever script it is in: Hangul, right-to-left
//! marks, combining accents and markup-like text such as `<script>` are all
//! kept literally; showing it safely is the job of whoever shows it.
//! Two things are refused where text enters:
//! - control characters (escape sequences, NUL, …), which would act on a
//!   terminal instead of being shown; notes may hold tabs and line breaks;
//! - one-line text with nothing visible in it (only spaces, zero-width or
//!   direction marks, lone combining accents): a title like that counts as
//!   empty, and so do a blank tag, name, label or optional field.

use std::collections::HashSet;

pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_NOTES_BYTES: usize = 100 * 1024;
pub const MAX_TAG_CHARS: usize = 64;
/// Tags on one drama or scene. Generous on purpose: 10,000 tags store,
/// export and search in well under a second; more is refused, not cut.
pub const MAX_TAGS: usize = 10_000;
pub const MAX_NAME_CHARS: usize = 200;

/// Trims and folds line breaks and tabs into single spaces.
pub fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that show nothing on their own: white space, zero-width
/// and direction marks, invisible formatting characters, fillers that
/// render blank (the Hangul fillers are a well-known way to make a
/// "blank" name), and combining accents, which need a letter to sit on.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_format(c) || is_combining(c) || is_blank_filler(c)
}

/// Zero-width, joiner, direction and other invisible formatting characters
/// (the Unicode `Cf` characters people meet in text).
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' // soft hyphen
        | '\u{034F}' // combining grapheme joiner
        | '\u{061C}' // Arabic letter mark
        | '\u{180E}' // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space, (non-)joiner, LRM, RLM
        | '\u{202A}'..='\u{202E}' // embeddings and overrides
        | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, isolates
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}' // zero-width no-break space (byte order mark)
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
        | '\u{1D173}'..='\u{1D17A}' // musical formatting
        | '\u{E0000}'..='\u{E007F}' // tag characters
        | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    )
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
    )
}

fn is_blank_filler(c: char) -> bool {
    matches!(
        c,
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}' | '\u{17B4}' | '\u{17B5}'
    )
}

/// A value as an error message quotes it: in quotes, with escapes for
/// anything unprintable, and cut short when long (a megabyte-long tag is
/// named by its start, not printed whole).
pub fn shown(text: &str) -> String {
    const SHOWN_CHARS: usize = 40;
    let count = text.chars().count();
    if count <= SHOWN_CHARS + 10 {
        return format!("{text:?}");
    }
    let head: String = text.chars().take(SHOWN_CHARS).collect();
    format!("{head:?}… ({count} characters)")
}

/// True when `text` has at least one character that shows.
pub fn has_visible(text: &str) -> bool {
    !text.chars().all(is_invisible)
}

/// Refuses control characters; `line_breaks` allows tabs and line breaks.
fn check_controls(text: &str, line_breaks: bool) -> Result<(), String> {
    let allowed = |c: char| line_breaks && matches!(c, '\t' | '\n' | '\r');
    match text.chars().find(|&c| c.is_control() && !allowed(c)) {
        Some(c) => Err(format!(
            "contains the control character U+{:04X}; remove it",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// A one-line text, checked: `None` when nothing visible is left.
fn line(text: &str, max_chars: usize) -> Result<Option<String>, String> {
    let line = single_line(text);
    check_controls(&line, false)?;
    if !has_visible(&line) {
        return Ok(None);
    }
    check_length(&line, max_chars)?;
    Ok(Some(line))
}

/// A title must have visible text and fit in [`MAX_TITLE_CHARS`].
pub fn title(text: &str) -> Result<String, String> {
    let title = single_line(text);
    if title.is_empty() {
        return Err("must not be empty".into());
    }
    match line(&title, MAX_TITLE_CHARS)? {
        Some(title) => Ok(title),
        None => Err("must not be empty (it has only invisible characters)".into()),
    }
}

/// An optional one-line text: blank, or only invisible characters, becomes `None`.
pub fn optional_line(text: Option<&str>, max_chars: usize) -> Result<Option<String>, String> {
    match text {
        Some(text) => line(text, max_chars),
        None => Ok(None),
    }
}

/// A one-line label that may be empty (a link's label).
pub fn label(text: &str, max_chars: usize) -> Result<String, String> {
    Ok(line(text, max_chars)?.unwrap_or_default())
}

pub fn check_length(text: &str, max_chars: usize) -> Result<(), String> {
    let count = text.chars().count();
    if count > max_chars {
        return Err(format!(
            "is {count} characters long; the limit is {max_chars}"
        ));
    }
    Ok(())
}

/// Notes keep their line breaks; only the ends are trimmed.
pub fn notes(text: &str) -> Result<String, String> {
    let notes = text.trim();
    if notes.len() > MAX_NOTES_BYTES {
        return Err(format!(
            "are {} KB long; the limit is {} KB (nothing was cut: shorten them)",
            notes.len().div_ceil(1024),
            MAX_NOTES_BYTES / 1024
        ));
    }
    check_controls(notes, true)?;
    Ok(notes.to_owned())
}

/// Tags are trimmed, lower-cased and kept once each, in the order given;
/// blank ones are dropped.
pub fn tags(raw: &[String]) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::with_capacity(raw.len());
    let mut seen = HashSet::with_capacity(raw.len());
    for tag in raw {
        let Some(tag) = line(tag, usize::MAX).map_err(|why| format!("{} {why}", shown(tag)))?
        else {
            continue;
        };
        let tag = tag.to_lowercase();
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!(
                "{} is longer than {MAX_TAG_CHARS} characters",
                shown(&tag)
            ));
        }
        if seen.insert(tag.clone()) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!(
            "{} different tags; the limit is {MAX_TAGS}",
            tags.len()
        ));
    }
    Ok(tags)
}

/// People in a scene: trimmed, blank ones dropped, each once.
pub fn people(raw: &[String]) -> Result<Vec<String>, String> {
    let mut people: Vec<String> = Vec::with_capacity(raw.len());
    let mut seen = HashSet::with_capacity(raw.len());
    for name in raw {
        let Some(name) =
            line(name, MAX_NAME_CHARS).map_err(|why| format!("{} {why}", shown(name)))?
        else {
            continue;
        };
        if seen.insert(name.clone()) {
            people.push(name);
        }
    }
    Ok(people)
}

/// Ratings run from 0 to 10 in steps of 0.5.
pub fn rating(value: Option<f64>) -> Result<Option<f64>, String> {
    match value {
        None => Ok(None),
        Some(r) if !r.is_finite() || !(0.0..=10.0).contains(&r) => {
            Err(format!("{r} is outside 0–10"))
        }
        Some(r) if (r * 2.0).fract() != 0.0 => {
            Err(format!("{r} is not a step of 0.5 (use 7, 7.5, 8, …)"))
        }
        Some(r) => Ok(Some(r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_must_have_text() {
        assert_eq!(
            title("  나의   해방일지 \n"),
            Ok("나의 해방일지".to_owned())
        );
        assert!(title("   ").is_err());
        assert!(
            title(&"가".repeat(500)).is_ok(),
            "500 Hangul characters fit"
        );
        assert!(title(&"가".repeat(501)).is_err(), "501 do not");
    }

    #[test]
    fn tags_are_lower_cased_and_kept_once_in_order() {
        let raw = vec![
            "Kiss".into(),
            " ost ".into(),
            "kiss".into(),
            "".into(),
            "고백".into(),
        ];
        assert_eq!(
            tags(&raw),
            Ok(vec!["kiss".into(), "ost".into(), "고백".into()])
        );
    }

    #[test]
    fn ratings_run_from_zero_to_ten_in_halves() {
        assert_eq!(rating(Some(9.5)), Ok(Some(9.5)));
        assert_eq!(rating(Some(0.0)), Ok(Some(0.0)));
        assert_eq!(rating(None), Ok(None));
        for bad in [10.5, -0.5, 7.3, f64::NAN, f64::INFINITY] {
            assert!(rating(Some(bad)).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn text_with_nothing_visible_counts_as_empty() {
        for blank in [
            "\u{200B}",
            " \u{200F}\u{202E} ",
            "\u{3164}",
            "\u{0301}\u{0301}",
            "\u{FEFF}",
        ] {
            assert_eq!(
                title(blank),
                Err("must not be empty (it has only invisible characters)".into()),
                "{blank:?}"
            );
            assert_eq!(optional_line(Some(blank), 10), Ok(None), "{blank:?}");
            assert_eq!(tags(&[blank.into()]), Ok(vec![]), "{blank:?}");
            assert_eq!(people(&[blank.into()]), Ok(vec![]), "{blank:?}");
        }
    }

    #[test]
    fn direction_marks_and_accents_beside_visible_text_are_kept_as_typed() {
        for text in [
            "\u{202E}txet desrever",
            "Goblin\u{200B}",
            "\u{200F}도깨비",
            "Ze\u{0301}\u{0336}\u{0337}ro",
        ] {
            assert_eq!(title(text), Ok(text.to_owned()));
        }
    }

    #[test]
    fn control_characters_are_refused_but_notes_keep_line_breaks() {
        let err = title("Goblin\u{1b}[2J").expect_err("an escape sequence");
        assert_eq!(err, "contains the control character U+001B; remove it");
        assert!(tags(&["a\u{0}b".into()]).is_err());
        assert!(notes("line one\n\tline two\r\n").is_ok());
        assert!(notes("bell\u{7}").is_err());
    }

    #[test]
    fn ten_thousand_tags_are_kept_and_one_more_is_refused() {
        let many: Vec<String> = (0..MAX_TAGS).map(|i| format!("tag-{i}")).collect();
        assert_eq!(tags(&many).map(|t| t.len()), Ok(MAX_TAGS));
        let mut too_many = many;
        too_many.push("one-more".into());
        assert_eq!(
            tags(&too_many),
            Err("10001 different tags; the limit is 10000".into())
        );
    }

    #[test]
    fn long_values_are_quoted_by_their_start() {
        assert_eq!(shown("kiss"), "\"kiss\"");
        assert_eq!(shown("a\u{1b}b"), "\"a\\u{1b}b\"");
        assert_eq!(
            shown(&"가".repeat(1_000)),
            format!("\"{}\"… (1000 characters)", "가".repeat(40))
        );
    }

    #[test]
    fn notes_over_the_limit_are_refused_not_cut() {
        assert!(notes(&"a".repeat(MAX_NOTES_BYTES)).is_ok());
        let err = notes(&"a".repeat(MAX_NOTES_BYTES + 1)).expect_err("too long");
        assert!(err.contains("limit is 100 KB"), "{err}");
    }
}
