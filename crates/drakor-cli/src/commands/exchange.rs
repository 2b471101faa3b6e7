//! Moving the library in and out: `export`, `import` and `backup`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use drakor_core::{CsvRows, ExportFilter, Format, write_atomically};

use crate::cli::{BackupArgs, ExportArgs, ExportFormat, ExportRows, ImportArgs, ImportFormat};
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
    if args.what.is_some() && args.format != ExportFormat::Csv {
        return Err(CliError::Usage(
            "--what chooses the rows of a CSV export; add --format csv".into(),
        ));
    }
    if args.title.is_some() && args.format != ExportFormat::Markdown {
        return Err(CliError::Usage(
            "--title names a Markdown list; add --format markdown".into(),
        ));
    }
    let (text, what) = match args.format {
        ExportFormat::Json => return export_json(ctx, &filter, args.output),
        ExportFormat::Csv => match args.what.unwrap_or(ExportRows::Scenes) {
            ExportRows::Scenes => (
                ctx.library.export_csv(&filter, CsvRows::Scenes)?,
                "the scenes as CSV",
            ),
            ExportRows::Episodes => (
                ctx.library.export_csv(&filter, CsvRows::Episodes)?,
                "the watch log as CSV",
            ),
        },
        ExportFormat::Markdown => (
            ctx.library
                .export_markdown(&filter, args.title.as_deref())?,
            "the scene list as Markdown",
        ),
    };
    match args.output {
        Some(path) if !is_stdio(&path) => {
            write_atomically(&path, text.as_bytes())?;
            ctx.confirm(format_args!("exported {what} to {}", path.display()))
        }
        _ => {
            write!(ctx.out, "{text}")?;
            Ok(())
        }
    }
}

fn export_json(
    ctx: &mut Ctx<'_>,
    filter: &ExportFilter,
    output: Option<std::path::PathBuf>,
) -> CliResult {
    let path = match output {
        Some(path) if !is_stdio(&path) => path,
        _ => {
            ctx.library.write_export_json(filter, ctx.now, ctx.out)?;
            writeln!(ctx.out)?;
            return Ok(());
        }
    };
    let written = ctx.library.export_to_file(&path, filter, ctx.now)?;
    ctx.confirm(format_args!(
        "exported {}, {} to {}",
        output::count(written.dramas, "drama"),
        output::count(written.scenes, "scene"),
        path.display()
    ))
}

pub fn import(ctx: &mut Ctx<'_>, args: ImportArgs) -> CliResult {
    let name = args.file.display().to_string();
    let format = match args.from {
        None => Format::Auto,
        Some(ImportFormat::Drakor) => Format::Drakor,
        Some(ImportFormat::Trakt) => Format::Trakt,
        Some(ImportFormat::Yamtrack) => Format::Yamtrack,
        Some(ImportFormat::Watcharr) => Format::Watcharr,
    };
    let report = if !is_stdio(&args.file) && args.file.is_dir() {
        // A folder: the unpacked Trakt export.
        ctx.library
            .import_path(&args.file, format, ctx.now, args.dry_run)
    } else {
        let bytes = read_bytes(&args.file).map_err(|source| CliError::File {
            context: format!("cannot read {name}"),
            source,
        })?;
        // Trakt's files are told apart by their names.
        let file_name = args
            .file
            .file_name()
            .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
        ctx.library
            .import_bytes(&file_name, &bytes, format, ctx.now, args.dry_run)
    }
    .map_err(|error| CliError::Import { file: name, error })?;
    if args.dry_run {
        writeln!(ctx.out, "{report}")?;
        return Ok(());
    }
    ctx.confirm(format_args!("{report}"))
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

fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    if is_stdio(path) {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        fs::read(path)
    }
}
