//! Several devices' logs read as one.
//!
//! A synced copy of another device's log (or a sync tool's conflicted copy) holds
//! answers already counted: a line counts as many times as the one log that holds
//! it most often, so copies add nothing while repeats within a log all count.
//!
//! An undo takes back the answer it names, found by its time in the log of the device it
//! names (or, for a copy, in the undo's own log); an undo that names none takes back the
//! card's last answer in its own log. So no undo ever takes back another device's answer.
use std::{collections::HashMap, ops::Range};

use chrono::{DateTime, Utc};

use super::{
    history::{Answer, History},
    log::{self, Entry, Line},
};
use crate::error::Located;

/// Each log's path and text, in the order of their names.
pub type Texts<'a> = [(&'a str, &'a str)];

/// The device a log belongs to, as its name says.
#[derive(Clone, Copy, Debug)]
struct Source<'a> {
    /// The file name between `log-` and `.tsv`.
    device: &'a str,
    /// Whether that is the name recall gives the device's log; not, for example, a sync
    /// tool's conflicted copy (`log-laptop (conflicted copy).tsv`).
    own: bool,
}

fn sources<'a>(texts: &Texts<'a>) -> Vec<Source<'a>> {
    texts
        .iter()
        .map(|(path, _)| {
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            let device = name
                .strip_prefix("log-")
                .and_then(|n| n.strip_suffix(".tsv"))
                .unwrap_or(name);
            Source {
                device,
                own: super::is_device_name(device),
            }
        })
        .collect()
}

/// Every line of every log that stands, oldest first, and the lines that could not be read.
/// Undone answers and the undos themselves are left out.
pub fn lines_in_order<'a>(texts: &Texts<'a>) -> (Vec<Line<'a>>, Vec<Located>) {
    let sources = sources(texts);
    let (parsed, problems) = parse(texts, |lines| lines);
    let mut tagged: Vec<(Line<'_>, usize)> = parsed
        .into_iter()
        .enumerate()
        .flat_map(|(file, lines)| lines.into_iter().map(move |line| (line, file)))
        .collect();
    let (mut lines, mut copies) = (Vec::with_capacity(tagged.len()), Vec::new());
    in_order(&mut tagged, &sources, &mut lines, &mut copies);
    let mut by_card: foldhash::HashMap<&str, Vec<usize>> = Default::default();
    for (i, (line, _)) in lines.iter().enumerate() {
        by_card.entry(line.card).or_default().push(i);
    }
    let mut stands = vec![false; lines.len()];
    for of_card in by_card.values() {
        take_back(
            &lines,
            of_card.iter().copied(),
            &sources,
            &copies,
            &mut stands,
        );
    }
    let lines = lines
        .into_iter()
        .zip(stands)
        .filter_map(|((line, _), stands)| stands.then_some(line))
        .collect();
    (lines, problems.into_iter().flatten().collect())
}

/// Marks in `stands` which of the lines `of_card` (indexes of `lines`, one card's, oldest
/// first) stand: every line but undos and the answers they take back. Says whether every
/// undo found the answer it takes back.
///
/// A line is in the log that counts it and in those of its `copies` (see [`in_order`]): an
/// undo finds its device's answer in any of them, so a stale copy that reads as another
/// device's log (OneDrive's `log-laptop-DESKTOP.tsv`) never keeps an undone answer.
fn take_back(
    lines: &[(Line<'_>, usize)],
    of_card: impl Iterator<Item = usize>,
    sources: &[Source<'_>],
    copies: &[(usize, usize)],
    stands: &mut [bool],
) -> bool {
    let files = |j: usize| {
        let from = copies.partition_point(|&(i, _)| i < j);
        std::iter::once(lines[j].1).chain(
            copies[from..]
                .iter()
                .take_while(move |&&(i, _)| i == j)
                .map(|&(_, file)| file),
        )
    };
    let held_by = |j: usize, device: &str| files(j).any(|f| sources[f].device == device);
    let mut answers: Vec<usize> = Vec::new();
    let mut found_all = true;
    for i in of_card {
        let (line, _) = &lines[i];
        if line.entry != Entry::Undo {
            stands[i] = true;
            if matches!(line.entry, Entry::Answer(_)) {
                answers.push(i);
            }
            continue;
        }
        let undone = match line.undoes() {
            Some((at, named)) => {
                let at_time = |j: usize| lines[j].0.utc() == at;
                answers
                    .iter()
                    .rposition(|&j| at_time(j) && held_by(j, named))
                    .or_else(|| {
                        answers.iter().rposition(|&j| {
                            at_time(j) && files(i).any(|f| files(j).any(|g| g == f))
                        })
                    })
            }
            None => answers
                .iter()
                .rposition(|&j| files(i).any(|f| held_by(j, sources[f].device))),
        };
        match undone {
            Some(k) => stands[answers.remove(k)] = false,
            None => found_all = false,
        }
    }
    found_all
}

/// What the logs say about one card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardLog {
    /// The answers that stand (none if it was never answered, as [`History::new`] has it).
    pub answers: Option<Vec<Answer>>,
    pub suspended: bool,
    /// The time of the card's latest line, of any kind.
    pub latest: DateTime<Utc>,
}

impl CardLog {
    /// Applies a line that stands (see [`take_back`]).
    fn apply(&mut self, line: &Line<'_>) {
        let at = line.utc();
        self.latest = self.latest.max(at);
        match line.entry {
            Entry::Answer(grade) => self.answers.get_or_insert_with(Vec::new).push(Answer {
                at,
                grade,
                seconds: line.seconds,
            }),
            Entry::Undo => {}
            Entry::Suspend => self.suspended = true,
            Entry::Unsuspend => self.suspended = false,
        }
    }
}

/// Every card's [`CardLog`].
pub type Cards = foldhash::HashMap<String, CardLog>;

pub fn into_history(cards: Cards) -> History {
    let mut history = History::default();
    for (card, log) in cards {
        if log.suspended {
            history.suspend(card.clone());
        }
        if let Some(answers) = log.answers {
            history.insert(card, answers);
        }
    }
    history
}

/// A card has lines in the logs' new parts that are not later than all it had before: its
/// history must be read again from the start.
#[derive(Debug)]
pub struct Interleaved;

/// Adds to `cards` what `texts` say, card by card, and gives each log's problems.
///
/// The same as [`History::new`] of [`lines_in_order`], but without ordering a million lines
/// as one: each log's lines are grouped by card as they are read, and then each card's
/// lines are merged on their own. Every line's effect is on its own card, and so is the
/// counting of copies, so the outcome is the same; and the work is shared among the cores.
///
/// `texts` may be what was added to logs already read into `cards`, provided that each card's
/// new lines all come after its old ones; if not, nothing is added and the error says so.
pub fn add(cards: &mut Cards, texts: &Texts) -> Result<Vec<Vec<Located>>, Interleaved> {
    let sources = sources(texts);
    let (logs, problems) = parse(texts, ByCard::new);
    let mut parts: foldhash::HashMap<&str, Vec<(usize, usize)>> = Default::default();
    for (file, log) in logs.iter().enumerate() {
        for (&card, &local) in &log.cards {
            parts.entry(card).or_default().push((file, local));
        }
    }
    let parts: Vec<(&str, Vec<(usize, usize)>)> = parts.into_iter().collect();
    let base = &*cards;
    let merge_part = |part: &[(&str, Vec<(usize, usize)>)]| {
        let (mut tagged, mut lines, mut stands) = (Vec::new(), Vec::new(), Vec::new());
        let mut copies = Vec::new();
        part.iter()
            .map(|(card, parts)| {
                tagged.clear();
                for &(file, local) in parts {
                    let log = &logs[file];
                    let order = log.order[log.ranges[local].clone()].iter();
                    tagged.extend(order.map(|&i| (log.lines[i as usize], file)));
                }
                lines.clear();
                copies.clear();
                in_order(&mut tagged, &sources, &mut lines, &mut copies);
                stands.clear();
                stands.resize(lines.len(), false);
                let found_all = take_back(&lines, 0..lines.len(), &sources, &copies, &mut stands);
                let mut merged = match base.get(*card) {
                    // An undo of an answer read before: only the whole logs say which it is.
                    Some(old)
                        if !found_all
                            || lines.first().is_some_and(|(l, _)| l.utc() <= old.latest) =>
                    {
                        return Err(Interleaved);
                    }
                    Some(old) => old.clone(),
                    None => CardLog {
                        answers: None,
                        suspended: false,
                        latest: DateTime::<Utc>::MIN_UTC,
                    },
                };
                for ((line, _), _) in lines.iter().zip(&stands).filter(|(_, s)| **s) {
                    merged.apply(line);
                }
                if let Some((last, _)) = lines.last() {
                    merged.latest = merged.latest.max(last.utc());
                }
                Ok(((*card).to_owned(), merged))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let merged = in_parallel(&parts, merge_part)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    cards.extend(merged.into_iter().flatten());
    Ok(problems)
}

/// Parses each log in a thread of its own (parsing is most of the reading), then `then`
/// makes of its lines what the caller needs, still in that thread. Gives each log's problems.
fn parse<'a, T: Send>(
    texts: &Texts<'a>,
    then: impl Fn(Vec<Line<'a>>) -> T + Sync,
) -> (Vec<T>, Vec<Vec<Located>>) {
    let then = &then;
    std::thread::scope(|scope| {
        let threads: Vec<_> = texts
            .iter()
            .map(|&(path, text)| {
                scope.spawn(move || {
                    let (lines, problems) = log::parse_lines(path, text);
                    (then(lines), problems)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .unzip()
    })
}

/// Splits `items` among the cores.
fn in_parallel<I: Sync, T: Send>(items: &[I], f: impl Fn(&[I]) -> T + Sync) -> Vec<T> {
    const ALONE: usize = 2_000;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads == 1 || items.len() < ALONE {
        return vec![f(items)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        parts
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// One log's lines, with each card's lines in the order of the file.
struct ByCard<'a> {
    lines: Vec<Line<'a>>,
    /// Each card's number: its part of `order` is `ranges[number]`.
    cards: foldhash::HashMap<&'a str, usize>,
    ranges: Vec<Range<usize>>,
    /// Indexes of `lines`, card by card.
    order: Vec<u32>,
}

impl<'a> ByCard<'a> {
    fn new(lines: Vec<Line<'a>>) -> Self {
        let mut cards: foldhash::HashMap<&str, usize> = Default::default();
        let mut counts: Vec<usize> = Vec::new();
        let numbers: Vec<usize> = lines
            .iter()
            .map(|line| {
                let next = cards.len();
                let n = *cards.entry(line.card).or_insert(next);
                if n == counts.len() {
                    counts.push(0);
                }
                counts[n] += 1;
                n
            })
            .collect();
        let mut ranges = Vec::with_capacity(counts.len());
        let mut start = 0;
        for count in counts {
            ranges.push(start..start + count);
            start += count;
        }
        let mut next: Vec<usize> = ranges.iter().map(|r| r.start).collect();
        let mut order = vec![0u32; lines.len()];
        for (i, n) in numbers.into_iter().enumerate() {
            order[next[n]] = i as u32;
            next[n] += 1;
        }
        Self {
            lines,
            cards,
            ranges,
            order,
        }
    }
}

/// Appends to `out` the lines of `tagged` (each with the number of its log, the logs in the
/// order of their names) oldest first, leaving out copies from other logs; and to `copies`,
/// for each line left out, the index in `out` of the line it copies and its own log, in
/// the order of `out`.
fn in_order<'a>(
    tagged: &mut [(Line<'a>, usize)],
    sources: &[Source<'_>],
    out: &mut Vec<(Line<'a>, usize)>,
    copies: &mut Vec<(usize, usize)>,
) {
    // Stable: answers given at one instant keep their order, and logs their order by name.
    if !tagged.is_sorted_by_key(|(line, _)| line.utc()) {
        tagged.sort_by_key(|(line, _)| line.utc());
    }
    for run in tagged.chunk_by(|(a, _), (b, _)| a.at == b.at) {
        if run.iter().all(|(_, file)| *file == run[0].1) {
            out.extend(run.iter().copied());
        } else {
            let keep = counted_once(run, sources);
            let start = out.len();
            out.extend(
                run.iter()
                    .zip(&keep)
                    .filter_map(|(line, k)| k.then_some(*line)),
            );
            // The n-th copy of a line in a log is a copy of the n-th line alike counted.
            let from = copies.len();
            let mut nth: HashMap<(LineKey<'_>, usize), usize> = HashMap::new();
            for ((line, file), _) in run.iter().zip(&keep).filter(|(_, k)| !**k) {
                let key = LineKey::of(line);
                let n = nth.entry((key, *file)).or_default();
                if let Some(i) = (start..out.len())
                    .filter(|&i| LineKey::of(&out[i].0) == key)
                    .nth(*n)
                {
                    copies.push((i, *file));
                }
                *n += 1;
            }
            copies[from..].sort_unstable();
        }
    }
}

/// The lines of one instant found in several logs: a line counts as often as the one log
/// that holds it most often (a device's own log before a copy, so that its undos find it
/// there, and its lines of one instant keep their order). Says for each line of the run whether it counts.
fn counted_once(run: &[(Line<'_>, usize)], sources: &[Source<'_>]) -> Vec<bool> {
    let mut per_file: HashMap<(LineKey<'_>, usize), usize> = HashMap::new();
    for (line, file) in run {
        *per_file.entry((LineKey::of(line), *file)).or_default() += 1;
    }
    let mut best: HashMap<LineKey<'_>, (usize, usize)> = HashMap::new();
    for (&(key, file), &n) in &per_file {
        let b = best.entry(key).or_insert((n, file));
        // Then the shorter of two device names, one the other's beginning: OneDrive names a
        // conflicted copy after the computer (`log-laptop-DESKTOP.tsv`, before `log-laptop.tsv`).
        let rank = |n: usize, file: usize| {
            let source = sources[file];
            let (device, file) = (std::cmp::Reverse(source.device), std::cmp::Reverse(file));
            (n, source.own, device, file)
        };
        if rank(n, file) > rank(b.0, b.1) {
            *b = (n, file);
        }
    }
    run.iter()
        .map(|(line, file)| best[&LineKey::of(line)].1 == *file)
        .collect()
}

/// What makes two log lines the same line: every field as read (what was typed as written,
/// escapes and all, which recall writes one way only).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct LineKey<'a>(i64, u32, i32, &'a str, Entry, u32, &'a str);

impl<'a> LineKey<'a> {
    fn of(line: &Line<'a>) -> Self {
        LineKey(
            line.at.timestamp(),
            line.at.timestamp_subsec_nanos(),
            line.at.offset().local_minus_utc(),
            line.card,
            line.entry,
            line.seconds.to_bits(),
            line.typed,
        )
    }
}

#[cfg(test)]
pub(super) mod tests {
    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;
    use crate::{grade::Grade, progress::Record};

    fn history(texts: &[(String, String)]) -> History {
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let mut cards = Cards::default();
        add(&mut cards, &texts).unwrap();
        into_history(cards)
    }

    /// Lines of a few cards at a few instants, in up to three logs, some copied from one log
    /// into another: what syncing devices produce, collisions and all.
    pub fn logs() -> impl Strategy<Value = Vec<(String, String)>> {
        let line = (0..3usize, 0..3u8, 0..5u32, 0..8u8, 0..2u8, 0..4usize);
        proptest::collection::vec(line, 0..40).prop_map(|lines| {
            let mut texts = vec![String::new(); 3];
            for (file, card, minute, entry, typed, copy) in lines {
                let at =
                    DateTime::parse_from_rfc3339(&format!("2026-11-21T10:0{minute}:00Z")).unwrap();
                let card = format!("fact-{card}/when");
                let entry = match entry {
                    0..=3 => Entry::Answer(Grade::ALL[usize::from(entry)]),
                    4 | 7 => Entry::Undo,
                    5 => Entry::Suspend,
                    _ => Entry::Unsuspend,
                };
                let mut record = Record::mark(at, &card, entry);
                record.typed = ["", "1953"][usize::from(typed)].to_owned();
                if entry == Entry::Undo {
                    record.typed.clear();
                }
                if entry_is_named_undo(entry, typed) {
                    // An undo naming an answer of a minute before, on this log's device or another.
                    let undone = at - chrono::Duration::minutes(i64::from(typed));
                    let device = (file + usize::from(card.len() % 2 == 0)) % 3;
                    record = Record::undo(at, &card, undone.to_utc(), &device.to_string());
                }
                texts[file].push_str(&record.to_line());
                if copy < 3 && copy != file {
                    texts[copy].push_str(&record.to_line());
                }
            }
            texts
                .into_iter()
                .enumerate()
                .map(|(i, text)| (format!("log-{i}.tsv"), text))
                .collect()
        })
    }

    fn entry_is_named_undo(entry: Entry, typed: u8) -> bool {
        entry == Entry::Undo && typed == 1
    }

    proptest! {
        #[test]
        fn card_by_card_is_the_same_as_all_lines_in_order(texts in logs()) {
            let pairs: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
            let (lines, _) = lines_in_order(&pairs);
            let expected = History::new(lines.into_iter().map(Line::to_record));
            prop_assert_eq!(history(&texts), expected);
        }
    }

    #[test]
    fn a_copy_in_another_log_counts_once_and_repeats_within_a_log_all_count() {
        let line = "2026-11-21T10:00:00.000Z\tfact/when\tgood\t1.0\t1953\n";
        let texts = [
            ("log-a.tsv".to_owned(), format!("{line}{line}")),
            ("log-b.tsv".to_owned(), line.to_owned()),
        ];
        let pairs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        assert_eq!(lines_in_order(&pairs).0.len(), 2);
        assert_eq!(history(&texts).answers("fact/when").len(), 2);
    }

    fn texts(logs: &[(&str, String)]) -> Vec<(String, String)> {
        logs.iter()
            .map(|(name, text)| (format!("/u/{name}"), text.clone()))
            .collect()
    }

    fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn line(time: &str, grade: Grade) -> String {
        Record::answer(at(time), "fact/when", grade, 1.0, "").to_line()
    }

    /// Issue 19's case: the laptop's undo at 10:00:30 took back the phone's `easy` of 10:00:10.
    #[test]
    fn an_undo_never_takes_back_another_devices_answer() {
        for named in [true, false] {
            let undo = if named {
                Record::undo(
                    at("2026-11-21T10:00:30Z"),
                    "fact/when",
                    at("2026-11-21T10:00:00Z").to_utc(),
                    "laptop",
                )
            } else {
                Record::mark(at("2026-11-21T10:00:30Z"), "fact/when", Entry::Undo)
            };
            let laptop = format!(
                "{}{}{}",
                line("2026-11-21T10:00:00Z", Grade::Again),
                undo.to_line(),
                line("2026-11-21T10:00:31Z", Grade::Good)
            );
            let phone = line("2026-11-21T10:00:10Z", Grade::Easy);
            let texts = texts(&[("log-laptop.tsv", laptop), ("log-phone.tsv", phone)]);
            let grades: Vec<Grade> = history(&texts)
                .answers("fact/when")
                .iter()
                .map(|a| a.grade)
                .collect();
            assert_eq!(grades, [Grade::Easy, Grade::Good], "named: {named}");
        }
    }

    /// OneDrive names a conflicted copy after the computer (`log-laptop-DESKTOP.tsv`), which
    /// reads as a device's log, and sorts before the laptop's: a stale copy holding the answer
    /// but not its undo must not bring the answer back.
    #[test]
    fn a_stale_copy_named_like_a_device_never_brings_back_an_undone_answer() {
        for named in [true, false] {
            let undo = if named {
                Record::undo(
                    at("2026-11-21T10:00:30Z"),
                    "fact/when",
                    at("2026-11-21T10:00:00Z").to_utc(),
                    "laptop",
                )
            } else {
                Record::mark(at("2026-11-21T10:00:30Z"), "fact/when", Entry::Undo)
            };
            let again = line("2026-11-21T10:00:00Z", Grade::Again);
            let good = line("2026-11-21T10:00:31Z", Grade::Good);
            for copy in ["log-laptop-DESKTOP.tsv", "log-laptop-zz.tsv"] {
                // The copy as it was before the undo, and as it was after it.
                for stale in [again.clone(), format!("{again}{}", undo.to_line())] {
                    let mut texts = texts(&[
                        ("log-laptop.tsv", format!("{again}{}{good}", undo.to_line())),
                        (copy, stale),
                    ]);
                    // As the folder lists them.
                    texts.sort();
                    let grades: Vec<Grade> = history(&texts)
                        .answers("fact/when")
                        .iter()
                        .map(|a| a.grade)
                        .collect();
                    assert_eq!(grades, [Grade::Good], "named: {named}, {texts:?}");
                    let pairs: Vec<(&str, &str)> = texts
                        .iter()
                        .map(|(p, t)| (p.as_str(), t.as_str()))
                        .collect();
                    assert_eq!(lines_in_order(&pairs).0.len(), 1, "{texts:?}");
                }
            }
        }
    }

    /// Two devices answering at the same instant (a fixed clock): each undo finds its own.
    #[test]
    fn an_undo_finds_its_devices_answer_among_answers_of_the_same_instant() {
        let t = "2026-11-21T10:00:00Z";
        let undo = Record::undo(at(t), "fact/when", at(t).to_utc(), "phone").to_line();
        for (laptop, phone) in [("a", "b"), ("z", "b")] {
            let texts = texts(&[
                (&format!("log-{laptop}.tsv"), line(t, Grade::Again)),
                ("log-phone.tsv", format!("{}{undo}", line(t, Grade::Easy))),
            ]);
            let _ = phone;
            let grades: Vec<Grade> = history(&texts)
                .answers("fact/when")
                .iter()
                .map(|a| a.grade)
                .collect();
            assert_eq!(grades, [Grade::Again]);
        }
    }

    /// One device's session: answers, and undos of its own latest answer to a card, either
    /// naming it (as recall writes them now) or not (as older versions did).
    #[derive(Clone, Debug)]
    enum Step {
        Answer { card: u8, grade: u8 },
        Undo { card: u8, named: bool },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..3u8, 0..4u8).prop_map(|(card, grade)| Step::Answer { card, grade }),
            1 => (0..3u8, any::<bool>()).prop_map(|(card, named)| Step::Undo { card, named }),
        ]
    }

    type Standing = Vec<(String, i64, u8, u32)>;

    /// Each device's log, the answers that stand in it by its own account, and copies.
    fn devices() -> impl Strategy<Value = (Vec<(String, String)>, Standing)> {
        let device = proptest::collection::vec((step(), 0..3i64), 0..25);
        let copies = proptest::collection::vec((0..3usize, 0..30usize, any::<bool>()), 0..3);
        (proptest::collection::vec(device, 1..4), copies).prop_map(|(devices, copies)| {
            let names = ["laptop", "phone", "a b"];
            let mut logs = Vec::new();
            let mut standing = Vec::new();
            for (d, steps) in devices.iter().enumerate() {
                let device = crate::progress::device_file_name(names[d]);
                let (mut text, mut lines) = (String::new(), Vec::new());
                let mut own: Vec<(String, DateTime<Utc>, Grade)> = Vec::new();
                let mut minute: i64 = 0;
                for (step, later) in steps {
                    // Each device's clock only moves forward; the devices' clocks often agree.
                    minute += later * 1000;
                    if matches!(step, Step::Undo { named: false, .. }) {
                        // Old undos of two devices at one millisecond would be the same line,
                        // taken for a copy: real clocks never agree so well.
                        minute += (d as i64 + 1 - minute % 4).rem_euclid(4);
                    }
                    let t = at("2026-11-21T10:00:00Z") + chrono::Duration::milliseconds(minute);
                    let record = match *step {
                        Step::Answer { card, grade } => {
                            let card = format!("fact-{card}/when");
                            let grade = Grade::ALL[usize::from(grade)];
                            own.push((card.clone(), t.to_utc(), grade));
                            // Seconds tell the devices' answers apart, as real durations do.
                            Record::answer(t, &card, grade, d as f32 + 1.0, "")
                        }
                        Step::Undo { card, named } => {
                            let card = format!("fact-{card}/when");
                            let Some(k) = own.iter().rposition(|(c, _, _)| *c == card) else {
                                continue;
                            };
                            let (_, undone, _) = own.remove(k);
                            if named {
                                Record::undo(t, &card, undone, &device)
                            } else {
                                Record::mark(t, &card, Entry::Undo)
                            }
                        }
                    };
                    lines.push(record.to_line());
                    text.push_str(lines.last().unwrap());
                }
                for (card, t, grade) in own {
                    standing.push((card, t.timestamp_millis(), grade.as_u8(), d as u32 + 1));
                }
                logs.push((format!("log-{device}.tsv"), text, lines));
            }
            let mut texts: Vec<(String, String)> = logs
                .iter()
                .map(|(name, text, _)| (format!("/u/{name}"), text.clone()))
                .collect();
            // A sync tool's copies of a log, whole or as it was earlier.
            // OneDrive names one after the computer, like a device's log (`log-laptop-PC0.tsv`).
            for (i, (d, keep, like_a_device)) in copies.into_iter().enumerate() {
                if let Some((name, _, lines)) = logs.get(d) {
                    let stem = name.trim_end_matches(".tsv");
                    let copy: String = lines.iter().take(keep).cloned().collect();
                    let name = if like_a_device {
                        format!("/u/{stem}-PC{i}.tsv")
                    } else {
                        format!("/u/{stem} (conflicted copy {i}).tsv")
                    };
                    texts.push((name, copy));
                }
            }
            texts.sort();
            standing.sort();
            (texts, standing)
        })
    }

    fn answers(history: &History) -> Standing {
        let mut all: Standing = history
            .cards()
            .flat_map(|(card, answers)| {
                answers.iter().map(move |a| {
                    (
                        card.to_owned(),
                        a.at.timestamp_millis(),
                        a.grade.as_u8(),
                        a.seconds as u32,
                    )
                })
            })
            .collect();
        all.sort();
        all
    }

    proptest! {
        /// Merging loses no answer that its own device did not take back, and keeps none that
        /// it did, whatever the other devices did at the same moments and whatever copies lie about.
        #[test]
        fn merging_never_loses_an_answer_not_undone_on_its_own_device((texts, standing) in devices()) {
            prop_assert_eq!(&answers(&history(&texts)), &standing);
            let pairs: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
            let (lines, _) = lines_in_order(&pairs);
            prop_assert_eq!(&answers(&History::new(lines.into_iter().map(Line::to_record))), &standing);
        }
    }
}
