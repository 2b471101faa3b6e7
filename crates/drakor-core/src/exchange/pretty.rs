//! Pretty JSON exactly as `serde_json::to_writer_pretty` writes it (two
//! spaces a level), but able to start at any depth. The dramas of a large
//! export are written in parts, each into its own buffer at the depth the
//! dramas sit at in the file, and the buffers are then joined.
//!
//! It is also quicker than serde_json's own pretty printer: a line break
//! and its indent are one write, not one write per level.
//!
//! [`line_break`] is for text written by hand in the same layout.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// Writes `value` as pretty JSON into `out`, as if it sat `depth` levels
/// deep in a larger document (its inner lines are indented to match).
pub fn write_at<T: Serialize + ?Sized>(
    value: &T,
    depth: usize,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Pretty::at(depth));
    value.serialize(&mut serializer)
}

/// Starts a new line indented `depth` levels.
pub fn line_break(out: &mut Vec<u8>, depth: usize) {
    match BREAKS.get(..1 + 2 * depth) {
        Some(line) => out.extend_from_slice(line),
        None => {
            out.push(b'\n');
            (0..depth).for_each(|_| out.extend_from_slice(b"  "));
        }
    }
}

/// A line break followed by the indent of up to [`MAX_FAST_DEPTH`] levels.
const BREAKS: [u8; 1 + 2 * MAX_FAST_DEPTH] = {
    let mut line = [b' '; 1 + 2 * MAX_FAST_DEPTH];
    line[0] = b'\n';
    line
};
const MAX_FAST_DEPTH: usize = 32;

/// serde_json's `PrettyFormatter` with two-space indents, starting at a
/// given depth.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Self {
        Pretty {
            depth,
            has_value: false,
        }
    }

    fn line_break<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        match BREAKS.get(..1 + 2 * self.depth) {
            Some(line) => writer.write_all(line),
            None => {
                writer.write_all(b"\n")?;
                (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(writer)?;
        }
        writer.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.line_break(writer)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ours(value: &serde_json::Value, depth: usize) -> String {
        let mut out = Vec::new();
        write_at(value, depth, &mut out).expect("a JSON value writes");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn at_depth_zero_it_writes_what_serde_json_writes() {
        let value = json!({
            "title": "눈물의 여왕",
            "empty_list": [],
            "empty_object": {},
            "nested": [[1, [2, []]], {"a": {"b": [null, true, 1.5, "x"]}}],
            "last": "end"
        });
        assert_eq!(
            ours(&value, 0),
            serde_json::to_string_pretty(&value).expect("a JSON value writes")
        );
    }

    #[test]
    fn deeper_it_indents_every_inner_line_to_match() {
        let value = json!({"a": [1, {"b": []}]});
        let nested = json!([[value.clone()]]);
        let whole = serde_json::to_string_pretty(&nested).expect("a JSON value writes");
        let inner = ours(&value, 2);
        assert!(whole.contains(&inner), "{inner}\nnot in\n{whole}");
        assert!(inner.ends_with("\n    }"));
    }

    #[test]
    fn depths_past_the_quick_indent_are_still_indented() {
        let mut value = json!(["deep"]);
        for _ in 0..MAX_FAST_DEPTH + 3 {
            value = json!([value]);
        }
        assert_eq!(
            ours(&value, 0),
            serde_json::to_string_pretty(&value).expect("a JSON value writes")
        );
    }
}
