//! What the logs said when last read, kept so that a long log is not parsed again from its
//! first line at every start: only what was appended since is read line by line.
//!
//! The cache lives in the machine's cache folder, never beside the logs (it is not
//! progress: it is rebuilt from the logs whenever it is missing, stale or damaged, and
//! syncing it would only move megabytes around). Each log is recognised by its name, the
//! length read and a hash of those bytes: a log that was edited, shortened or removed, a
//! card whose new lines fall before its old ones (another device's answers, synced late),
//! or a cache written by another version of recall, and the logs are read in full again.
use std::{
    fs,
    hash::BuildHasher,
    io::Write,
    path::{Path, PathBuf},
};

use chrono::{DateTime, Utc};

use super::{
    history::Answer,
    merge::{self, CardLog, Cards},
};
use crate::{error::Located, grade::Grade};

const MAGIC: &[u8] = b"recall log cache\n";
/// A cache from any other version is not read: what it holds may have been read differently.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// New lines are read from the logs at each start; past this many bytes of them, the cache
/// is written again.
const REWRITE_AFTER: usize = 256 * 1024;

/// One log, as far as it was read.
#[derive(Debug, PartialEq)]
struct Mark {
    name: String,
    /// Bytes read: up to the end of its last complete line.
    read: usize,
    hash: u64,
    /// The problems of the lines read, kept to be reported again.
    problems: Vec<Located>,
}

/// What the logs said.
#[derive(Debug, Default, PartialEq)]
struct Snapshot {
    logs: Vec<Mark>,
    cards: Cards,
}

/// What the logs `texts` (path and text, in the order of their names) say, card by card,
/// and every log's problems; read from the cache at `cache` where it still holds, which is
/// then brought up to date. Reading the logs in full gives the same.
pub fn read(cache: Option<&Path>, texts: &[(String, String)]) -> (Cards, Vec<Located>) {
    read_rewriting(cache, texts, REWRITE_AFTER)
}

fn read_rewriting(
    cache: Option<&Path>,
    texts: &[(String, String)],
    rewrite_after: usize,
) -> (Cards, Vec<Located>) {
    let cached = cache.and_then(load);
    if let Some((cards, problems, appended)) = cached.and_then(|s| catch_up(s, texts)) {
        if appended > rewrite_after
            && let Some(cache) = cache
        {
            save(cache, &snapshot(cards.clone(), texts, &problems));
        }
        return (cards, problems.into_iter().flatten().collect());
    }
    let mut cards = Cards::default();
    let whole: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let problems = merge::add(&mut cards, &whole).expect("nothing to interleave with");
    if let Some(cache) = cache
        && !texts.is_empty()
    {
        save(cache, &snapshot(cards.clone(), texts, &problems));
    }
    (cards, problems.into_iter().flatten().collect())
}

/// The cache brought up to date with what was appended to the logs: the cards, each log's
/// problems and how many bytes were new. `None` if the logs must be read in full.
fn catch_up(
    snapshot: Snapshot,
    texts: &[(String, String)],
) -> Option<(Cards, Vec<Vec<Located>>, usize)> {
    let Snapshot { logs, mut cards } = snapshot;
    let mut known = Vec::new();
    for (path, text) in texts {
        let mark = logs.iter().find(|m| m.name == file_name(path));
        if let Some(mark) = mark
            && (text.len() < mark.read || hash(&text.as_bytes()[..mark.read]) != mark.hash)
        {
            return None;
        }
        known.push(mark);
    }
    if logs
        .iter()
        .any(|m| !texts.iter().any(|(p, _)| file_name(p) == m.name))
    {
        return None;
    }
    let starts: Vec<usize> = known.iter().map(|m| m.map_or(0, |m| m.read)).collect();
    let tails: Vec<(&str, &str)> = texts
        .iter()
        .zip(&starts)
        .map(|((path, text), &start)| Some((path.as_str(), text.get(start..)?)))
        .collect::<Option<_>>()?;
    let mut problems = merge::add(&mut cards, &tails).ok()?;
    for (((path, text), mark), (log, &start)) in texts
        .iter()
        .zip(known)
        .zip(problems.iter_mut().zip(&starts))
    {
        // The tail's problems, numbered from the start of the file.
        let before = if log.is_empty() {
            0
        } else {
            text[..start].matches('\n').count()
        };
        for p in log.iter_mut() {
            p.line += before;
        }
        let old = mark
            .map(|m| m.problems.iter().cloned())
            .into_iter()
            .flatten();
        let mut all: Vec<Located> = old
            .map(|p| Located {
                path: path.clone(),
                ..p
            })
            .collect();
        all.append(log);
        *log = all;
    }
    let appended = tails.iter().map(|(_, tail)| tail.len()).sum();
    Some((cards, problems, appended))
}

/// The snapshot of `cards`, read from `texts` up to the end of each one's last complete line.
fn snapshot(cards: Cards, texts: &[(String, String)], problems: &[Vec<Located>]) -> Snapshot {
    let logs = texts
        .iter()
        .zip(problems)
        .map(|((path, text), problems)| {
            let read = text.rfind('\n').map_or(0, |i| i + 1);
            let lines = text[..read].matches('\n').count();
            Mark {
                name: file_name(path).to_owned(),
                read,
                hash: hash(&text.as_bytes()[..read]),
                // Not the torn last line: it is read again, with what follows it.
                problems: problems
                    .iter()
                    .filter(|p| p.line <= lines)
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    Snapshot { logs, cards }
}

/// Where the cache of the user folder `user_dir` is kept in the cache folder `dir`.
pub fn path_in(dir: &Path, user: &str, user_dir: &Path) -> PathBuf {
    let key = hash(user_dir.as_os_str().as_encoded_bytes());
    dir.join(format!("{user}-{key:016x}.bin"))
}

fn file_name(path: &str) -> &str {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

fn hash(bytes: &[u8]) -> u64 {
    foldhash::quality::FixedState::with_seed(0x7265_6361_6c6c).hash_one(bytes)
}

fn load(path: &Path) -> Option<Snapshot> {
    let bytes = fs::read(path).ok()?;
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if hash(body).to_le_bytes() != sum {
        return None;
    }
    decode(&mut Reader(body))
}

/// Writes the cache whole, or not at all: it is written beside and then renamed over.
/// A cache that cannot be written is no loss.
fn save(path: &Path, snapshot: &Snapshot) {
    let mut bytes = encode(snapshot);
    bytes.extend_from_slice(&hash(&bytes).to_le_bytes());
    let Some(dir) = path.parent() else { return };
    remove_leftovers(path);
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    let written = super::create_private_dir(dir).is_ok()
        && super::private(
            fs::OpenOptions::new()
                .create(true)
                .truncate(true)
                .write(true),
        )
        .open(&temp)
        .and_then(|mut f| f.write_all(&bytes))
        .and_then(|()| fs::rename(&temp, path))
        .is_ok();
    if !written {
        let _ = fs::remove_file(&temp);
    }
}

/// Removes what a process killed while writing the cache at `path` left behind (`<name>.<pid>.tmp`).
fn remove_leftovers(path: &Path) {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem().and_then(|s| s.to_str())) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let pid = name
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|rest| rest.strip_suffix(".tmp"));
        if pid.is_some_and(|pid| pid.bytes().all(|b| b.is_ascii_digit())) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn encode(snapshot: &Snapshot) -> Vec<u8> {
    let answers: usize = snapshot
        .cards
        .values()
        .map(|c| c.answers.as_ref().map_or(0, Vec::len))
        .sum();
    let mut out = Vec::with_capacity(snapshot.cards.len() * 64 + answers * 17);
    out.extend_from_slice(MAGIC);
    put_str(&mut out, VERSION);
    put_len(&mut out, snapshot.logs.len());
    for mark in &snapshot.logs {
        put_str(&mut out, &mark.name);
        put_len(&mut out, mark.read);
        out.extend_from_slice(&mark.hash.to_le_bytes());
        put_len(&mut out, mark.problems.len());
        for p in &mark.problems {
            put_len(&mut out, p.line);
            put_len(&mut out, p.column);
            put_str(&mut out, &p.message);
            for text in [&p.help, &p.snippet] {
                out.push(u8::from(text.is_some()));
                put_str(&mut out, text.as_deref().unwrap_or_default());
            }
        }
    }
    put_len(&mut out, snapshot.cards.len());
    for (card, log) in &snapshot.cards {
        put_str(&mut out, card);
        put_time(&mut out, log.latest);
        out.push(u8::from(log.suspended) | u8::from(log.answers.is_some()) << 1);
        let answers = log.answers.as_deref().unwrap_or_default();
        put_len(&mut out, answers.len());
        for a in answers {
            put_time(&mut out, a.at);
            out.push(a.grade.as_u8());
            out.extend_from_slice(&a.seconds.to_le_bytes());
        }
    }
    out
}

fn decode(r: &mut Reader<'_>) -> Option<Snapshot> {
    if r.take(MAGIC.len())? != MAGIC || r.str()? != VERSION {
        return None;
    }
    let mut logs = Vec::new();
    for _ in 0..r.len()? {
        let name = r.str()?.to_owned();
        let read = r.len()?;
        let hash = r.u64()?;
        let mut problems = Vec::new();
        for _ in 0..r.len()? {
            let (line, column, message) = (r.len()?, r.len()?, r.str()?.to_owned());
            let mut text = || -> Option<Option<String>> {
                let some = r.take(1)?[0] != 0;
                let text = r.str()?;
                Some(some.then(|| text.to_owned()))
            };
            let (help, snippet) = (text()?, text()?);
            problems.push(Located {
                path: String::new(),
                line,
                column,
                message,
                help,
                snippet,
            });
        }
        logs.push(Mark {
            name,
            read,
            hash,
            problems,
        });
    }
    let count = r.len()?;
    let mut cards = Cards::default();
    cards.reserve(count.min(r.0.len()));
    for _ in 0..count {
        let card = r.str()?.to_owned();
        let latest = r.time()?;
        let flags = r.take(1)?[0];
        let n = r.len()?;
        let mut answers = Vec::with_capacity(n.min(r.0.len() / 17));
        for _ in 0..n {
            let at = r.time()?;
            let grade = *Grade::ALL.get(usize::from(r.take(1)?[0]).checked_sub(1)?)?;
            let seconds = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
            answers.push(Answer { at, grade, seconds });
        }
        let log = CardLog {
            answers: (flags & 2 != 0).then_some(answers),
            suspended: flags & 1 != 0,
            latest,
        };
        cards.insert(card, log);
    }
    r.0.is_empty().then_some(Snapshot { logs, cards })
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_time(out: &mut Vec<u8>, t: DateTime<Utc>) {
    out.extend_from_slice(&t.timestamp().to_le_bytes());
    out.extend_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn time(&mut self) -> Option<DateTime<Utc>> {
        let secs = i64::from_le_bytes(self.take(8)?.try_into().ok()?);
        let nanos = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        DateTime::from_timestamp(secs, nanos)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::progress::merge::tests::logs;

    /// What happens to a folder of logs between two reads.
    #[derive(Clone, Debug)]
    enum Change {
        /// Log `n` gets the lines of a generated log (appended at the end).
        Append(usize, usize),
        /// A line cut short, or a line that is not one.
        Torn(usize),
        Garbage(usize),
        /// The bytes of log `n` are changed in place (the same length), or it is shortened.
        Edit(usize),
        Truncate(usize),
        Remove(usize),
        /// The cache itself is damaged.
        DamageCache,
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            6 => (0..3usize, 0..3usize).prop_map(|(n, from)| Change::Append(n, from)),
            1 => (0..3usize).prop_map(Change::Torn),
            1 => (0..3usize).prop_map(Change::Garbage),
            1 => (0..3usize).prop_map(Change::Edit),
            1 => (0..3usize).prop_map(Change::Truncate),
            1 => (0..3usize).prop_map(Change::Remove),
            1 => Just(Change::DamageCache),
        ]
    }

    fn apply(
        change: &Change,
        logs: &mut [Option<String>],
        source: &[(String, String)],
        cache: &Path,
    ) {
        match *change {
            Change::Append(n, from) => {
                logs[n].get_or_insert_default().push_str(&source[from].1);
            }
            Change::Torn(n) => logs[n].get_or_insert_default().push_str("2026-11-21T10:0"),
            Change::Garbage(n) => logs[n].get_or_insert_default().push_str("garbage\n"),
            Change::Edit(n) => {
                if let Some(log) = &mut logs[n] {
                    *log = log.replacen("good", "easy", 1);
                }
            }
            Change::Truncate(n) => {
                if let Some(log) = &mut logs[n] {
                    log.truncate(log.len() / 2);
                    while !log.is_char_boundary(log.len()) {
                        log.pop();
                    }
                }
            }
            Change::Remove(n) => logs[n] = None,
            Change::DamageCache => {
                if let Ok(mut bytes) = fs::read(cache) {
                    let middle = bytes.len() / 2;
                    bytes[middle] ^= 1;
                    fs::write(cache, bytes).unwrap();
                }
            }
        }
    }

    proptest! {
        /// Whatever happens to the logs between runs, reading them with the cache gives what
        /// reading them in full gives: the same cards and the same problems, line for line.
        #[test]
        fn the_cache_never_changes_what_the_logs_say(
            source in logs(),
            changes in proptest::collection::vec(change(), 1..12),
            rewrite_after in prop_oneof![Just(0usize), Just(usize::MAX)],
        ) {
            let dir = tempfile::tempdir().unwrap();
            let cache = dir.path().join("cache.bin");
            let mut logs: Vec<Option<String>> = vec![None; 3];
            for change in &changes {
                apply(change, &mut logs, &source, &cache);
                let texts: Vec<(String, String)> = logs
                    .iter()
                    .enumerate()
                    .filter_map(|(i, log)| Some((format!("/u/log-{i}.tsv"), log.clone()?)))
                    .collect();
                let full = read_rewriting(None, &texts, rewrite_after);
                let cached = read_rewriting(Some(&cache), &texts, rewrite_after);
                prop_assert_eq!(&cached.0, &full.0, "after {:?}", change);
                prop_assert_eq!(&cached.1, &full.1, "after {:?}", change);
            }
        }
    }

    #[test]
    fn a_snapshot_round_trips_through_its_bytes() {
        let texts = vec![(
            "/u/log-a.tsv".to_owned(),
            "2026-11-21T10:00:00.000+09:00\tfact/when\tgood\t1.5\t1953\ngarbage\n\
             2026-11-21T10:01:00.000Z\tfact/who\tsuspend\t0.0\t\n2026-11-21T10:0"
                .to_owned(),
        )];
        let mut cards = Cards::default();
        let pairs = [("/u/log-a.tsv", texts[0].1.as_str())];
        let problems = merge::add(&mut cards, &pairs).unwrap();
        assert_eq!(problems[0].len(), 2, "{problems:?}");
        let snapshot = snapshot(cards, &texts, &problems);
        assert_eq!(
            snapshot.logs[0].problems.len(),
            1,
            "the torn line is read again"
        );
        let mut bytes = encode(&snapshot);
        let mut back = decode(&mut Reader(&bytes)).unwrap();
        for p in &mut back.logs[0].problems {
            p.path = "/u/log-a.tsv".into();
        }
        assert_eq!(back, snapshot);
        bytes.push(0);
        assert!(decode(&mut Reader(&bytes)).is_none(), "trailing bytes");
    }
}
