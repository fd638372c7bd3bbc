//! The same fact found twice (by name, by most of its words, by who did what to whom, or as one
//! death told twice) is merged into the more precise one.
use std::collections::BTreeSet;

use super::*;

/// Lowercase words, plurals cut, `the` dropped: `Exchanges` and `Exchange` are one name.
pub(super) fn name_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() > 3 => stem.to_owned(),
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const STOP_WORDS: [&str; 24] = [
    "that", "this", "with", "from", "were", "have", "been", "their", "they", "which", "into",
    "also", "after", "before", "between", "both", "when", "would", "will", "over", "than", "there",
    "other", "about",
];

/// The content words of a sentence, for telling restatements apart from new facts.
fn content_words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().count() >= 4
                && !w.chars().all(|c| c.is_ascii_digit())
                && !STOP_WORDS.contains(&w.as_str())
        })
        .collect()
}

/// Two facts that say the same thing: the same agreement or incident (by name), or events with
/// compatible dates whose sentences share most of their words.
pub(super) fn same_fact(a: &Drafted, b: &Drafted) -> bool {
    if !dates::compatible(a.fact.date(), b.fact.date()) {
        return false;
    }
    match (&a.fact, &b.fact) {
        (
            Fact::Agreement {
                name: n1, aka: a1, ..
            },
            Fact::Agreement {
                name: n2, aka: a2, ..
            },
        ) => {
            let keys = |n: &String, aka: &Vec<String>| {
                std::iter::once(n)
                    .chain(aka)
                    .map(|x| name_key(x))
                    .collect::<Vec<_>>()
            };
            let k2 = keys(n2, a2);
            keys(n1, a1).iter().any(|k| k2.contains(k))
        }
        (Fact::Incident { name: n1, .. }, Fact::Incident { name: n2, .. }) => {
            name_key(n1) == name_key(n2)
        }
        (Fact::Event { until: u1, .. }, Fact::Event { until: u2, .. }) => {
            let ends_agree = match (u1, u2) {
                (Some(x), Some(y)) => dates::compatible(*x, *y),
                _ => true,
            };
            let (w1, w2) = (content_words(&a.quote), content_words(&b.quote));
            let shared = w1.intersection(&w2).count();
            let smaller = w1.len().min(w2.len()).max(1);
            let same_day =
                a.fact.date() == b.fact.date() && a.fact.date().precision() == Precision::Day;
            let restated = shared * 10 >= smaller * 7
                || gist::same_happening(&a.gist, &b.gist)
                || same_day && gist::same_death(&a.gist, &b.gist);
            ends_agree && a.quote != b.quote && restated
        }
        _ => false,
    }
}

fn is_more_precise(a: &Fact, b: &Fact) -> bool {
    let spans = |f: &Fact| matches!(f, Fact::Event { until: Some(_), .. });
    (a.date().precision(), spans(a)) > (b.date().precision(), spans(b))
}

/// Merges restatements into the more precise fact; the other's names become `aka`.
pub(super) fn merge(
    all: Vec<Drafted>,
    inputs: &[Input],
    merged: &mut Vec<(String, String)>,
) -> Vec<Drafted> {
    let place = |d: &Drafted| format!("{}:{}", inputs[d.input].file, d.line);
    let mut out: Vec<Drafted> = Vec::new();
    for d in all {
        let Some(k) = out.iter().position(|o| same_fact(o, &d)) else {
            out.push(d);
            continue;
        };
        let (keep, drop) = if is_more_precise(&d.fact, &out[k].fact) {
            (d, out[k].clone())
        } else {
            (out[k].clone(), d)
        };
        merged.push((place(&drop), place(&keep)));
        let mut keep = keep;
        if let (
            Fact::Agreement {
                name, aka, parties, ..
            },
            Fact::Agreement {
                name: other,
                aka: other_aka,
                parties: other_parties,
                ..
            },
        ) = (&mut keep.fact, &drop.fact)
        {
            for n in std::iter::once(other).chain(other_aka) {
                if n != name && !aka.contains(n) {
                    aka.push(n.clone());
                }
            }
            for p in other_parties {
                if !parties.contains(p) {
                    parties.push(p.clone());
                }
            }
        }
        out[k] = keep;
    }
    out
}
