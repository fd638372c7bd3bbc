//! Cloze text: a sentence with deletions marked `{{c1::text}}` or `{{c1::text::hint}}`, as
//! Anki writes them. One card per number: the sentence with that number's deletions blanked
//! (the hint shown), the others shown as text. Pure: no I/O.
use std::ops::Range;

/// One deletion of a cloze text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deletion<'a> {
    /// The whole marker, `{{` to `}}`, as byte offsets into the text.
    pub span: Range<usize>,
    pub number: u32,
    /// What is deleted, with any deletions nested in it.
    pub text: &'a str,
    /// Where `text` starts in the whole text.
    pub text_start: usize,
    pub hint: Option<&'a str>,
}

/// A marker that cannot be read, at a byte offset of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub at: usize,
    pub message: String,
    pub help: &'static str,
}

const HOW: &str = "write each deletion as {{c1::text}} or {{c1::text::hint}}, numbered from 1";

/// The outermost deletions of `text`, leniently, as Anki reads them: what is not a marker is
/// text.
pub fn deletions(text: &str) -> Vec<Deletion<'_>> {
    scan(text, 0, &mut Vec::new())
}

/// Every problem with the markers of `text`, at any depth: a `{{` that starts no deletion, a
/// deletion without a number or not closed, an empty deletion, a stray `}}`, no deletion at
/// all.
pub fn check(text: &str) -> Vec<Malformed> {
    let mut problems = Vec::new();
    let found = scan(text, 0, &mut problems);
    if found.is_empty() && problems.is_empty() {
        problems.push(Malformed {
            at: 0,
            message: "the cloze has no deletion".into(),
            help: HOW,
        });
    }
    check_empty(&found, &mut problems);
    problems.sort_by_key(|p| p.at);
    problems
}

fn check_empty(found: &[Deletion], problems: &mut Vec<Malformed>) {
    for d in found {
        if revealed(d.text).trim().is_empty() {
            problems.push(Malformed {
                at: d.span.start,
                message: format!("the deletion c{} is empty", d.number),
                help: "write the words to be typed between `::` and `}}`",
            });
        }
        let inner = scan(d.text, d.text_start, &mut Vec::new());
        check_empty(&inner, problems);
    }
}

/// The deletions of `text` (whose first byte is at `base` in the whole text), with the
/// problems of its markers pushed.
fn scan<'a>(text: &'a str, base: usize, problems: &mut Vec<Malformed>) -> Vec<Deletion<'a>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'}' && bytes[i + 1] == b'}' {
            problems.push(Malformed {
                at: base + i,
                message: "`}}` closes no deletion".into(),
                help: HOW,
            });
            i += 2;
            continue;
        }
        if !(bytes[i] == b'{' && bytes[i + 1] == b'{') {
            i += 1;
            continue;
        }
        let start = i;
        // Past a marker that cannot be read, to its `}}` if it has one.
        let skip = closing(bytes, i + 2).map_or(i + 2, |e| e + 2);
        let after = &text[i + 2..];
        let Some(rest) = after.strip_prefix('c').or_else(|| after.strip_prefix('C')) else {
            problems.push(Malformed {
                at: base + start,
                message: "`{{` starts no deletion".into(),
                help: HOW,
            });
            i = skip;
            continue;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let number = rest[..digits].parse::<u32>().ok();
        if digits == 0 || !rest[digits..].starts_with("::") {
            problems.push(Malformed {
                at: base + start,
                message: "a deletion needs a number and `::`, as in `{{c1::`".into(),
                help: HOW,
            });
            i = skip;
            continue;
        }
        let Some(number) = number.filter(|n| *n > 0) else {
            problems.push(Malformed {
                at: base + start,
                message: format!(
                    "the deletion number `c{}` is not 1 or more",
                    &rest[..digits]
                ),
                help: HOW,
            });
            i = skip;
            continue;
        };
        let body = start + 2 + 1 + digits + 2;
        let Some(end) = closing(bytes, body) else {
            problems.push(Malformed {
                at: base + start,
                message: format!("the deletion `{{{{c{number}::` is not closed by `}}}}`"),
                help: HOW,
            });
            break;
        };
        let inner = &text[body..end];
        // The hint is after the last `::` that is not inside a nested deletion.
        let (deleted, hint) = match last_top_level_separator(inner) {
            Some(k) => (&inner[..k], Some(&inner[k + 2..])),
            None => (inner, None),
        };
        scan(deleted, base + body, problems);
        out.push(Deletion {
            span: base + start..base + end + 2,
            number,
            text: deleted,
            text_start: base + body,
            hint,
        });
        i = end + 2;
    }
    out
}

/// The `}}` that closes the marker whose body starts at `from`, counting nested `{{`.
fn closing(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1;
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'}' && bytes[i + 1] == b'}' {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    None
}

fn last_top_level_separator(inner: &str) -> Option<usize> {
    let bytes = inner.as_bytes();
    let mut depth = 0usize;
    let mut found = None;
    let mut i = 0;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => {
                depth += 1;
                i += 2;
            }
            (b'}', b'}') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            (b':', b':') if depth == 0 => {
                found = Some(i);
                i += 2;
            }
            _ => i += 1,
        }
    }
    found
}

/// The cloze numbers of a text at any depth, in order, each once.
pub fn numbers(text: &str) -> Vec<u32> {
    fn all(text: &str, out: &mut Vec<u32>) {
        for d in deletions(text) {
            out.push(d.number);
            all(d.text, out);
        }
    }
    let mut out = Vec::new();
    all(text, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The text with every deletion shown as its plain text: the sentence it was made from.
pub fn revealed(text: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for d in deletions(text) {
        out.push_str(&text[last..d.span.start]);
        out.push_str(&revealed(d.text));
        last = d.span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Card `n`: the prompt with deletion `n` blanked (`[…]`, or `[hint]`), the others shown,
/// and each deleted text of that number, in order. `None` if a deletion `n` is empty or
/// there is none.
pub fn card(text: &str, n: u32) -> Option<(String, Vec<String>)> {
    let mut answers = Vec::new();
    let prompt = blank(text, n, &mut answers)?;
    (!answers.is_empty()).then(|| (prompt.trim().to_owned(), answers))
}

fn blank(text: &str, n: u32, answers: &mut Vec<String>) -> Option<String> {
    let mut prompt = String::new();
    let mut last = 0;
    for d in deletions(text) {
        prompt.push_str(&text[last..d.span.start]);
        if d.number == n {
            let answer = revealed(d.text).trim().to_owned();
            if answer.is_empty() {
                return None;
            }
            answers.push(answer);
            match d.hint.map(str::trim).filter(|h| !h.is_empty()) {
                Some(hint) => prompt.push_str(&format!("[{hint}]")),
                None => prompt.push_str("[…]"),
            }
        } else {
            prompt.push_str(&blank(d.text, n, answers)?);
        }
        last = d.span.end;
    }
    prompt.push_str(&text[last..]);
    Some(prompt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_card_a_number_with_the_hint_and_the_others_shown() {
        let text = "The {{c1::Korean War}} began on {{c2::25 June 1950::date}} in {{c1::Korea}}.";
        assert_eq!(numbers(text), [1, 2]);
        assert_eq!(
            card(text, 1).unwrap(),
            (
                "The […] began on 25 June 1950 in […].".to_owned(),
                vec!["Korean War".to_owned(), "Korea".to_owned()]
            )
        );
        assert_eq!(
            card(text, 2).unwrap().0,
            "The Korean War began on [date] in Korea."
        );
        assert_eq!(
            revealed(text),
            "The Korean War began on 25 June 1950 in Korea."
        );
        assert_eq!(
            card("{{c1::outer {{c2::inner}} text}}", 2).unwrap(),
            ("outer […] text".to_owned(), vec!["inner".to_owned()])
        );
        assert_eq!(card("{{c1::a}}", 2), None);
        assert!(check(text).is_empty());
    }

    #[test]
    fn bad_markers_are_found_where_they_are() {
        let at = |text: &str| -> Vec<(usize, String)> {
            check(text).into_iter().map(|p| (p.at, p.message)).collect()
        };
        assert_eq!(at("no marker"), [(0, "the cloze has no deletion".into())]);
        assert_eq!(
            at("a {{c1::b"),
            [(2, "the deletion `{{c1::` is not closed by `}}`".into())]
        );
        assert_eq!(
            at("a {{c::b}}"),
            [(
                2,
                "a deletion needs a number and `::`, as in `{{c1::`".into()
            )]
        );
        assert_eq!(
            at("{{c0::b}}")[0],
            (0, "the deletion number `c0` is not 1 or more".into())
        );
        assert_eq!(
            at("x {{c1:: }} y {{c2::z}}"),
            [(2, "the deletion c1 is empty".into())]
        );
        assert_eq!(
            at("{{x}} {{c1::y}}"),
            [(0, "`{{` starts no deletion".into())]
        );
        assert_eq!(
            at("a }} {{c1::y}}"),
            [(2, "`}}` closes no deletion".into())]
        );
        assert_eq!(
            at("{{c1::a {{c2::}} b}}"),
            [(8, "the deletion c2 is empty".into())]
        );
    }
}
