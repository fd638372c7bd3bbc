//! Anki fields are HTML: reduced to text on the way in, escaped on the way out.

/// The text of an HTML field: tags dropped, entities decoded, line breaks
/// (`<br>`, `<div>`, `<p>`, `<li>`) kept as newlines.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(['<', '&']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                out.push_str(rest);
                return out;
            };
            let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            if matches!(name, "br" | "div" | "p" | "li" | "tr" | "hr") {
                out.push('\n');
            }
            rest = &rest[end + 1..];
        } else {
            let (text, used) = entity(rest);
            out.push_str(&text);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    // Anki's `[sound:…]` references name media files that are not carried over.
    while let Some(start) = out.find("[sound:") {
        let Some(len) = out[start..].find(']') else {
            break;
        };
        out.replace_range(start..start + len + 1, "");
    }
    out
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

/// Text for an HTML field: `&`, `<`, `>` and `"` escaped, newlines as `<br>`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
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
    fn escaping_round_trips() {
        let text = "1 < 2 & \"x\"\nnext";
        assert_eq!(to_text(&escape(text)), text);
    }
}
