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
                .is_some_and(|f| !crate::cloze::deletions(f).is_empty()));
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
        let body = repaired(&body);
        if crate::cloze::deletions(&body).is_empty() {
            return Mapped::Skipped(
                if input.fields.get(field).is_some_and(|f| html::has_media(f)) {
                    "a cloze note over a picture (image occlusion) cannot be typed".into()
                } else {
                    "a cloze note without a {{c1::…}} deletion".into()
                },
            );
        }
        if let Some(problem) = crate::cloze::check(&body).first() {
            return Mapped::Skipped(if problem.message.contains("empty") {
                "the deletions are empty".into()
            } else {
                format!(
                    "a cloze note whose deletions cannot be read: {}",
                    problem.message
                )
            });
        }
        let answers: Vec<String> = crate::cloze::numbers(&body)
            .into_iter()
            .filter_map(|n| crate::cloze::card(&body, n))
            .flat_map(|(_, a)| a)
            .collect();
        return Mapped::Rows(vec![Row {
            prompt: crate::cloze::revealed(&body).trim().to_owned(),
            answer: answers.join(", "),
            explain: Some(extra).filter(|e| !e.is_empty()),
            cloze: Some(body),
            ..base
        }]);
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

/// The fields of an imported note whose card was changed in recall: its own fields, with the
/// question, answer and extra (or a cloze's text and extra) written over by what the card
/// says now, as HTML. Fields the card does not show (`Add Reverse`) are kept.
pub fn fields_for(
    note_type: &crate::deck::AnkiNoteType,
    original: &[String],
    card: [&str; 3],
    cloze: bool,
) -> Vec<String> {
    let mut fields: Vec<String> = (0..note_type.fields.len())
        .map(|i| original.get(i).cloned().unwrap_or_default())
        .collect();
    let [asked, answer, explain] = card.map(html::escape);
    let mut set = |i: usize, value: String| {
        if let Some(f) = fields.get_mut(i) {
            *f = value;
        }
    };
    if cloze {
        let text = cloze_field(&note_type.templates, &note_type.fields).unwrap_or(0);
        set(text, asked);
        if let Some(extra) = (0..note_type.fields.len()).find(|&i| i != text) {
            set(extra, explain);
        }
        return fields;
    }
    let (question, answer_at, extra) = note_type
        .templates
        .first()
        .and_then(|t| roles(t, &note_type.fields))
        .unwrap_or((vec![0], 1, Vec::new()));
    for (k, &i) in question.iter().enumerate() {
        set(i, if k == 0 { asked.clone() } else { String::new() });
    }
    set(answer_at, answer);
    for (k, &i) in extra.iter().enumerate() {
        set(
            i,
            if k == 0 {
                explain.clone()
            } else {
                String::new()
            },
        );
    }
    fields
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

/// A cloze text as Anki takes it, made one that loads: a deletion that is empty is left out
/// (Anki makes no card of it), its text kept.
fn repaired(text: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for d in crate::cloze::deletions(text) {
        out.push_str(&text[last..d.span.start]);
        let inner = repaired(d.text);
        if crate::cloze::revealed(&inner).trim().is_empty() {
            out.push_str(&inner);
        } else {
            out.push_str(&text[d.span.start..d.text_start]);
            out.push_str(&inner);
            out.push_str(&text[d.text_start + d.text.len()..d.span.end]);
        }
        last = d.span.end;
    }
    out.push_str(&text[last..]);
    out
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
    fn an_empty_deletion_is_left_out_and_the_rest_kept() {
        assert_eq!(
            repaired("{{c1::Seoul}} and {{c2:: }} and {{c3::x::hint}}"),
            "{{c1::Seoul}} and   and {{c3::x::hint}}"
        );
        assert_eq!(repaired("{{c1::a {{c2::}} b}}"), "{{c1::a  b}}");
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
        assert_eq!(cloze.len(), 1);
        assert_eq!(
            cloze[0].cloze.as_deref(),
            Some("{{c1::Seoul}} is the capital")
        );
        assert_eq!(cloze[0].prompt, "Seoul is the capital");
        assert_eq!(cloze[0].explain.as_deref(), Some("extra x"));
    }
}
