//! Anki fields are HTML: reduced to text on the way in, escaped on the way out.

/// The text of an HTML field: tags dropped with the bodies of `<script>` and
/// `<style>`, entities decoded, line breaks (`<br>`, `<div>`, `<p>`, `<li>`)
/// kept as newlines, Anki's `[sound:…]` references dropped. A `<` that starts
/// no tag (`<<<>>>`, `1 < 2`) is text. Control characters, typed or written
/// as entities (`&#27;`, `&#0;`, Anki's field separator `&#31;`), are dropped:
/// no imported text can move a terminal's cursor or split a note.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(['<', '&']) {
        push_text(&mut out, &rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('<') {
            let starts_tag = rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
            let end = rest.find('>').filter(|_| starts_tag);
            let Some(end) = end else {
                out.push('<');
                rest = &rest[1..];
                continue;
            };
            let closing = rest[1..].starts_with('/');
            let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            if matches!(
                name,
                "br" | "div" | "p" | "li" | "tr" | "hr" | "h1" | "h2" | "h3" | "ul" | "ol"
            ) {
                out.push('\n');
            }
            rest = &rest[end + 1..];
            if !closing && matches!(name, "script" | "style") {
                let lower = rest.to_ascii_lowercase();
                rest = match lower.find(&format!("</{name}")) {
                    Some(i) => {
                        let after = &rest[i..];
                        after.find('>').map_or("", |j| &after[j + 1..])
                    }
                    None => "",
                };
            }
        } else {
            let (text, used) = entity(rest);
            push_text(&mut out, &text);
            rest = &rest[used..];
        }
    }
    push_text(&mut out, rest);
    // Anki's `[sound:…]` references name media files that are not carried over.
    while let Some(start) = out.find("[sound:") {
        let Some(len) = out[start..].find(']') else {
            break;
        };
        out.replace_range(start..start + len + 1, "");
    }
    out
}

/// Plain text (not HTML) without control characters other than newlines.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

/// Text without control characters other than newlines; tabs become spaces.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' | '\u{a0}' => out.push(' '),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Whether a field shows media: a picture, a sound or a video.
pub fn has_media(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    ["<img", "[sound:", "<video", "<audio", "<object", "<svg"]
        .iter()
        .any(|t| lower.contains(t))
}

/// What media a field shows, for messages: "a picture" or "a sound".
pub fn media_kind(html: &str) -> &'static str {
    let lower = html.to_ascii_lowercase();
    if lower.contains("[sound:") || lower.contains("<audio") {
        "a sound"
    } else if lower.contains("<video") {
        "a video"
    } else {
        "a picture"
    }
}

/// Lines trimmed and inner whitespace collapsed, blank lines dropped.
pub fn tidy(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes the entity at the start of `s` (which starts with `&`); returns the
/// text and how many bytes it used. An unknown entity stays as it is.
fn entity(s: &str) -> (String, usize) {
    let Some(end) = s[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10) else {
        return ("&".into(), 1);
    };
    let name = &s[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "hellip" => Some('…'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .and_then(char::from_u32),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// Text for an HTML field: `&`, `<`, `>` and `"` escaped, newlines as `<br>`,
/// other control characters (Anki's field separator among them) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() && c != '\n' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a field looks like HTML, for files that do not say.
pub fn looks_like_html(text: &str) -> bool {
    let tags = [
        "<br", "<div", "<p>", "<b>", "<i>", "<u>", "<span", "<img", "</",
    ];
    let lower = text.to_ascii_lowercase();
    tags.iter().any(|t| lower.contains(t))
        || ["&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#"]
            .iter()
            .any(|e| lower.contains(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_entities_decode_and_breaks_become_newlines() {
        assert_eq!(
            to_text("<b>Kim</b>&nbsp;Jong&#45;un<br/>&amp; <i>Moon</i>&#x2019;s"),
            "Kim Jong-un\n& Moon’s"
        );
        assert_eq!(to_text("<div>one</div><div>two</div>"), "\none\n\ntwo\n");
        assert_eq!(to_text("a &unknown; b & c < d"), "a &unknown; b & c < d");
        assert_eq!(to_text("word[sound:x.mp3]"), "word");
    }

    #[test]
    fn hostile_html_becomes_clean_text() {
        assert_eq!(
            to_text("a&#27;[31m b&#7; c&#0;d&#31;e\u{1b}f"),
            "a[31m b cdef"
        );
        assert_eq!(
            to_text("x<script>alert('<b>')</script>y<STYLE>p{}</style>z"),
            "xyz"
        );
        assert_eq!(to_text("<<<>>>"), "<<<>>>");
        assert_eq!(to_text("1 < 2 > 0"), "1 < 2 > 0");
        assert_eq!(to_text("one<br>two"), "one\ntwo");
        assert_eq!(escape("a\u{1f}b\u{0}c"), "abc");
        assert!(has_media("<img src=\"a.png\">") && !has_media("text"));
        assert_eq!(tidy("\n one  two \n\n three\n"), "one two\nthree");
    }

    #[test]
    fn escaping_round_trips() {
        let text = "1 < 2 & \"x\"\nnext";
        assert_eq!(to_text(&escape(text)), text);
    }
}
