//! Untrusted text made safe to show: every string from a deck, a log, an import, a folder
//! name or a typed answer passes here before it reaches a terminal, a report or a message.
//!
//! Control characters (C0, DEL, C1) and the Unicode controls that reorder or hide text are
//! written visibly (`\u{1b}`), so no escape sequence can set a window title, clear the
//! screen, move the cursor or fake a line. A value shown as a value (in a message, a
//! warning, a table cell) is also cut to [`MAX_VALUE_CHARS`], saying how much was cut.
use std::borrow::Cow;

/// How much of a value a message shows.
pub const MAX_VALUE_CHARS: usize = 200;

/// Whether `c` must never reach a terminal raw: C0 and C1 control characters, DEL, and the
/// bidirectional controls that make text read differently from how it is stored.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// A whole text (a prompt, an answer, a quote): line breaks and tabs kept, every other
/// unsafe character made visible, nothing cut.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// A value inside a line (a name, a snippet, a wrong answer): every unsafe character made
/// visible, line breaks too, and cut to [`MAX_VALUE_CHARS`] characters.
pub fn value(s: &str) -> Cow<'_, str> {
    cut(escape(s, |_| false), MAX_VALUE_CHARS)
}

/// One line of a whole text: as [`text`], but a line break or tab is shown as `\n`, `\t`.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// A message written by recall around values it quotes in backticks: every unsafe
/// character made visible (line breaks kept), and each quoted value cut as [`value`] does.
pub fn message(s: &str) -> Cow<'_, str> {
    let escaped = escape(s, |c| c == '\n');
    if escaped.chars().nth(MAX_VALUE_CHARS).is_none() {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len().min(16 * MAX_VALUE_CHARS));
    for (i, part) in escaped.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are between a pair of backticks: a quoted value.
        if i % 2 == 1 {
            out.push_str(&cut(Cow::Borrowed(part), MAX_VALUE_CHARS));
        } else {
            out.push_str(part);
        }
    }
    // A huge value that is not quoted still makes a bounded message.
    Cow::Owned(cut(Cow::Owned(out), MAX_MESSAGE_CHARS).into_owned())
}

/// No message recall writes is longer; only a value it quotes could make it so.
const MAX_MESSAGE_CHARS: usize = 8 * MAX_VALUE_CHARS;

/// JSON text with the unsafe characters that JSON lets through raw (DEL, C1, bidirectional
/// controls) written as `\uXXXX`. The data stays the same: a JSON reader gets the same
/// strings back. `json` must be serde_json's output, which escapes C0 itself.
pub fn json(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Outside strings JSON has only ASCII punctuation, digits, letters and white space,
        // so an unsafe character here is always inside a string.
        if is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r') {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Makes unsafe characters visible, except those `keep` allows.
fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) || keep(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// The first `max` characters and how many more there were.
fn cut(s: Cow<'_, str>, max: usize) -> Cow<'_, str> {
    let Some((end, _)) = s.char_indices().nth(max) else {
        return s;
    };
    let more = s[end..].chars().count();
    Cow::Owned(format!(
        "{}… ({more} more character{})",
        &s[..end],
        if more == 1 { "" } else { "s" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let title = "\u{1b}]0;pwned\u{7}Seoul\u{1b}[2J";
        assert_eq!(text(title), "\\u{1b}]0;pwned\\u{7}Seoul\\u{1b}[2J");
        assert_eq!(value(title), text(title));
        // C1: the one-character CSI, and the bidi override that reverses what follows.
        assert_eq!(text("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(text("x\u{202e}cba"), "x\\u{202e}cba");
        assert_eq!(text("del\u{7f}"), "del\\u{7f}");
    }

    #[test]
    fn clean_text_is_not_copied() {
        for s in ["Kim Jong Un", "김정은", "27 April 2018", ""] {
            assert!(matches!(text(s), Cow::Borrowed(_)));
            assert!(matches!(value(s), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn a_whole_text_keeps_its_lines_a_value_does_not() {
        assert_eq!(text("one\ntwo\tthree\r"), "one\ntwo\tthree\\r");
        assert_eq!(value("one\ntwo\tthree"), "one\\ntwo\\tthree");
        assert_eq!(line("one\ntwo"), "one\\ntwo");
    }

    #[test]
    fn long_values_are_cut_saying_how_much() {
        let long = "a".repeat(1000);
        let shown = value(&long);
        assert_eq!(shown, format!("{}… (800 more characters)", "a".repeat(200)));
        assert_eq!(
            value(&"é".repeat(201)),
            format!("{}… (1 more character)", "é".repeat(200))
        );
        assert_eq!(value(&"b".repeat(200)), "b".repeat(200));
        // A whole text is never cut.
        assert_eq!(text(&long), long);
    }

    #[test]
    fn a_message_cuts_each_quoted_value_and_keeps_the_rest() {
        let field = "x".repeat(5000);
        let line = format!("bad time `{field}`: not RFC 3339; line skipped");
        let shown = message(&line);
        assert_eq!(
            shown,
            format!(
                "bad time `{}… (4800 more characters)`: not RFC 3339; line skipped",
                "x".repeat(200)
            )
        );
        let long = "y".repeat(10_000);
        let unquoted = message(&long);
        assert!(unquoted.chars().count() < 1700, "{}", unquoted.len());
        assert_eq!(
            message("no deck `a\u{1b}b`\n  = help: x"),
            "no deck `a\\u{1b}b`\n  = help: x"
        );
    }

    #[test]
    fn json_keeps_the_data_and_sends_nothing_raw() {
        let data = serde_json::json!({"a": "x\u{9b}y\u{202e}z\u{1b}\u{7f}😀"});
        let out = json(serde_json::to_string_pretty(&data).unwrap());
        assert!(!out.chars().any(|c| is_unsafe(c) && c != '\n'), "{out}");
        assert!(out.contains("\\u009b") && out.contains("\\u202e") && out.contains("\\u007f"));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, data);
    }
}
