//! The walk through one text: headings, datelines, paragraphs and sentences, with the date in
//! force; each sentence's dates become facts and its people with an office become mentions.
use super::*;

/// Walks one text: sections, datelines, paragraphs and sentences, with the date in force.
pub(super) fn read(
    i: usize,
    input: &Input,
    drafted: &mut Vec<Drafted>,
    mentioned: &mut Vec<Mentioned>,
    unused: &mut Vec<Unused>,
) {
    let text = &input.text;
    // The nearest date before, which relative dates count from; reset by each heading.
    let mut context: Option<HistDate> = None;
    // A line that is only a date dates the first sentence under it.
    let mut entry: Option<dates::Span> = None;
    // The paragraph that set it, and the year of the section's heading, if it names one.
    let mut context_block: Option<usize> = None;
    let mut section_year: Option<HistDate> = None;
    let mut section: Vec<String> = Vec::new();
    // The day the text was written, made more precise by a report's dateline.
    let mut written = input.dated;
    let starts_entry = |line: &str| lines::entry(line).is_some();
    for (b, mut block) in text::blocks(text, starts_entry).into_iter().enumerate() {
        if !block.heading
            && let Some(d) = lines::report_dateline(&text[block.range.clone()])
        {
            if let Some(m) = &d.date {
                let anchors = Anchors {
                    written,
                    ..Anchors::default()
                };
                if let Ok((date, None)) = dates::resolve(&m.when, anchors) {
                    written = lines::refine(written, date);
                }
                let start = block.range.start;
                let first = text::sentences(text, block.range.clone(), block.line);
                unused.push(Unused {
                    file: input.file.clone(),
                    line: block.line,
                    expression: text[start + m.words.start..start + m.words.end].to_owned(),
                    reason: lines::DATELINE,
                    sentence: squash(&text[first[0].range.clone()]),
                });
            }
            block.range.start += d.len;
        }
        let block_text = &text[block.range.clone()];
        if block.heading {
            context = dates::heading_year(block_text);
            section_year = context;
            context_block = None;
            entry = None;
            if block.level == 2 {
                section = vec![slug(block_text, 6)];
            }
            continue;
        }
        // A run-in heading that names a year starts its part there; one that names none goes on
        // in the year before it, as the parts of a chapter do.
        if let Some(year) = text::run_in_heading(block_text).and_then(dates::heading_year) {
            context = Some(year);
            section_year = context;
            context_block = None;
            entry = None;
        }
        // A listing's or timeline's entry: its date dates the text after it on the line, or
        // the first sentence under it.
        let mut title = text::is_title(block_text);
        // Where an entry's date starts, when the entry says its happening on the same line:
        // the quote keeps the date, so that it shows what it supports.
        let mut quote_from = None;
        if let Some(e) = lines::entry(block_text) {
            let anchors = Anchors {
                before: context,
                // Entries in a row read as one paragraph.
                here: if context_block.is_some_and(|c| c + 1 == b) {
                    context
                } else {
                    section_year
                },
                written,
                ahead: None,
            };
            match dates::resolve(&e.date.when, anchors) {
                Ok((date, until)) => {
                    context = Some(until.unwrap_or(date));
                    context_block = Some(b);
                    entry = Some((date, until));
                }
                Err(reason) => unused.push(Unused {
                    file: input.file.clone(),
                    line: block.line,
                    expression: block_text[e.date.phrase.clone()].to_owned(),
                    reason,
                    sentence: squash(block_text),
                }),
            }
            if e.rest == block_text.len() {
                continue;
            }
            quote_from = Some(block.range.start + e.date.words.start);
            block.range.start += e.rest;
            // What the entry says is read as a sentence, however it is written.
            title = false;
        }
        let sentences = text::sentences(text, block.range.clone(), block.line);
        // The first date with its year in the paragraph, for a month and day before it that
        // nothing earlier dates.
        let ahead = (!title)
            .then(|| {
                sentences.iter().find_map(|x| {
                    dates::find(&text[x.range.clone()])
                        .into_iter()
                        .find_map(|m| match m.when {
                            dates::When::Date(d, _) => Some(d),
                            _ => None,
                        })
                })
            })
            .flatten();
        for (k, sentence) in sentences.iter().enumerate() {
            let s = &text[sentence.range.clone()];
            let quote = match quote_from {
                Some(from) if k == 0 => &text[from..sentence.range.end],
                _ => s,
            };
            let mut not_used = |m: &Mention, reason| {
                unused.push(Unused {
                    file: input.file.clone(),
                    line: sentence.line,
                    expression: s[m.phrase.clone()].to_owned(),
                    reason,
                    sentence: squash(s),
                })
            };
            let mentions = if title {
                dates::find_in_title(s)
            } else {
                dates::find(s)
            };
            let mut dated = Vec::new();
            for m in &mentions {
                let anchors = Anchors {
                    before: context,
                    // A listing's entry reads as one paragraph with its date line.
                    here: if context_block == Some(b) || entry.is_some() {
                        context
                    } else {
                        section_year
                    },
                    written,
                    ahead,
                };
                match dates::resolve(&m.when, anchors) {
                    Ok((date, until)) => {
                        let end = until.unwrap_or(date);
                        // A look back within a paragraph ("had shut down in February 2016"), or
                        // to before its section's year, does not move the story's date.
                        let before = |c: HistDate| end < c && !dates::compatible(end, c);
                        let looks_back = context.is_some_and(before) && context_block == Some(b)
                            || section_year.is_some_and(before);
                        if (!m.attributive || m.opens) && !looks_back {
                            context = Some(end);
                            context_block = Some(b);
                        }
                        dated.push(Dated {
                            date,
                            until,
                            mention: Some(m.clone()),
                        });
                    }
                    Err(reason) => not_used(m, reason),
                }
            }
            // A listing's entry: its date is the document's, and dates the first sentence
            // under its title, beside any date that sentence has of its own.
            if !title
                && let Some((date, until)) = entry.take()
                && !dated.iter().any(|d| dates::compatible(d.date, date))
            {
                dated.push(Dated {
                    date,
                    until,
                    mention: None,
                });
            }
            let holders = if title {
                Vec::new()
            } else {
                people::holders(s)
            };
            let years: Vec<i32> = dated
                .iter()
                .filter(|d| d.mention.as_ref().is_none_or(|m| !m.attributive))
                .map(|d| d.date.get_year())
                .collect();
            for holder in &holders {
                let mut one_line = holder.clone();
                one_line.name = squash(&holder.name);
                one_line.role = squash(&holder.role);
                one_line.known_for = holder.known_for.as_deref().map(squash);
                mentioned.push(Mentioned {
                    holder: one_line,
                    input: i,
                    quote: quote.to_owned(),
                    years: years.clone(),
                    term: people::term(s, &holder.name),
                    tags: section.clone(),
                });
            }
            if dated.is_empty() {
                continue;
            }
            let names: Vec<String> = holders.iter().map(|h| h.name.clone()).collect();
            let next = sentences.get(k + 1).map(|n| &text[n.range.clone()]);
            for (fact, k) in facts::sentence_facts(s, &dated, &names, next) {
                let gist = dated[k]
                    .mention
                    .as_ref()
                    .map(|m| gist::gist(s, m.phrase.clone()))
                    .unwrap_or_default();
                let mut tags = section.clone();
                if let Fact::Event { what, .. } = &fact
                    && facts::dangling(what)
                {
                    tags.push(CHECK_WORDING.to_owned());
                }
                drafted.push(Drafted {
                    fact: fact.one_line(),
                    input: i,
                    line: sentence.line,
                    quote: quote.to_owned(),
                    people: names.clone(),
                    tags,
                    gist,
                });
            }
        }
    }
}
