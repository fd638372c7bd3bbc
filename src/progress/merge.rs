//! Several devices' logs read as one.
//!
//! A synced copy of another device's log (or a sync tool's conflicted copy) holds
//! answers already counted: a line counts as many times as the one log that holds
//! it most often, so copies add nothing while repeats within a log all count.
use std::{collections::HashMap, ops::Range};

use chrono::{DateTime, Utc};

use super::{
    history::{Answer, History},
    log::{self, Entry, Line},
};
use crate::error::Located;

/// Each log's path and text, in the order of their names.
pub type Texts<'a> = [(&'a str, &'a str)];

/// Every line of every log, oldest first, and the lines that could not be read.
pub fn lines_in_order<'a>(texts: &Texts<'a>) -> (Vec<Line<'a>>, Vec<Located>) {
    let (parsed, problems) = parse(texts, |lines| lines);
    let mut tagged: Vec<(Line<'_>, usize)> = parsed
        .into_iter()
        .enumerate()
        .flat_map(|(file, lines)| lines.into_iter().map(move |line| (line, file)))
        .collect();
    let mut lines = Vec::with_capacity(tagged.len());
    in_order(&mut tagged, &mut lines);
    (lines, problems.into_iter().flatten().collect())
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
    fn apply(&mut self, line: &Line<'_>) {
        let at = line.utc();
        self.latest = self.latest.max(at);
        match line.entry {
            Entry::Answer(grade) => self.answers.get_or_insert_with(Vec::new).push(Answer {
                at,
                grade,
                seconds: line.seconds,
            }),
            Entry::Undo => {
                self.answers.as_mut().and_then(Vec::pop);
            }
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
        let (mut tagged, mut lines) = (Vec::new(), Vec::new());
        part.iter()
            .map(|(card, parts)| {
                tagged.clear();
                for &(file, local) in parts {
                    let log = &logs[file];
                    let order = log.order[log.ranges[local].clone()].iter();
                    tagged.extend(order.map(|&i| (log.lines[i as usize], file)));
                }
                lines.clear();
                in_order(&mut tagged, &mut lines);
                let mut merged = match base.get(*card) {
                    Some(old) if lines.first().is_some_and(|l| l.utc() <= old.latest) => {
                        return Err(Interleaved);
                    }
                    Some(old) => old.clone(),
                    None => CardLog {
                        answers: None,
                        suspended: false,
                        latest: DateTime::<Utc>::MIN_UTC,
                    },
                };
                for line in &lines {
                    merged.apply(line);
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
/// order of their names) oldest first, leaving out copies from other logs.
fn in_order<'a>(tagged: &mut [(Line<'a>, usize)], out: &mut Vec<Line<'a>>) {
    // Stable: answers given at one instant keep their order, and logs their order by name.
    if !tagged.is_sorted_by_key(|(line, _)| line.utc()) {
        tagged.sort_by_key(|(line, _)| line.utc());
    }
    for run in tagged.chunk_by(|(a, _), (b, _)| a.at == b.at) {
        if run.iter().all(|(_, file)| *file == run[0].1) {
            out.extend(run.iter().map(|(line, _)| *line));
        } else {
            let keep = counted_once(run);
            out.extend(
                run.iter()
                    .zip(keep)
                    .filter_map(|((line, _), k)| k.then_some(*line)),
            );
        }
    }
}

/// The lines of one instant found in several logs: a line counts as often as the one log
/// that holds it most often. Says for each line of the run whether it counts.
fn counted_once(run: &[(Line<'_>, usize)]) -> Vec<bool> {
    let mut per_file: HashMap<(LineKey<'_>, usize), usize> = HashMap::new();
    for (line, file) in run {
        *per_file.entry((LineKey::of(line), *file)).or_default() += 1;
    }
    let mut best: HashMap<LineKey<'_>, (usize, usize)> = HashMap::new();
    for (&(key, file), &n) in &per_file {
        let b = best.entry(key).or_insert((n, file));
        if n > b.0 || (n == b.0 && file < b.1) {
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
        let line = (0..3usize, 0..3u8, 0..5u32, 0..7u8, 0..2u8, 0..4usize);
        proptest::collection::vec(line, 0..40).prop_map(|lines| {
            let mut texts = vec![String::new(); 3];
            for (file, card, minute, entry, typed, copy) in lines {
                let at =
                    DateTime::parse_from_rfc3339(&format!("2026-11-21T10:0{minute}:00Z")).unwrap();
                let card = format!("fact-{card}/when");
                let entry = match entry {
                    0..=3 => Entry::Answer(Grade::ALL[usize::from(entry)]),
                    4 => Entry::Undo,
                    5 => Entry::Suspend,
                    _ => Entry::Unsuspend,
                };
                let mut record = Record::mark(at, &card, entry);
                record.typed = ["", "1953"][usize::from(typed)].to_owned();
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
}
