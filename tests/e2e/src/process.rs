//! The processes a test starts: [`Proc`], a child process that is stopped
//! with all its descendants (SIGTERM, then SIGKILL after a grace period) on
//! drop, and [`process_tree`], which finds those descendants in `/proc`.

use std::collections::HashMap;
use std::fs;
use std::process::Child;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// Grace period between SIGTERM and SIGKILL at teardown.
const TERM_GRACE: Duration = Duration::from_secs(3);

/// A child process that is terminated, with all its descendants, on drop.
pub(crate) struct Proc {
    pub(crate) name: &'static str,
    pub(crate) child: Child,
}

impl Proc {
    pub(crate) fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        // Snapshot the whole tree first: once the parent dies its children are
        // re-parented and could no longer be found.
        let root = self.child.id();
        let tree = process_tree(root);
        for &pid in tree.iter().rev() {
            signal(pid, Signal::SIGTERM);
        }
        let deadline = Instant::now() + TERM_GRACE;
        while Instant::now() < deadline && tree.iter().any(|&pid| alive(pid)) {
            let _ = self.child.try_wait();
            std::thread::sleep(Duration::from_millis(50));
        }
        for &pid in &tree {
            if alive(pid) {
                signal(pid, Signal::SIGKILL);
            }
        }
        if let Err(e) = self.child.wait() {
            eprintln!("drakor-e2e: cannot reap {}: {e}", self.name);
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

fn signal(pid: u32, sig: Signal) {
    if let Ok(pid) = i32::try_from(pid) {
        // ESRCH (already gone) is fine.
        let _ = kill(Pid::from_raw(pid), sig);
    }
}

/// Alive and not a zombie.
fn alive(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => parse_stat(&stat).is_some_and(|(state, _)| state != 'Z' && state != 'X'),
        Err(_) => false,
    }
}

/// (state, ppid) from `/proc/<pid>/stat`; the command name may hold spaces
/// and parentheses, so parse from the last `)`.
fn parse_stat(stat: &str) -> Option<(char, u32)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let ppid = fields.next()?.parse().ok()?;
    Some((state, ppid))
}

/// `root` followed by all its descendants, parents before children.
pub(crate) fn process_tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            if let Ok(stat) = fs::read_to_string(entry.path().join("stat"))
                && let Some((_, ppid)) = parse_stat(&stat)
            {
                children.entry(ppid).or_default().push(pid);
            }
        }
    }
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        if let Some(kids) = children.get(&tree[i]) {
            tree.extend(kids);
        }
        i += 1;
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_with_spaces_and_parens_in_the_name_parse() {
        let stat = "4242 (Web Content (x)) S 4200 4242 4200 0 -1 4194560";
        assert_eq!(parse_stat(stat), Some(('S', 4200)));
    }

    /// A shell (the child) that starts a `sleep` (the grandchild) and
    /// says its pid, wrapped to be stopped with its tree.
    fn child_with_grandchild() -> (Proc, u32) {
        use std::io::{BufRead, BufReader};
        use std::process::{Command, Stdio};

        let mut child = Command::new("sh")
            .args(["-c", "sleep 60 & echo $!; wait"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("sh starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("sh says the pid of its sleep");
        let grandchild = line.trim().parse().expect("a pid");
        (Proc { name: "sh", child }, grandchild)
    }

    #[test]
    fn the_process_tree_holds_children_and_grandchildren_parents_first() {
        let (proc, grandchild) = child_with_grandchild();
        let me = std::process::id();
        let child = proc.child.id();
        let tree = process_tree(me);
        let place = |pid: u32| tree.iter().position(|&p| p == pid);
        assert_eq!(place(me), Some(0), "{tree:?}");
        let (Some(c), Some(g)) = (place(child), place(grandchild)) else {
            panic!("child {child} and grandchild {grandchild} should be in {tree:?}");
        };
        assert!(c < g, "the parent comes before its child: {tree:?}");
        assert_eq!(
            process_tree(grandchild),
            [grandchild],
            "a sleep has no children"
        );
    }

    #[test]
    fn stopping_a_process_stops_its_descendants_too() {
        let (mut proc, grandchild) = child_with_grandchild();
        assert!(alive(grandchild));
        proc.stop();
        assert!(
            !alive(grandchild),
            "the sleep the shell started is stopped with it"
        );
    }
}
