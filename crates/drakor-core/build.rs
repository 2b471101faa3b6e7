//! Lists the schema's migrations (`src/migrations/NNNN_name.sql`) for
//! `store::schema`, in the order of their numbers, so a migration is added
//! by adding its file. Numbers must run 1, 2, 3, … without a gap or a
//! repeat: a build with a gap fails here, not on a user's library.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut found: Vec<(u32, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let number = name.strip_suffix(".sql")?.split('_').next()?.parse().ok()?;
            Some((number, name))
        })
        .collect();
    found.sort();
    let mut list = String::from("&[\n");
    for (i, (number, name)) in found.iter().enumerate() {
        assert_eq!(
            *number as usize,
            i + 1,
            "migration {name} is out of sequence: migrations are numbered 1, 2, 3, … once each"
        );
        let path = dir.join(name);
        writeln!(list, "    include_str!({:?}),", path.display().to_string())
            .expect("a String takes any text");
    }
    list.push(']');
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    std::fs::write(&out, list).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
