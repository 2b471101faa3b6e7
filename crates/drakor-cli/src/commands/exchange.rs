//! Moving the library in and out: `export`, `import` and `backup`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use drakor_core::{
    Error, ExportFilter, ExportFormat as CoreFormat, ExportOptions, Format, IfExists,
    ImportOptions, ImportSource, ListFormat,
};

use crate::cli::{BackupArgs, ExportArgs, ExportFormat, ExportRows, ImportArgs, ImportFormat};
use crate::commands::Ctx;
use crate::error::{CliError, CliResult};
use crate::output;

pub fn export(ctx: &mut Ctx<'_>, args: ExportArgs) -> CliResult {
    if let Some(list) = &args.list {
        return export_list(ctx, list, &args);
    }
    let drama_id = args.drama.as_deref().map(|d| ctx.drama(d)).transpose()?;
    let filter = ExportFilter {
        tag: args.tag,
        status: args.status,
        drama_id,
        favourites: args.favourites,
        ..ExportFilter::default()
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
    let (format, what) = match args.format {
        ExportFormat::Json => (CoreFormat::Json, None),
        ExportFormat::Csv => match args.what.unwrap_or(ExportRows::Scenes) {
            ExportRows::Scenes => (CoreFormat::CsvScenes, Some("the scenes as CSV")),
            ExportRows::Episodes => (CoreFormat::CsvWatchLog, Some("the watch log as CSV")),
        },
        ExportFormat::Markdown => (CoreFormat::Markdown, Some("the scene list as Markdown")),
    };
    let options = ExportOptions {
        filter,
        format,
        title: args.title,
    };
    let path = match args.output {
        Some(path) if !is_stdio(&path) => path,
        _ => {
            ctx.library.export_to(ctx.out, &options, ctx.now)?;
            return Ok(());
        }
    };
    let if_exists = if args.force {
        IfExists::Replace
    } else {
        IfExists::Refuse
    };
    let written = ctx
        .library
        .export_file_with(&path, &options, if_exists, ctx.now)
        .map_err(|error| match error {
            Error::FileExists { path } => CliError::Refused(format!(
                "{} already exists; --force replaces it",
                path.display()
            )),
            other => CliError::Core(other),
        })?;
    match what {
        Some(what) => ctx.confirm(format_args!("exported {what} to {}", path.display())),
        None => ctx.confirm(format_args!(
            "exported {}, {} to {}",
            output::count(written.counts.dramas, "drama"),
            output::count(written.counts.scenes, "scene"),
            path.display()
        )),
    }
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
    let options = ImportOptions {
        format,
        dry_run: args.dry_run,
    };
    // The backup before the write is the core's, as in the app.
    let done = if !is_stdio(&args.file) && args.file.is_dir() {
        // A folder: the unpacked Trakt export.
        ctx.library
            .import_with_backup(ImportSource::Path(&args.file), options, ctx.now)
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
        let source = ImportSource::Bytes {
            name: &file_name,
            bytes: &bytes,
        };
        ctx.library.import_with_backup(source, options, ctx.now)
    }
    .map_err(|error| CliError::Import { file: name, error })?;
    let report = done.report;
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

/// `drakor export --list LIST`: one list as Markdown, CSV or a Drakor file.
fn export_list(ctx: &mut Ctx<'_>, list: &str, args: &ExportArgs) -> CliResult {
    let id = ctx.library.find_list(list)?;
    let format = match args.format {
        ExportFormat::Json => ListFormat::Json,
        ExportFormat::Csv => ListFormat::Csv,
        ExportFormat::Markdown => ListFormat::Markdown,
    };
    let path = match &args.output {
        Some(path) if !is_stdio(path) => path,
        _ => {
            let text = ctx.library.export_list(id, format, ctx.now)?;
            ctx.out.write_all(text.as_bytes())?;
            return Ok(());
        }
    };
    let if_exists = if args.force {
        IfExists::Replace
    } else {
        IfExists::Refuse
    };
    ctx.library
        .export_list_file(id, format, path, if_exists, ctx.now)
        .map_err(|error| match error {
            Error::FileExists { path } => CliError::Refused(format!(
                "{} already exists; --force replaces it",
                path.display()
            )),
            other => CliError::Core(other),
        })?;
    let name = ctx.library.get_list(id)?.list.name;
    ctx.confirm(format_args!(
        "wrote the list \"{name}\" to {}",
        path.display()
    ))
}
