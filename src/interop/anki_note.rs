//! One Anki note as recall cards, whether it comes from a package or a text
//! export: which field asks and which answers, by the note type's templates
//! when the file has them, else by its name.
use super::{Row, html};

/// A note as read from a file.
pub struct Input<'a> {
    pub line: usize,
    pub raw: String,
    pub guid: Option<String>,
    /// The note type's name; empty when the file does not say.
    pub note_type: &'a str,
    pub cloze: bool,
    /// Each template's question and answer format; empty when unknown.
    pub templates: &'a [(String, String)],
    pub field_names: &'a [String],
    /// The card templates (cloze numbers - 1) Anki made cards for, when known.
    pub ords: Option<Vec<u32>>,
    pub fields: Vec<String>,
    pub html: bool,
    pub tags: Vec<String>,
    pub deck: Option<String>,
}

/// What became of a note.
pub enum Mapped {
    Rows(Vec<Row>),
    /// Why it cannot be studied.
    Skipped(String),
}

/// Whether recall knows the note type by name: the ones Anki ships.
pub fn is_stock(note_type: &str) -> bool {
    note_type.is_empty() || note_type.starts_with("Basic") || note_type.starts_with("Cloze")
}

pub fn map(input: Input) -> Mapped {
    let text = |i: usize| -> String {
        let field = input.fields.get(i).map_or("", String::as_str);
        if input.html {
            html::tidy(&html::to_text(field))
        } else {
            html::tidy(&html::plain(field))
        }
    };
    // A text export without a note type column still shows cloze by its markup.
    let is_cloze = input.cloze
        || (input.templates.is_empty()
            && (input.note_type.is_empty() || input.note_type.starts_with("Cloze"))
            && input
                .fields
                .first()
                .is_some_and(|f| !deletions(f).is_empty()));
    let base = Row {
        line: input.line,
        raw: input.raw.clone(),
        tags: input.tags.clone(),
        guid: input.guid.clone(),
        deck: input.deck.clone(),
        note_type: (!input.note_type.is_empty()).then(|| input.note_type.to_owned()),
        ..Row::default()
    };
    if is_cloze {
        let field = cloze_field(input.templates, input.field_names).unwrap_or(0);
        let body = text(field);
        let extra = (0..input.fields.len())
            .filter(|&i| i != field)
            .map(text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let clozes = cloze_numbers(&body);
        if clozes.is_empty() {
            return Mapped::Skipped(
                if input.fields.get(field).is_some_and(|f| html::has_media(f)) {
                    "a cloze note over a picture (image occlusion) cannot be typed".into()
                } else {
                    "a cloze note without a {{c1::…}} deletion".into()
                },
            );
        }
        let mut rows = Vec::new();
        for n in clozes {
            let Some((prompt, answer)) = cloze_card(&body, n) else {
                continue;
            };
            rows.push(Row {
                prompt,
                answer,
                explain: Some(extra.clone()).filter(|e| !e.is_empty()),
                suffix: Some(format!("c{n}")),
                ..base.clone()
            });
        }
        if rows.is_empty() {
            return Mapped::Skipped("the deletions are empty".into());
        }
        return Mapped::Rows(rows);
    }

    let first = input
        .templates
        .first()
        .and_then(|t| roles(t, input.field_names));
    let (question, answer, extra) = match first {
        Some(r) => r,
        None => {
            let rest: Vec<usize> = (2..input.fields.len())
                .filter(|_| !input.note_type.starts_with("Basic (optional reversed"))
                .collect();
            (vec![0], 1, rest)
        }
    };
    let prompt = question
        .iter()
        .map(|&i| text(i))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let answer_text = text(answer);
    let raw_field = |i: usize| input.fields.get(i).map_or("", String::as_str);
    if prompt.is_empty() {
        return Mapped::Skipped(
            match question.iter().find(|&&i| html::has_media(raw_field(i))) {
                Some(&i) => format!("the question is only {}", html::media_kind(raw_field(i))),
                None => "the question is empty".into(),
            },
        );
    }
    if answer_text.is_empty() {
        return Mapped::Skipped(if html::has_media(raw_field(answer)) {
            format!("the answer is only {}", html::media_kind(raw_field(answer)))
        } else {
            "the answer is empty".into()
        });
    }
    let explain = extra
        .iter()
        .map(|&i| text(i))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let forward = Row {
        prompt: prompt.clone(),
        answer: one_answer(&answer_text),
        explain: Some(explain).filter(|e| !e.is_empty()),
        ..base.clone()
    };
    let mut rows = vec![forward];
    // The second template asks the other way round (Basic and reversed, optional reversed).
    let reversed = match input.templates.get(1) {
        Some(t) => {
            roles(t, input.field_names).is_some_and(|(q, a, _)| q == [answer] && question == [a])
                && input.ords.as_ref().is_none_or(|o| o.contains(&1))
        }
        None if input.templates.is_empty() => {
            input.note_type.starts_with("Basic (and reversed")
                || (input.note_type.starts_with("Basic (optional reversed") && !text(2).is_empty())
        }
        None => false,
    };
    if reversed && question.len() == 1 {
        rows.push(Row {
            prompt: answer_text,
            answer: one_answer(&prompt),
            suffix: Some("reversed".into()),
            ..base
        });
    }
    Mapped::Rows(rows)
}

/// How a note type's notes are read, for a warning: "`Korean` asked, `English` answers".
pub fn describe_roles(notetype: &super::package::NoteType) -> String {
    let name = |i: usize| {
        notetype
            .fields
            .get(i)
            .map_or_else(|| format!("field {}", i + 1), |n| format!("`{n}`"))
    };
    match notetype
        .templates
        .first()
        .and_then(|t| roles(t, &notetype.fields))
    {
        Some((q, a, _)) => format!(
            "read by its first card template, {} asked and {} the answer",
            q.iter().map(|&i| name(i)).collect::<Vec<_>>().join(" and "),
            name(a)
        ),
        None => format!(
            "its first two fields read as question ({}) and answer ({})",
            name(0),
            name(1)
        ),
    }
}

/// What to do about a note that was skipped for `why`.
pub fn help_for(why: &str) -> &'static str {
    if why.contains("only a") || why.contains("image occlusion") {
        "recall asks in text: add the words to the note in Anki and export again, or study it in Anki"
    } else if why.contains("deletion") {
        "write the deletions as {{c1::text}} in Anki and export again"
    } else {
        "fill in the field in Anki and export again, or leave the note out"
    }
}

/// An answer is typed on one line: its lines joined by `; `.
fn one_answer(text: &str) -> String {
    text.lines().collect::<Vec<_>>().join("; ")
}

/// The fields a template asks (in order), the field it answers with, and the
/// other fields its answer side shows; `None` when it cannot be told.
fn roles(template: &(String, String), names: &[String]) -> Option<(Vec<usize>, usize, Vec<usize>)> {
    let index = |name: &str| names.iter().position(|n| n == name);
    let (q_refs, q_typed) = references(&template.0);
    let question: Vec<usize> = dedup(q_refs.iter().filter_map(|n| index(n)).collect());
    let (a_refs, a_typed) = references(&template.1);
    let mut shown: Vec<usize> = q_typed
        .iter()
        .chain(&a_typed)
        .chain(&a_refs)
        .filter_map(|n| index(n))
        .filter(|i| !question.contains(i))
        .collect();
    shown = dedup(shown);
    if question.is_empty() || shown.is_empty() {
        return None;
    }
    let answer = shown.remove(0);
    Some((question, answer, shown))
}

fn dedup(v: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for i in v {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// The fields a template shows, and those it asks to type (`{{type:Back}}`);
/// conditionals, `FrontSide` and special fields are left out.
fn references(template: &str) -> (Vec<String>, Vec<String>) {
    let (mut shown, mut typed) = (Vec::new(), Vec::new());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let inner = rest[start + 2..start + 2 + len].trim();
        rest = &rest[start + 2 + len + 2..];
        if inner.starts_with(['#', '/', '^', '!']) {
            continue;
        }
        let is_typed = inner.starts_with("type:");
        let name = inner.rsplit(':').next().unwrap_or(inner).trim();
        if matches!(
            name,
            "FrontSide" | "Tags" | "Deck" | "Subdeck" | "Card" | "CardFlag" | "Type"
        ) {
            continue;
        }
        if is_typed {
            typed.push(name.to_owned());
        } else {
            shown.push(name.to_owned());
        }
    }
    (shown, typed)
}

/// The field a cloze note type deletes from: `{{cloze:Text}}`.
fn cloze_field(templates: &[(String, String)], names: &[String]) -> Option<usize> {
    let q = &templates.first()?.0;
    let start = q.find("{{cloze:")? + "{{cloze:".len();
    let name = &q[start..start + q[start..].find("}}")?];
    names.iter().position(|n| n == name.trim())
}

/// A deletion: its number, its text and its hint.
struct Deletion<'a> {
    start: usize,
    end: usize,
    number: u32,
    text: &'a str,
    hint: Option<&'a str>,
}

/// The `{{cN::text::hint}}` deletions of a cloze text, outermost only.
fn deletions(text: &str) -> Vec<Deletion<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find("{{c") {
        let start = at + found;
        let after = &text[start + 3..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let Some(number) = after[..digits].parse::<u32>().ok().filter(|n| *n > 0) else {
            at = start + 3;
            continue;
        };
        if !after[digits..].starts_with("::") {
            at = start + 3;
            continue;
        }
        let body_start = start + 3 + digits + 2;
        // Find the matching `}}`, counting nested `{{`.
        let mut depth = 1;
        let mut i = body_start;
        let bytes = text.as_bytes();
        let mut end = None;
        while i + 1 < bytes.len() {
            if bytes[i] == b'{' && bytes[i + 1] == b'{' {
                depth += 1;
                i += 2;
            } else if bytes[i] == b'}' && bytes[i + 1] == b'}' {
                depth -= 1;
                if depth == 0 {
                    end = Some(i);
                    break;
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        let Some(end) = end else { break };
        let body = &text[body_start..end];
        let (text_part, hint) = match body.rfind("::") {
            Some(i) if !body[i..].contains("}}") => (&body[..i], Some(&body[i + 2..])),
            _ => (body, None),
        };
        out.push(Deletion {
            start,
            end: end + 2,
            number,
            text: text_part,
            hint,
        });
        at = end + 2;
    }
    out
}

/// The cloze numbers a text has, in order.
fn cloze_numbers(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    all_numbers(text, &mut numbers);
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The text with every deletion shown as its plain text (nested markup too).
fn revealed(text: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for d in deletions(text) {
        out.push_str(&text[last..d.start]);
        out.push_str(&revealed(d.text));
        last = d.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Card `n` of a cloze text: the prompt with deletion `n` blanked (`[…]`, or
/// `[hint]`), the others shown, and the deleted text as the answer.
pub fn cloze_card(text: &str, n: u32) -> Option<(String, String)> {
    let mut answers = Vec::new();
    let prompt = blank(text, n, &mut answers)?;
    (!answers.is_empty()).then(|| (prompt.trim().to_owned(), answers.join(", ")))
}

/// `text` with deletion `n` blanked, at any depth; its answers pushed.
fn blank(text: &str, n: u32, answers: &mut Vec<String>) -> Option<String> {
    let mut prompt = String::new();
    let mut last = 0;
    for d in deletions(text) {
        prompt.push_str(&text[last..d.start]);
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
        last = d.end;
    }
    prompt.push_str(&text[last..]);
    Some(prompt)
}

/// The cloze numbers of a text at any depth.
fn all_numbers(text: &str, out: &mut Vec<u32>) {
    for d in deletions(text) {
        out.push(d.number);
        all_numbers(d.text, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(note_type: &str, fields: &[&str]) -> Vec<Row> {
        let input = Input {
            line: 1,
            raw: String::new(),
            guid: None,
            note_type,
            cloze: false,
            templates: &[],
            field_names: &[],
            ords: None,
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            html: true,
            tags: Vec::new(),
            deck: None,
        };
        match map(input) {
            Mapped::Rows(rows) => rows,
            Mapped::Skipped(why) => panic!("{why}"),
        }
    }

    #[test]
    fn clozes_blank_one_number_and_show_the_hint() {
        let text = "The {{c1::Korean War}} began on {{c2::25 June 1950::date}} in {{c1::Korea}}.";
        assert_eq!(cloze_numbers(text), [1, 2]);
        assert_eq!(
            cloze_card(text, 1).unwrap(),
            (
                "The […] began on 25 June 1950 in […].".to_owned(),
                "Korean War, Korea".to_owned()
            )
        );
        assert_eq!(
            cloze_card(text, 2).unwrap().0,
            "The Korean War began on [date] in Korea."
        );
        assert_eq!(
            cloze_card("{{c1::outer {{c2::inner}} text}}", 2).unwrap(),
            ("outer […] text".to_owned(), "inner".to_owned())
        );
        assert!(cloze_numbers("{{c0::x}} {{cx::y}} {{c1:z}}").is_empty());
    }

    #[test]
    fn templates_say_which_field_asks() {
        let names: Vec<String> = ["Front", "Back", "Add Reverse"].map(String::from).into();
        let card2 = (
            "{{#Add Reverse}}{{Back}}{{/Add Reverse}}".to_owned(),
            "{{FrontSide}}<hr id=answer>{{Front}}".to_owned(),
        );
        assert_eq!(roles(&card2, &names), Some((vec![1], 0, vec![])));
        let typed = (
            "{{Front}}\n{{type:Back}}".to_owned(),
            "{{Front}}<hr>{{type:Back}}".to_owned(),
        );
        assert_eq!(roles(&typed, &names), Some((vec![0], 1, vec![])));
    }

    #[test]
    fn note_types_by_name_when_there_are_no_templates() {
        assert_eq!(basic("Basic", &["q", "a"]).len(), 1);
        let both = basic("Basic (and reversed card)", &["q", "a"]);
        assert_eq!(
            (both[1].prompt.as_str(), both[1].answer.as_str()),
            ("a", "q")
        );
        assert_eq!(
            basic("Basic (optional reversed card)", &["q", "a", ""]).len(),
            1
        );
        assert_eq!(
            basic("Basic (optional reversed card)", &["q", "a", "y"]).len(),
            2
        );
        let cloze = basic("Cloze", &["{{c1::Seoul}} is the capital", "extra <b>x</b>"]);
        assert_eq!(cloze[0].answer, "Seoul");
        assert_eq!(cloze[0].explain.as_deref(), Some("extra x"));
    }
}
