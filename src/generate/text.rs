//! Plain text into headings, paragraphs, sentences and words, each with its place in the file.
use std::ops::Range;

/// A heading line (`= Title =`, `== Section ==`) or a paragraph (lines up to a blank line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub heading: bool,
    /// A heading's number of `=`; 0 for a paragraph.
    pub level: usize,
    /// Byte range in the file, without the heading's `=` or a list item's bullet.
    pub range: Range<usize>,
    /// 1-based line of its first character.
    pub line: usize,
}

/// One sentence: a byte range of the file and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub line: usize,
}

const BULLETS: [char; 4] = ['•', '-', '*', '–'];

/// Splits a text into headings and paragraphs. A list item starts a new paragraph, and so does
/// a line for which `starts_item` holds (a timeline's `1991: ...` without a bullet).
pub fn blocks(text: &str, starts_item: impl Fn(&str) -> bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let lead = start + (line.len() - line.trim_start().len());
        let end = lead + trimmed.len();
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        if trimmed.len() > 2 && trimmed.starts_with('=') && trimmed.ends_with('=') {
            out.extend(current.take());
            let inner = trimmed.trim_matches('=');
            let skip = trimmed.len() - trimmed.trim_start_matches('=').len();
            let inner_start = lead + skip + (inner.len() - inner.trim_start().len());
            let inner = inner.trim();
            out.push(Block {
                heading: true,
                level: skip,
                range: inner_start..inner_start + inner.len(),
                line: i + 1,
            });
            continue;
        }
        let bullet = trimmed
            .strip_prefix(BULLETS)
            .filter(|rest| rest.starts_with(' '))
            .or_else(|| starts_item(trimmed).then_some(trimmed));
        if let Some(rest) = bullet {
            out.extend(current.take());
            let rest_start = end - rest.trim_start().len();
            current = Some(Block {
                heading: false,
                level: 0,
                range: rest_start..end,
                line: i + 1,
            });
            continue;
        }
        match &mut current {
            Some(block) => block.range.end = end,
            None => {
                current = Some(Block {
                    heading: false,
                    level: 0,
                    range: lead..end,
                    line: i + 1,
                })
            }
        }
    }
    out.extend(current);
    out
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "Nos", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen",
    "Rep", "Jr", "Sr", "vs", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "vol", "Vol", "pp", "p",
    "ed", "cf",
];

fn closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

fn opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[')
}

/// Splits the paragraph `range` of `text` into sentences: at `.`, `!` or `?` (and any closing
/// quotes) followed by a space and a capital, a digit or an opening quote; not after an
/// abbreviation, an initial or a dotted word like `U.S.`.
pub fn sentences(text: &str, range: Range<usize>, first_line: usize) -> Vec<Sentence> {
    let para = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') && !(c == '.' && abbreviation_before(para, at)) {
            let mut j = i + 1;
            while j < chars.len() && closing(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(para.len(), |&(b, _)| b);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next = chars.get(k).map(|&(_, c)| c);
            let starts_sentence =
                next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || opening(n));
            if k > j && starts_sentence {
                push_sentence(text, &range, start..end, first_line, &mut out);
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    push_sentence(text, &range, start..para.len(), first_line, &mut out);
    out
}

fn push_sentence(
    text: &str,
    para: &Range<usize>,
    local: Range<usize>,
    first_line: usize,
    out: &mut Vec<Sentence>,
) {
    let s = &text[para.start + local.start..para.start + local.end];
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = para.start + local.start + (s.len() - s.trim_start().len());
    let line = first_line + text[para.start..start].matches('\n').count();
    out.push(Sentence {
        range: start..start + trimmed.len(),
        line,
    });
}

fn abbreviation_before(para: &str, dot: usize) -> bool {
    let before = &para[..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || word.contains('.') || ABBREVIATIONS.contains(&word)
}

/// A paragraph that does not end like a sentence and is written like a title: a title, a
/// credit, a list entry's name (`Report, Embassy of Hungary in North Korea`). A sentence that
/// lost its full stop (`The Ambassador evaluates politics`) or trails a credit (`... January 3,
/// 2018. AP`) is not one.
/// A textbook's run-in heading at the start of a paragraph, as plain-text editions mark it
/// (`=The Presidential Election of 1916.=--In the midst of ...`, `**Steps toward War.** ...`):
/// the heading's text. It opens a section as a heading line does.
pub fn run_in_heading(block_text: &str) -> Option<&str> {
    let mark = ["=", "**", "__"]
        .into_iter()
        .find(|m| block_text.starts_with(m) && !block_text.starts_with(&format!("{m}{m}")))?;
    let rest = &block_text[mark.len()..];
    let end = rest.find(mark)?;
    let heading = rest[..end].trim();
    let words = heading.split_whitespace().count();
    let after = rest[end + mark.len()..].trim_start_matches(['-', '—', '–', ':', ' ']);
    ((1..=12).contains(&words) && !heading.contains('\n') && !after.is_empty())
        .then(|| heading.trim_end_matches('.'))
}

pub fn is_title(block_text: &str) -> bool {
    let end = block_text.trim_end_matches(closing);
    !end.ends_with(['.', '!', '?']) && title_case(block_text)
}

/// Words a title leaves in lowercase: `Relations after the War`, `Korea at the United Nations`.
const TITLE_SMALL_WORDS: [&str; 19] = [
    "a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "for", "by", "from", "with",
    "after", "before", "between", "about", "into",
];

/// Every word capitalised but the small ones (`Inter-Korean Relations after the War, 1954-1961`).
pub fn title_case(s: &str) -> bool {
    tokens(s)
        .iter()
        .filter(|x| x.kind == Kind::Word)
        .all(|x| x.is_capitalized() || TITLE_SMALL_WORDS.contains(&x.lower().as_str()))
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with inner hyphens, apostrophes and dots: `Moo-hyun`, `Korea's`, `U.S`).
    Word,
    /// Digits only (thousands separators make it [`Kind::Mixed`]).
    Number,
    /// Letters and digits together: `1970s`, `COVID-19`, `1,500-ton`, `98m`.
    Mixed,
    Punct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub kind: Kind,
    /// Byte range in the sentence.
    pub range: Range<usize>,
}

impl Token<'_> {
    pub fn is_capitalized(&self) -> bool {
        self.kind != Kind::Punct && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

/// Splits a sentence into words, numbers and punctuation. A hyphen, apostrophe or dot joins
/// what is on both sides when a letter is next to it; a comma joins groups of three digits.
pub fn tokens(s: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            let end = start + c.len_utf8();
            out.push(Token {
                text: &s[start..end],
                kind: Kind::Punct,
                range: start..end,
            });
            i += 1;
            continue;
        }
        let mut j = i;
        loop {
            while at(j).is_some_and(char::is_alphanumeric) {
                j += 1;
            }
            let (Some(joiner), Some(next)) = (at(j), at(j + 1)) else {
                break;
            };
            let prev = at(j - 1).unwrap_or(' ');
            let joins = match joiner {
                // `1,500-ton` joins; `1951-January` (two dates of a span) does not.
                '-' if prev.is_ascii_digit() && next.is_uppercase() => false,
                '-' | '\'' | '’' | '.' => {
                    next.is_alphanumeric() && (prev.is_alphabetic() || next.is_alphabetic())
                }
                ',' => {
                    prev.is_ascii_digit()
                        && (1..=3).all(|k| at(j + k).is_some_and(|c| c.is_ascii_digit()))
                        && !at(j + 4).is_some_and(|c| c.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(s.len(), |&(b, _)| b);
        let text = &s[start..end];
        let kind = if text.chars().all(|c| c.is_ascii_digit()) {
            Kind::Number
        } else if text.chars().any(|c| c.is_ascii_digit()) {
            Kind::Mixed
        } else {
            Kind::Word
        };
        out.push(Token {
            text,
            kind,
            range: start..end,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_in_headings_of_plain_text_textbooks() {
        assert_eq!(
            run_in_heading("=The Presidential Election of 1916.=--In the midst of this crisis"),
            Some("The Presidential Election of 1916")
        );
        assert_eq!(
            run_in_heading("**Steps toward War.** Three days after"),
            Some("Steps toward War")
        );
        assert_eq!(run_in_heading("== Section =="), None);
        assert_eq!(run_in_heading("=Only a heading="), None);
        assert_eq!(run_in_heading("The war began in 1914."), None);
    }

    #[test]
    fn a_hyphen_between_a_year_and_a_month_splits_them() {
        let texts = |s: &'static str| tokens(s).into_iter().map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(texts("1951-January 3"), ["1951", "-", "January", "3"]);
        assert_eq!(texts("a 1,500-ton ship"), ["a", "1,500-ton", "ship"]);
        assert_eq!(texts("COVID-19"), ["COVID-19"]);
    }

    #[test]
    fn volumes_and_pages_do_not_end_a_sentence() {
        let text = "Continued from Foreign Relations, vol. VIII, pp. 954 ff. Bohlen left.";
        assert_eq!(sentences(text, 0..text.len(), 1).len(), 2);
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len(), 1)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn titles_are_written_like_titles_and_do_not_end_like_sentences() {
        for (block, title) in [
            (
                "Report, Embassy of Hungary in North Korea to the Hungarian Foreign Ministry",
                true,
            ),
            (
                "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 8 December 1960",
                true,
            ),
            ("Updated Jul 27, 2021 - World", true),
            ("Inter-Korean Relations after the War, 1954-1961", true),
            ("The talks were held in 1972.", false),
            ("The Talks Were Held in 1972.", false),
            // A sentence that lost its full stop, or trails a credit.
            (
                "The North Korean Ambassador evaluates politics and the economy in South Korea",
                false,
            ),
            (
                "An official speaks on the phone in Paju, January 3, 2018. AP",
                false,
            ),
        ] {
            assert_eq!(is_title(block), title, "{block}");
        }
    }

    #[test]
    fn sentences_end_at_stops_before_capitals_but_not_after_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three?", &["One.", "Two!", "Three?"]),
            (
                "This was in General Order No. 1 to Japanese forces. Then more.",
                &[
                    "This was in General Order No. 1 to Japanese forces.",
                    "Then more.",
                ],
            ),
            (
                "U.S. Deputy Mark Lambert said so. Journal of A.M. Puzanov.",
                &[
                    "U.S. Deputy Mark Lambert said so.",
                    "Journal of A.M. Puzanov.",
                ],
            ),
            (
                "George W. Bush spoke. Kim listened.",
                &["George W. Bush spoke.", "Kim listened."],
            ),
            (
                "It was \"grave.\" Then 1991 came.",
                &["It was \"grave.\"", "Then 1991 came."],
            ),
            (
                "under U.N. resolutions, it said.",
                &["under U.N. resolutions, it said."],
            ),
            (
                "Kim Jong Il.\nThe two sides met.",
                &["Kim Jong Il.", "The two sides met."],
            ),
            (
                "a.k.a. \"the Basic Agreement\") to help.",
                &["a.k.a. \"the Basic Agreement\") to help."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }

    #[test]
    fn sentence_lines_count_from_the_paragraph() {
        let text = "A b.\nC d. E f.";
        let lines: Vec<usize> = sentences(text, 0..text.len(), 7)
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(lines, [7, 8, 8]);
    }

    #[test]
    fn blocks_are_headings_paragraphs_and_list_items() {
        let text = "= Title =\n\nOne line\nand more.\n\n==Part==\n  • December 08, 1960\n\n- item\n1991: one\n1992: two\nand more\n";
        let got: Vec<(usize, &str, usize)> = blocks(text, |line| line.starts_with("199"))
            .into_iter()
            .map(|b| (b.level, &text[b.range], b.line))
            .collect();
        assert_eq!(
            got,
            [
                (1, "Title", 1),
                (0, "One line\nand more.", 3),
                (2, "Part", 6),
                (0, "December 08, 1960", 7),
                (0, "item", 9),
                (0, "1991: one", 10),
                (0, "1992: two\nand more", 11),
            ]
        );
    }

    #[test]
    fn tokens_keep_names_numbers_and_mixtures_whole() {
        let got: Vec<(&str, Kind)> =
            tokens("Moon Jae-in's 1,500-ton 1970s 2019–2020, COVID-19 U.S. 98m")
                .into_iter()
                .map(|t| (t.text, t.kind))
                .collect();
        assert_eq!(
            got,
            [
                ("Moon", Kind::Word),
                ("Jae-in's", Kind::Word),
                ("1,500-ton", Kind::Mixed),
                ("1970s", Kind::Mixed),
                ("2019", Kind::Number),
                ("–", Kind::Punct),
                ("2020", Kind::Number),
                (",", Kind::Punct),
                ("COVID-19", Kind::Mixed),
                ("U.S", Kind::Word),
                (".", Kind::Punct),
                ("98m", Kind::Mixed),
            ]
        );
        let t = tokens("1994, 1996 and 150,000");
        assert_eq!(
            t.iter().map(|t| t.text).collect::<Vec<_>>(),
            ["1994", ",", "1996", "and", "150,000"]
        );
    }
}
