//! Moving the library in and out: `export`, `import` and `backup`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use drakor_core::ExportFilter;

use crate::cli::{BackupArgs, ExportArgs, ImportArgs};
use crate::commands::Ctx;
use crate::error::{CliError, CliResult};
use crate::output;

pub fn export(ctx: &mut Ctx<'_>, args: ExportArgs) -> CliResult {
    let drama_id = args.drama.as_deref().map(|d| ctx.drama(d)).transpose()?;
    let filter = ExportFilter {
        tag: args.tag,
        status: args.status,
        drama_id,
    };
    let path = match args.output {
        Some(path) if !is_stdio(&path) => path,
        _ => {
            let json = ctx.library.export_json(&filter, ctx.now)?;
            writeln!(ctx.out, "{json}")?;
            return Ok(());
        }
    };
    let written = ctx.library.export_to_file(&path, &filter, ctx.now)?;
    ctx.confirm(format_args!(
        "exported {}, {} to {}",
        output::count(written.dramas, "drama"),
        output::count(written.scenes, "scene"),
        path.display()
    ))
}

pub fn import(ctx: &mut Ctx<'_>, args: ImportArgs) -> CliResult {
    let name = args.file.display().to_string();
    let text = read_text(&args.file).map_err(|source| CliError::File {
        context: format!("cannot read {name}"),
        source,
    })?;
    let summary = ctx
        .library
        .import_json(&text, ctx.now, args.dry_run)
        .map_err(|error| CliError::Import { file: name, error })?;
    if args.dry_run {
        writeln!(ctx.out, "{summary}")?;
        return Ok(());
    }
    ctx.confirm(format_args!("{summary}"))
}

pub fn backup(ctx: &mut Ctx<'_>, args: BackupArgs) -> CliResult {
    ctx.library.backup_to(&args.file)?;
    ctx.confirm(format_args!(
        "backed up the library to {}",
        args.file.display()
    ))
}

fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn read_text(path: &Path) -> io::Result<String> {
    if is_stdio(path) {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        fs::read_to_string(path)
    }
}
