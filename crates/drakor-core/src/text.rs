//! Rules for the free text users type: titles, notes, tags and names.
//! Limits are enforced with an error, never by cutting text short.

pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_NOTES_BYTES: usize = 100 * 1024;
pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_TAGS: usize = 10_000;
pub const MAX_NAME_CHARS: usize = 200;

/// Trims and folds line breaks and tabs into single spaces.
pub fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title must have text and fit in [`MAX_TITLE_CHARS`].
pub fn title(text: &str) -> Result<String, String> {
    let title = single_line(text);
    if title.is_empty() {
        return Err("must not be empty".into());
    }
    check_length(&title, MAX_TITLE_CHARS)?;
    Ok(title)
}

/// An optional one-line text: blank becomes `None`.
pub fn optional_line(text: Option<&str>, max_chars: usize) -> Result<Option<String>, String> {
    let Some(text) = text else { return Ok(None) };
    let line = single_line(text);
    if line.is_empty() {
        return Ok(None);
    }
    check_length(&line, max_chars)?;
    Ok(Some(line))
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
            "are {} KB long; the limit is {} KB",
            notes.len().div_ceil(1024),
            MAX_NOTES_BYTES / 1024
        ));
    }
    Ok(notes.to_owned())
}

/// Tags are trimmed, lower-cased and kept once each, in the order given;
/// blank ones are dropped.
pub fn tags(raw: &[String]) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::with_capacity(raw.len());
    for tag in raw {
        let tag = single_line(tag).to_lowercase();
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!("{tag:?} is longer than {MAX_TAG_CHARS} characters"));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("{} tags; the limit is {MAX_TAGS}", tags.len()));
    }
    Ok(tags)
}

/// People in a scene: trimmed, blank ones dropped, each once.
pub fn people(raw: &[String]) -> Result<Vec<String>, String> {
    let mut people: Vec<String> = Vec::with_capacity(raw.len());
    for name in raw {
        let name = single_line(name);
        if name.is_empty() {
            continue;
        }
        check_length(&name, MAX_NAME_CHARS).map_err(|why| format!("{name:?} {why}"))?;
        if !people.contains(&name) {
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
    fn notes_over_the_limit_are_refused_not_cut() {
        assert!(notes(&"a".repeat(MAX_NOTES_BYTES)).is_ok());
        let err = notes(&"a".repeat(MAX_NOTES_BYTES + 1)).expect_err("too long");
        assert!(err.contains("limit is 100 KB"), "{err}");
    }
}
