//! Conversions between domain values and SQLite values.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Type};

pub fn instant(dt: DateTime<Utc>) -> i64 {
    dt.timestamp_millis()
}

pub fn from_instant(ms: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| bad_value(Type::Integer, format!("{ms} is no instant")))
}

/// The `updated_at` a local edit records over a row's `old` one (Unix ms):
/// `now`, or one millisecond after `old` when the clock is behind it (the
/// row came from a machine whose clock runs fast). So `updated_at` never
/// goes backwards, and the edit beats the version it replaced on the next
/// merge.
pub fn edited_at(now: DateTime<Utc>, old: i64) -> DateTime<Utc> {
    let after = old.saturating_add(1);
    if instant(now) >= after {
        now
    } else {
        DateTime::from_timestamp_millis(after).unwrap_or(now)
    }
}

/// A row's `updated_at` (Unix ms); `table` is one of the store's own names.
pub fn updated_at_of(conn: &rusqlite::Connection, table: &str, pk: i64) -> rusqlite::Result<i64> {
    conn.prepare_cached(&format!("SELECT updated_at FROM {table} WHERE pk = ?1"))?
        .query_row([pk], |row| row.get(0))
}

pub fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub fn from_date(text: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|e| bad_value(Type::Text, format!("{t:?}: {e}")))
    })
    .transpose()
}

pub fn uuid(text: &str) -> rusqlite::Result<uuid::Uuid> {
    uuid::Uuid::parse_str(text)
        .map_err(|e| bad_value(Type::Text, format!("{text:?} is no id ({e})")))
}

pub fn bad_value(kind: Type, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, kind, message.into())
}

/// A u32 column that SQLite holds as i64.
pub fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// `INSERT INTO table (a, b, …) VALUES (:a, :b, …)` over `columns`, each
/// named `:column`.
pub fn insert_into(table: &str, columns: &[&str]) -> String {
    let names: Vec<&str> = columns.iter().map(|c| c.trim_start_matches(':')).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        columns.join(", ")
    )
}

/// `UPDATE table SET a = :a, b = :b, … WHERE pk = :pk` over `columns`.
pub fn update_by_pk(table: &str, columns: &[&str]) -> String {
    let sets: Vec<String> = columns
        .iter()
        .map(|c| format!("{} = {c}", c.trim_start_matches(':')))
        .collect();
    format!("UPDATE {table} SET {} WHERE pk = :pk", sets.join(", "))
}

/// `columns` (names and values in one order) and `extra` as named
/// parameters.
pub fn bound<'p>(
    names: &[&'static str],
    values: &'p [ToSqlOutput<'_>],
    extra: &'p [(&'static str, &'p dyn ToSql)],
) -> Vec<(&'static str, &'p dyn ToSql)> {
    names
        .iter()
        .zip(values)
        .map(|(name, value)| (*name, value as &dyn ToSql))
        .chain(extra.iter().copied())
        .collect()
}
