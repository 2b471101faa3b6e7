//! The command line as types: every command, flag and help text.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use drakor_core::Status;

use crate::parse::{self, Clearable, LinkArg};

const ABOUT: &str = "Keep your K-drama watch log and favourite scenes";

const LONG_ABOUT: &str = "\
Keep your K-drama watch log and favourite scenes.

drakor works on the same library file as the Drakor desktop app: one SQLite
file on this machine. It logs which episodes you watched and when, bookmarks
scenes at a timestamp with tags, notes, people and links, and moves the whole
library in and out as JSON.";

const MAIN_EXAMPLES: &str = "\
Wherever a command takes DRAMA, give its title, a unique part of it, its
original title, or its id (a prefix of 4+ characters will do).

The library file: --db PATH, else the DRAKOR_DB environment variable, else
the desktop app's library (see `drakor path`).

Examples:
  drakor add \"My Liberation Notes\" --original \"나의 해방일지\" --episodes 16
  drakor watch liberation 1-8
  drakor scene add liberation --episode 11 --at 48:12 --title \"Reed field kiss\" --tag kiss
  drakor scene list --tag kiss
  drakor next
  drakor stats --year 2026
  drakor export -o drakor-backup.json
  drakor import trakt-export.zip";

#[derive(Debug, Parser)]
#[command(
    name = "drakor",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = MAIN_EXAMPLES,
    max_term_width = 100
)]
pub struct Cli {
    /// The library file to use [default: $DRAKOR_DB, else the desktop app's library]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// Print only what scripts need: the new id after `add` and `scene add`,
    /// nothing after other changes
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a drama to the library
    #[command(after_help = "\
Examples:
  drakor add \"My Liberation Notes\" --original \"나의 해방일지\" --country KR \\
      --year 2022 --network JTBC --episodes 16 --tag slice-of-life
  drakor add Goblin --status completed --rating 9.5 --finished 2017-01-21
  id=$(drakor add \"Crash Landing on You\" --quiet)

With --tmdb ID and a TMDB token (DRAKOR_TMDB_TOKEN, or the one saved in the
app's Settings), the drama is filled from TMDB: titles, year, network, every
episode's title, runtime and air date, and its poster. Any other flag given
wins over TMDB's value. A TMDB id already in the library finds that drama.
  drakor lookup 도깨비
  drakor add --tmdb 67915
  drakor add --tmdb 67915 \"Goblin\" --status watching")]
    Add(AddArgs),

    /// Change a drama's details; only the flags given change
    #[command(after_help = "\
An empty value clears a field (--rating '', --network ''); --tag and --link
replace the whole list when given (--tag '' empties it).

Examples:
  drakor edit liberation --status completed --rating 9.5
  drakor edit goblin --tag fantasy --tag romance
  drakor edit goblin --episodes ''

A new --tmdb ID links the drama to that TMDB entry and, with a token, fills
it as `drakor refresh` does.
  drakor edit goblin --tmdb 67915")]
    Edit(EditArgs),

    /// Remove a drama with its watch log and scenes
    #[command(after_help = "\
To avoid removing the wrong drama, DRAMA must be its full title, original
title or id; a part of the title is only accepted with --yes.

Examples:
  drakor rm \"My Liberation Notes\"
  drakor rm 0196b0a4")]
    Rm(RmArgs),

    /// List the dramas in the library
    #[command(after_help = "\
Examples:
  drakor list
  drakor list --status watching
  drakor list --tag romance --sort rating
  drakor list --search 해방 --json")]
    List(ListArgs),

    /// Show a drama: details, episode watch log and scenes
    #[command(after_help = "\
Examples:
  drakor show liberation
  drakor show 나의 --json")]
    Show(ShowArgs),

    /// Mark episodes watched
    #[command(after_help = "\
EPISODES is one episode (7), a range (1-8) or a list (1,3,5-7).

Examples:
  drakor watch liberation 9
  drakor watch liberation 1-8 --at 2022-04-09
  drakor watch goblin 1,2 --at 2024-02-01T21:30:00+09:00
  drakor watch goblin 13 --rewatch")]
    Watch(WatchArgs),

    /// Take the latest watch of episodes out of the watch log (--all: every watch)
    #[command(after_help = "\
Examples:
  drakor unwatch liberation 16
  drakor unwatch liberation 9-16
  drakor unwatch liberation 3 --all")]
    Unwatch(UnwatchArgs),

    /// Rate or write about one episode (without flags: show it)
    #[command(after_help = "\
An empty value clears a field (--rating '').

Examples:
  drakor episode liberation 11 --rating 10 --notes \"The reed field.\"
  drakor episode liberation 11 --title \"Episode 11\" --runtime 70
  drakor episode liberation 11")]
    Episode(EpisodeArgs),

    /// Bookmark scenes: add, edit, remove and list them
    #[command(subcommand)]
    Scene(SceneCommand),

    /// Search titles, original titles, notes, scenes, episode notes, tags and people
    #[command(after_help = "\
Every word must match, as a word or the start of one.

Examples:
  drakor search reed field
  drakor search 해방 --limit 5")]
    Search(SearchArgs),

    /// The next episode of every drama you are watching
    Next(JsonArg),

    /// Every tag in use, most used first
    Tags(JsonArg),

    /// Your year in review (or all time): episodes, hours, streaks, top tags
    #[command(after_help = "\
Without --year, all time. Days, months and years are your local time (TZ,
else the system's zone), so an episode watched just after midnight on New
Year's Day counts in the new year. Hours come from each episode's runtime,
else the drama's usual runtime, else 60 minutes; the summary says how many
episodes were estimated. --json prints every figure, with the day-by-day
activity.

Examples:
  drakor stats --year 2026
  drakor stats
  drakor stats --year 2026 --json")]
    Stats(StatsArgs),

    /// Write the library (or part of it) as JSON, CSV or Markdown
    #[command(after_help = "\
Without -o the export goes to standard output. With -o it is written to a new
file next to FILE and put into place when it is whole, so a failed export
never leaves half a file behind. A FILE that already exists is left as it is
and the export is refused; --force replaces it (in one step). The library
itself is never replaced, whatever path leads to it.

--format json (the default) writes a Drakor file that `drakor import` reads
back. --format csv writes one row per scene (or, with --what episodes, one
row per watch) for spreadsheets. --format markdown writes a scene list to
share, titled by --title or after the filter (\"Kiss scenes\").

Examples:
  drakor export -o drakor-backup.json
  drakor export --tag kiss -o kiss-scenes.json
  drakor export --tag kiss --favourites --format markdown -o best-kisses.md
  drakor export --drama liberation > liberation.json
  drakor export --format csv -o scenes.csv
  drakor export --format csv --what episodes -o watch-log.csv
  drakor export --format markdown --tag kiss --title \"My favourite kiss scenes\"
  drakor export --list \"the best drakor kiss scenes\" --format markdown -o kisses.md")]
    Export(ExportArgs),

    /// Merge a file into the library: a Drakor export, or history from
    /// Trakt, Yamtrack or Watcharr
    #[command(after_help = "\
FILE is a Drakor JSON export, a Trakt export (the ZIP, the folder it unpacks
to, or one of its JSON files), a Yamtrack CSV export or a Watcharr JSON
export; the format is told from the content unless --from names it.

The whole file is checked first; if anything in it is wrong, every problem
is listed with its place in the file (file, row or JSON path, field) and
nothing is changed. Dramas match by id, then TMDB/IMDb/Trakt id, then title
and year, so importing a file twice changes nothing. What a file holds that
Drakor does not keep (movies, anime rows, …) is skipped and counted.

Once the file has been read and checked, and before anything is written, the
library is copied into backups/ beside it (drakor-<time>-import.sqlite3; the
newest ten are kept). A dry run or a refused file takes no backup.

Examples:
  drakor import drakor-backup.json --dry-run
  drakor import drakor-backup.json
  drakor import ~/Downloads/trakt-export.zip
  drakor import yamtrack.csv --from yamtrack")]
    Import(ImportArgs),

    /// Copy the library file, safely even while the app has it open
    #[command(after_help = "\
Example:
  drakor backup ~/drakor-2026-11-21.sqlite3
  drakor --db ~/drakor-2026-11-21.sqlite3 list")]
    Backup(BackupArgs),

    /// Link a drama's episodes to the video files in a folder
    #[command(after_help = "\
Files are matched to episodes by the number in their names (S01E11, E11,
EP11, 11화, \" - 11\"). Files that match no episode, and episodes two files
claim, are listed and left unlinked; set any file by hand with --episode.
Linking a moved folder again keeps every match.

Examples:
  drakor link goblin ~/Videos/Goblin
  drakor link goblin --show
  drakor link goblin --episode 2 \"Goblin E02 (extended).mkv\"")]
    Link(LinkArgs),

    /// Play a scene in your video player, from where it starts
    #[command(after_help = "\
The player is DRAKOR_PLAYER (mpv, vlc or system), else the first of mpv and
VLC found on PATH, else the system's own, which cannot start at the scene.
A scene whose episode has no file but has a YouTube link opens the link at
the scene's time.

Examples:
  drakor play 0193a6f2
  drakor play 0193a6f2 --print")]
    Play(PlayArgs),

    /// Your lists of scenes and dramas: make, fill, reorder and show them
    #[command(after_help = "\
Without a subcommand, lists every list with its number of entries. LIST is a
list's name (in any case) or its id; positions count from 1, as `drakor lists
show` prints them.

Examples:
  drakor lists new \"The best drakor kiss scenes\" --description \"Argue in the comments\"
  drakor lists add \"the best drakor kiss scenes\" --scene 0196b0a4 --note \"#1 because of the rain\"
  drakor lists add \"Comfort rewatches\" --drama goblin --at 1
  drakor lists move \"the best drakor kiss scenes\" 3 1
  drakor lists show \"the best drakor kiss scenes\"")]
    Lists(ListsArgs),

    /// The people in your scenes, and their other names (aliases)
    #[command(after_help = "\
Without a subcommand, lists everyone in a scene with their number of scenes
and their aliases. A name is one person in any case and width (Gong Yoo,
GONG YOO); an alias makes another spelling the same person: `공유` and
`Gong Yoo`. Scenes keep the names as typed; `drakor scene list --person`
finds a person's scenes under any of their names.

Examples:
  drakor people
  drakor people alias 공유 \"Gong Yoo\"
  drakor people unalias \"Gong Yoo\"
  drakor scene list --person \"gong yoo\"")]
    People(PeopleArgs),

    /// Find a show on TMDB by its title, in English or Hangul
    #[command(after_help = "\
Needs your TMDB read access token: DRAKOR_TMDB_TOKEN, or the one saved in the
app's Settings. Only the title you search for is sent. DRAKOR_TMDB_URL
replaces the API's address (https://api.themoviedb.org/3).

This product uses the TMDB API but is not endorsed or certified by TMDB.

Examples:
  drakor lookup 도깨비
  drakor lookup \"My Liberation Notes\" --year 2022
  drakor lookup goblin --json")]
    Lookup(LookupArgs),

    /// Fill dramas linked to TMDB: new episodes, and what is still empty
    #[command(after_help = "\
Adds the episodes that have aired (or been announced) since, with their
titles, runtimes and air dates, fills fields that are still empty, and
fetches a missing poster. What you typed or changed is never replaced;
refreshing twice changes nothing.

Examples:
  drakor refresh goblin
  drakor refresh --all")]
    Refresh(RefreshArgs),

    /// Print what a running player is playing, and where
    #[command(after_help = "\
Asks the mpv that `drakor play` started (or the one whose --input-ipc-server
socket DRAKOR_MPV_SOCKET names), else any MPRIS player on the session bus:
VLC, Celluloid, mpv with mpv-mpris, a browser. The drama and episode come from
the linked files, else from the title (\"My Liberation Notes: Episode 11\").

Examples:
  drakor now
  drakor now --json")]
    Now(JsonArg),

    /// Print the library file this command line uses
    Path,

    /// Write the manual pages (drakor.1 and one per command) into DIR
    #[command(hide = true)]
    ManPages {
        /// The folder to write the pages to (created if missing)
        #[arg(value_name = "DIR")]
        dir: std::path::PathBuf,
    },
}

/// Everything a drama has besides its title, for `add` and `edit`.
#[derive(Debug, Args)]
pub struct DramaFields {
    /// The original title, e.g. "나의 해방일지"
    #[arg(long, value_name = "TITLE")]
    pub original: Option<String>,

    /// The country it is from, e.g. KR
    #[arg(long)]
    pub country: Option<String>,

    /// The year it first aired
    #[arg(long, value_parser = parse::clearable::<i32>)]
    pub year: Option<Clearable<i32>>,

    /// The network or platform, e.g. JTBC, Netflix
    #[arg(long)]
    pub network: Option<String>,

    /// How many episodes it has in all
    #[arg(long, value_name = "N", value_parser = parse::clearable::<u32>)]
    pub episodes: Option<Clearable<u32>>,

    /// plan_to_watch, watching, completed, on_hold or dropped
    #[arg(long, value_parser = parse::status)]
    pub status: Option<Status>,

    /// Your rating, 0 to 10 in steps of 0.5
    #[arg(long, value_parser = parse::clearable::<f64>)]
    pub rating: Option<Clearable<f64>>,

    /// When you started it (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse::clearable_date)]
    pub started: Option<Clearable<NaiveDate>>,

    /// When you finished it (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse::clearable_date)]
    pub finished: Option<Clearable<NaiveDate>>,

    /// How many times you rewatched it
    #[arg(long, value_name = "N")]
    pub rewatches: Option<u32>,

    /// A tag, e.g. romance (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Your notes
    #[arg(long)]
    pub notes: Option<String>,

    /// A link: URL, URL|LABEL or URL|LABEL|KIND, KIND being
    /// behind_the_scenes, clip, article or other (repeat for more)
    #[arg(long = "link", value_name = "URL[|LABEL[|KIND]]", value_parser = parse::link)]
    pub links: Vec<LinkArg>,

    /// Its TMDB id
    #[arg(long, value_name = "ID", value_parser = parse::clearable::<u64>)]
    pub tmdb: Option<Clearable<u64>>,

    /// Its IMDb id, e.g. tt14950574
    #[arg(long, value_name = "ID")]
    pub imdb: Option<String>,

    /// Its MyDramaList page
    #[arg(long, value_name = "URL")]
    pub mdl: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The title, e.g. "My Liberation Notes" (with --tmdb: TMDB's, unless given)
    #[arg(required_unless_present = "tmdb")]
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: DramaFields,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The drama: its title, a unique part of it, or its id
    pub drama: String,
    /// A new title
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: DramaFields,
}

#[derive(Debug, Args)]
pub struct ListsArgs {
    #[command(subcommand)]
    pub command: Option<ListsCommand>,
    /// Print JSON instead of a table (without a subcommand)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    #[command(subcommand)]
    pub command: Option<PeopleCommand>,
    /// Print JSON instead of a table (without a subcommand)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Make ALIAS another name of NAME (merging ALIAS's scenes and aliases into NAME's)
    Alias {
        /// The person: their name, or one of their aliases
        name: String,
        /// The other name
        alias: String,
    },
    /// Take an alias away: scenes written with it show under it again
    Unalias {
        /// The alias
        alias: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Make a new, empty list and print its id
    New {
        /// Its name, unique in the library (in any case)
        name: String,
        /// What the list is about
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
    },
    /// Rename a list, or change its description
    Rename {
        /// The list: its name or id
        list: String,
        /// The new name
        name: String,
        /// A new description ('' for none)
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
    },
    /// Delete a list (what it holds stays in the library)
    Rm {
        /// The list: its name or id
        list: String,
    },
    /// Put a scene or a drama into a list
    Add {
        /// The list: its name or id
        list: String,
        /// The scene: its id, or a unique prefix of it
        #[arg(
            long,
            value_name = "SCENE",
            required_unless_present = "drama",
            conflicts_with = "drama"
        )]
        scene: Option<String>,
        /// The drama: its title, a unique part of it, or its id
        #[arg(long, value_name = "DRAMA")]
        drama: Option<String>,
        /// A note on the entry, e.g. "#1 because of the rain"
        #[arg(long)]
        note: Option<String>,
        /// Where to put it (1 for the top) [default: the end]
        #[arg(long, value_name = "POS")]
        at: Option<u32>,
    },
    /// Move the entry at POS to NEWPOS
    Move {
        /// The list: its name or id
        list: String,
        /// The entry's position now
        pos: u32,
        /// Its new position
        newpos: u32,
    },
    /// Take the entry at POS out of a list
    Drop {
        /// The list: its name or id
        list: String,
        /// The entry's position
        pos: u32,
    },
    /// Print a list with its entries, in order
    Show {
        /// The list: its name or id
        list: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The title to look for, e.g. 도깨비 or "My Liberation Notes"
    pub query: String,
    /// Only shows first aired in this year
    #[arg(long)]
    pub year: Option<i32>,
    /// Print JSON instead of a list
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// The drama: its title, a unique part of it, or its id
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub drama: Option<String>,
    /// Every drama linked to TMDB, with a progress line on stderr
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The drama: its full title, original title or id
    pub drama: String,
    /// Remove it even though DRAMA is only a part of its title
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Most recently watched first
    Recent,
    /// By title
    Title,
    /// Highest rated first
    Rating,
    /// By the next episode's air date (known for dramas from TMDB)
    NextAiring,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only dramas with this status (plan_to_watch, watching, completed, on_hold, dropped)
    #[arg(long, value_parser = parse::status)]
    pub status: Option<Status>,
    /// Only dramas with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only dramas whose text, scenes or episode notes match these words
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// The order
    #[arg(long, value_enum, default_value_t = SortBy::Recent)]
    pub sort: SortBy,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The drama: its title, a unique part of it, or its id
    pub drama: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The drama: its title, a unique part of it, or its id
    pub drama: String,
    /// The episodes: 7, 1-8 or 1,3,5-7
    pub episodes: String,
    /// The season (0 for specials)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub season: u32,
    /// When you watched them: YYYY-MM-DD (midnight UTC) or an RFC 3339 time
    /// [default: now]
    #[arg(long, value_name = "WHEN", value_parser = parse::instant)]
    pub at: Option<DateTime<Utc>>,
    /// Log another viewing of episodes already watched
    #[arg(long)]
    pub rewatch: bool,
}

#[derive(Debug, Args)]
pub struct UnwatchArgs {
    /// The drama: its title, a unique part of it, or its id
    pub drama: String,
    /// The episodes: 7, 1-8 or 1,3,5-7
    pub episodes: String,
    /// The season (0 for specials)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub season: u32,
    /// Remove every watch of the episodes, rewatches and imported history
    /// included, not only the latest
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct EpisodeArgs {
    /// The drama: its title, a unique part of it, or its id
    pub drama: String,
    /// The episode number
    pub number: u32,
    /// The season (0 for specials)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub season: u32,
    /// Your rating, 0 to 10 in steps of 0.5
    #[arg(long, value_parser = parse::clearable::<f64>)]
    pub rating: Option<Clearable<f64>>,
    /// Your notes on the episode
    #[arg(long)]
    pub notes: Option<String>,
    /// The episode's title
    #[arg(long)]
    pub title: Option<String>,
    /// Its runtime in minutes
    #[arg(long, value_name = "MINUTES", value_parser = parse::clearable::<u32>)]
    pub runtime: Option<Clearable<u32>>,
}

#[derive(Debug, Subcommand)]
pub enum SceneCommand {
    /// Bookmark a scene in an episode
    #[command(after_help = "\
Times are typed as a player shows them: 48:12, 1:02:03, 1:02:03.250, 2892
(seconds) or 48m12s.

Examples:
  drakor scene add liberation --episode 11 --at 48:12 --end 49:40 \\
      --title \"Reed field kiss\" --tag kiss --favourite \\
      --person \"Kim Ji-won\" --person \"Son Seok-koo\" \\
      --link \"https://www.youtube.com/watch?v=example|Behind the scenes|behind_the_scenes\"
  drakor scene add goblin --episode 8 --at 55:30 --title \"Kiss by the sea\" \\
      --ost \"Stay With Me|Chanyeol & Punch\" \\
      --quote \"날이 좋아서 모든 날이 좋았다\" --quote-translation \"Every day was good\"
  id=$(drakor scene add goblin --episode 1 --at 12:30 --title \"First meeting\" --quiet)")]
    Add(SceneAddArgs),

    /// Change a scene; only the flags given change
    #[command(after_help = "\
An empty value clears a field (--end '', --ost '', --quote ''); --tag, --person
and --link replace the whole list when given (--tag '' empties it).

Examples:
  drakor scene edit 0196b0a4-5c1e-7a31-9d2e-000000000001 --end 49:45
  drakor scene edit 0196b0a4-5c1e-7a31-9d2e-000000000001 --tag kiss --tag rain --not-favourite
  drakor scene edit 0196b0a4 --ost \"Stay With Me|Chanyeol & Punch\" --quote-translation ''
  drakor scene edit 0196b0a4 --ost '' --quote ''")]
    Edit(SceneEditArgs),

    /// Remove a scene bookmark
    Rm(SceneRmArgs),

    /// List scenes across dramas
    #[command(after_help = "\
Examples:
  drakor scene list --tag kiss
  drakor scene list --drama liberation --favourites
  drakor scene list --json")]
    List(SceneListArgs),
}

/// The lists and notes of a scene, for `scene add` and `scene edit`.
#[derive(Debug, Args)]
pub struct SceneExtras {
    /// A tag, e.g. kiss, confession, ost (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Your notes on the scene
    #[arg(long)]
    pub notes: Option<String>,
    /// Someone in the scene (repeat for more)
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
    /// A link: URL, URL|LABEL or URL|LABEL|KIND, KIND being
    /// behind_the_scenes, clip, article or other (repeat for more)
    #[arg(long = "link", value_name = "URL[|LABEL[|KIND]]", value_parser = parse::link)]
    pub links: Vec<LinkArg>,
    /// The song playing in it: TITLE|ARTIST, or TITLE alone ('' for none)
    #[arg(long, value_name = "TITLE|ARTIST", value_parser = parse::ost)]
    pub ost: Option<Clearable<drakor_core::Ost>>,
    /// Its famous line, as said ('' for none, which drops the translation too)
    #[arg(long, value_name = "TEXT")]
    pub quote: Option<String>,
    /// A translation of the famous line ('' for none)
    #[arg(long, value_name = "TEXT")]
    pub quote_translation: Option<String>,
}

#[derive(Debug, Args)]
pub struct SceneAddArgs {
    /// The drama: its title, a unique part of it, or its id (with --now:
    /// what the player plays, unless given)
    #[arg(required_unless_present = "now")]
    pub drama: Option<String>,
    /// The episode the scene is in (with --now: the player's, unless given)
    #[arg(long, value_name = "N", required_unless_present = "now")]
    pub episode: Option<u32>,
    /// The season (0 for specials; 1 unless given or told by the player)
    #[arg(long, value_name = "N")]
    pub season: Option<u32>,
    /// Where the scene starts, e.g. 48:12
    #[arg(
        long,
        value_name = "TIME",
        required_unless_present = "now",
        conflicts_with = "now"
    )]
    pub at: Option<String>,
    /// Where it ends, e.g. 49:40
    #[arg(long, value_name = "TIME")]
    pub end: Option<String>,
    /// What to call it, e.g. "Reed field kiss" (with --now: "Untitled" unless given)
    #[arg(long, required_unless_present = "now")]
    pub title: Option<String>,
    /// Bookmark the moment the player is at: its drama, episode and
    /// position (rounded down to the second)
    #[arg(long)]
    pub now: bool,
    #[command(flatten)]
    pub extras: SceneExtras,
    /// Mark it as a favourite
    #[arg(long, alias = "favorite")]
    pub favourite: bool,
}

#[derive(Debug, Args)]
pub struct SceneEditArgs {
    /// The scene's id (a unique prefix will do)
    pub id: String,
    /// Move it to this episode
    #[arg(long, value_name = "N")]
    pub episode: Option<u32>,
    /// Move it to this season
    #[arg(long, value_name = "N")]
    pub season: Option<u32>,
    /// A new start time, e.g. 48:12
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// A new end time ('' for none)
    #[arg(long, value_name = "TIME")]
    pub end: Option<String>,
    /// A new title
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub extras: SceneExtras,
    /// Mark it as a favourite
    #[arg(long, alias = "favorite")]
    pub favourite: bool,
    /// Unmark it as a favourite
    #[arg(long, alias = "not-favorite", conflicts_with = "favourite")]
    pub not_favourite: bool,
}

#[derive(Debug, Args)]
pub struct SceneRmArgs {
    /// The scene's id (a unique prefix will do)
    pub id: String,
}

#[derive(Debug, Args)]
pub struct SceneListArgs {
    /// Only scenes with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only scenes of this drama
    #[arg(long)]
    pub drama: Option<String>,
    /// Only scenes with this person, under any of their names (aliases too)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only favourite scenes
    #[arg(long, alias = "favorites")]
    pub favourites: bool,
    /// Only bookmarks saved with --now (or "Bookmark now") and not named yet
    #[arg(long)]
    pub untitled: bool,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to look for
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub words: Vec<String>,
    /// Show at most this many results
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The year to review, 1900 to 2100 [default: all time]
    #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub year: Option<i32>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The drama: its title, a unique part of it, or its id
    pub drama: String,
    /// The folder to link (with --episode: the file for that episode)
    #[arg(value_name = "DIR|FILE")]
    pub path: Option<std::path::PathBuf>,
    /// Print the links without changing them
    #[arg(long, conflicts_with_all = ["path", "episode"])]
    pub show: bool,
    /// Set this episode's file by hand: FILE, inside the linked folder
    #[arg(long, value_name = "N", requires = "path")]
    pub episode: Option<u32>,
    /// The season of --episode (0 for specials)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub season: u32,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// The scene: its id, or the start of its id
    pub scene: String,
    /// Print what would be started, as JSON, and start nothing
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Drakor file (format version 2) that `import` reads back
    Json,
    /// A spreadsheet: one row per scene, or per watch with --what episodes
    Csv,
    /// A scene list to share, grouped by drama
    #[value(alias = "md")]
    Markdown,
}

/// The rows of a CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportRows {
    /// One row per scene
    Scenes,
    /// One row per watch of an episode: the watch log
    Episodes,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (never the library itself)
    #[arg(long, requires = "output")]
    pub force: bool,
    /// What to write
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// With --format csv: the rows
    #[arg(long, value_enum, value_name = "ROWS")]
    pub what: Option<ExportRows>,
    /// With --format markdown: the list's title [default: after the filter]
    #[arg(long)]
    pub title: Option<String>,
    /// Only this tag: whole dramas with the tag, and scenes with it from others
    #[arg(long)]
    pub tag: Option<String>,
    /// Only dramas with this status
    #[arg(long, value_parser = parse::status)]
    pub status: Option<Status>,
    /// Only this drama
    #[arg(long)]
    pub drama: Option<String>,
    /// Only favourite (★) scenes, and the episodes they are in
    #[arg(long)]
    pub favourites: bool,
    /// One list instead: its name or id (--format markdown, csv or json)
    #[arg(long, value_name = "LIST", conflicts_with_all = ["tag", "status", "drama", "favourites", "what", "title"])]
    pub list: Option<String>,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Drakor's own JSON export
    Drakor,
    /// Trakt's data export: the ZIP, its folder or one of its JSON files
    Trakt,
    /// Yamtrack's CSV export
    Yamtrack,
    /// Watcharr's JSON export
    Watcharr,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file or folder to import (- for standard input)
    pub file: PathBuf,
    /// The file's format [default: told from its content]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<ImportFormat>,
    /// Check the file and report what would change, without writing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file to write the copy to (it must not exist yet)
    pub file: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
