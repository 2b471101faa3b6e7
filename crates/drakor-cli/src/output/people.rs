//! How `drakor people` looks: a table of people, their scenes and aliases.

use std::io::{self, Write};

use drakor_core::PersonSummary;

use crate::output::Table;

pub fn people_table(out: &mut dyn Write, people: &[PersonSummary]) -> io::Result<()> {
    let mut table = Table::new(&["NAME", "SCENES", "ALIASES"]);
    for p in people {
        table.row(vec![
            p.name.clone(),
            p.scenes.to_string(),
            p.aliases.join(", "),
        ]);
    }
    table.write(out)
}
