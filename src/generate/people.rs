//! People named with an office: `South Korean President Kim Dae-jung`, `Baek Tae-hyun, a
//! spokesperson for South Korea's Ministry of Unification`, `Kim Yo Jong, sister of Kim Jong Un`.
use super::text::{Kind, Token, tokens};

/// A person a sentence names with an office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub name: String,
    /// As it reads after "the": `President`, `Foreign minister`, `Sister of Kim Jong Un`.
    pub role: String,
    pub country: Option<String>,
    /// What the sentence says the person did, completing "who ___".
    pub known_for: Option<String>,
    /// For `sister of X`: X, whose country is theirs.
    pub relative_of: Option<String>,
}

const OFFICES: [&str; 34] = [
    // Titles of rulers, which name their holder as an office does: `Emperor Napoleon III`,
    // `Tsar Nicholas I`, `Sheikh Tamim`.
    "emperor",
    "empress",
    "tsar",
    "czar",
    "tsarina",
    "kaiser",
    "mikado",
    "shogun",
    "khedive",
    "negus",
    "sultan",
    "sheikh",
    "emir",
    "shah",
    "queen",
    "pharaoh",
    "khan",
    "president",
    "leader",
    "minister",
    "premier",
    "chairman",
    "chairwoman",
    "chair",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "speaker",
    "ambassador",
    "secretary",
    "director",
    "lady",
    "chancellor",
    "king",
];

/// Lowercase words that belong to an office's title: `foreign minister`, `deputy premier`.
const OFFICE_WORDS: [&str; 14] = [
    "foreign",
    "deputy",
    "vice",
    "prime",
    "defense",
    "defence",
    "unification",
    "opposition",
    "supreme",
    "assistant",
    "first",
    "national",
    "assembly",
    "spokesperson",
];

/// Words that are not a person's name even when capitalised.
const NOT_NAMES: [&str; 26] = [
    "Korea",
    "Korean",
    "North",
    "South",
    "Blue",
    "House",
    "Office",
    "Committee",
    "Party",
    "Ministry",
    "Agency",
    "Government",
    "Army",
    "Assembly",
    "Council",
    "Republic",
    "State",
    "States",
    "United",
    "Olympics",
    "The",
    "In",
    "On",
    "Of",
    "And",
    "Moon's",
];

/// Country words: the tokens, then the country.
const COUNTRIES: [(&[&str], &str); 34] = [
    (&["South", "Korean"], "South Korea"),
    (&["South", "Korea's"], "South Korea"),
    (&["South", "Korea’s"], "South Korea"),
    (&["North", "Korean"], "North Korea"),
    (&["North", "Korea's"], "North Korea"),
    (&["North", "Korea’s"], "North Korea"),
    (&["DPRK"], "North Korea"),
    (&["US"], "United States"),
    (&["U.S"], "United States"),
    (&["American"], "United States"),
    (&["Soviet"], "Soviet Union"),
    (&["USSR"], "Soviet Union"),
    (&["Chinese"], "China"),
    (&["Japanese"], "Japan"),
    (&["Hungarian"], "Hungary"),
    (&["GDR"], "East Germany"),
    (&["Czech"], "Czechoslovakia"),
    (&["Russian"], "Russia"),
    (&["British"], "United Kingdom"),
    (&["French"], "France"),
    (&["Prussian"], "Prussia"),
    (&["German"], "Germany"),
    (&["Austrian"], "Austria"),
    (&["Ottoman"], "Ottoman Empire"),
    (&["Turkish"], "Turkey"),
    (&["Polish"], "Poland"),
    (&["Spanish"], "Spain"),
    (&["Italian"], "Italy"),
    (&["Greek"], "Greece"),
    (&["Iranian"], "Iran"),
    (&["Qatari"], "Qatar"),
    (&["Egyptian"], "Egypt"),
    (&["Indian"], "India"),
    (&["Israeli"], "Israel"),
];

/// Rulers' titles that only one country gave its rulers: `Tsar Nicholas I's demand` names a
/// ruler of Russia though the phrase names no country.
const RULERS_OF: [(&str, &str); 10] = [
    ("tsar", "Russia"),
    ("czar", "Russia"),
    ("tsarina", "Russia"),
    ("kaiser", "Germany"),
    ("mikado", "Japan"),
    ("shogun", "Japan"),
    ("khedive", "Egypt"),
    ("negus", "Ethiopia"),
    ("pharaoh", "Egypt"),
    ("shah", "Iran"),
];

/// Where a sentence puts a person's years in office: the year they took it, the year they left
/// it, or a year of their time in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    Start,
    End,
    During,
}

/// Words after a name that say it took office (`became`, `was elected`, `seized power`)...
const STARTS: [&str; 14] = [
    "became",
    "become",
    "elected",
    "appointed",
    "sworn",
    "inaugurated",
    "crowned",
    "succeeded",
    "ascended",
    "assumed",
    "installed",
    "seized",
    "named",
    "acceded",
];

/// ... or left it (`resigned`, `stepped down`, `handed over control`).
const ENDS: [&str; 13] = [
    "resigned",
    "resigns",
    "stepped",
    "abdicated",
    "ousted",
    "deposed",
    "overthrown",
    "toppled",
    "retired",
    "died",
    "assassinated",
    "handed",
    "removed",
];

/// What the sentence says `name` did with their office, from the verbs in the eight words after
/// the name (past an apposition: `Fidel Castro, the Cuban president who seized power in a 1959
/// revolution`). `became` in `became the first President` starts a term; `resigned` and
/// `stepped down` end it; anything else is a year of it.
pub fn term(sentence: &str, name: &str) -> Term {
    let Some(at) = sentence.find(name) else {
        return Term::During;
    };
    let after = &sentence[at + name.len()..];
    let words: Vec<String> = tokens(after)
        .iter()
        .filter(|x| x.kind == Kind::Word)
        .take(8)
        .map(Token::lower)
        .collect();
    for (k, w) in words.iter().enumerate() {
        // `took office`, `came to power`, `left office`
        let next = words.get(k + 1).map(String::as_str);
        let then = words.get(k + 2).map(String::as_str);
        let office = next == Some("office") || next == Some("power") || then == Some("power");
        if STARTS.contains(&w.as_str()) || office && matches!(w.as_str(), "took" | "came" | "rose")
        {
            return Term::Start;
        }
        if ENDS.contains(&w.as_str()) || office && w == "left" {
            return Term::End;
        }
    }
    Term::During
}

/// The country whose words end at token `end` (exclusive), and where they start.
fn country_ending(t: &[Token], end: usize) -> Option<(usize, &'static str)> {
    COUNTRIES.iter().find_map(|(words, country)| {
        let start = end.checked_sub(words.len())?;
        let matches = words
            .iter()
            .enumerate()
            .all(|(i, w)| t.get(start + i).is_some_and(|x| x.text == *w));
        matches.then_some((start, *country))
    })
}

/// `of South Korea`, `of the United States`.
fn country_after_of(t: &[Token], k: usize) -> Option<(usize, &'static str)> {
    if !t.get(k).is_some_and(|x| x.is("of")) {
        return None;
    }
    let k = k + 1 + usize::from(t.get(k + 1).is_some_and(|x| x.is("the")));
    let two = |a: &str, b: &str| {
        t.get(k).is_some_and(|x| x.text == a) && t.get(k + 1).is_some_and(|x| x.text == b)
    };
    if two("South", "Korea") {
        Some((k + 2, "South Korea"))
    } else if two("North", "Korea") {
        Some((k + 2, "North Korea"))
    } else if two("United", "States") {
        Some((k + 2, "United States"))
    } else {
        None
    }
}

fn name_token(x: &Token) -> bool {
    x.kind == Kind::Word && x.is_capitalized() && !NOT_NAMES.contains(&x.text)
}

/// A person's name from token `k`: capitalised words (and initials like `A.M.`), without a
/// possessive. Returns the name and the token after it.
fn name_at(t: &[Token], sentence: &str, k: usize) -> Option<(String, usize)> {
    let mut end = k;
    let mut possessive = false;
    while end < t.len() && name_token(&t[end]) {
        if COUNTRIES
            .iter()
            .any(|(w, _)| w.len() == 1 && w[0] == t[end].text)
        {
            break;
        }
        let initial = t[end].text.contains('.') || t[end].text.chars().count() == 1;
        end += 1;
        if t[end - 1].text.ends_with("'s") || t[end - 1].text.ends_with("’s") {
            possessive = true;
            break;
        }
        if initial
            && t.get(end).is_some_and(|x| x.text == ".")
            && t.get(end + 1).is_some_and(name_token)
        {
            end += 1;
        }
    }
    if end == k {
        return None;
    }
    let mut name = sentence[t[k].range.start..t[end - 1].range.end].to_owned();
    if possessive {
        name.truncate(
            name.len()
                - if name.ends_with("’s") {
                    "’s".len()
                } else {
                    2
                },
        );
    }
    Some((name, end))
}

/// Every office holder a sentence names.
pub fn holders(sentence: &str) -> Vec<Holder> {
    let t = tokens(sentence);
    let mut out: Vec<Holder> = Vec::new();
    let mut push = |h: Holder| {
        if !out.iter().any(|o| o.name == h.name) {
            out.push(h);
        }
    };
    for k in 0..t.len() {
        let lower = t[k].lower();
        let office = lower.trim_end_matches("'s").trim_end_matches("’s");
        if t[k].kind != Kind::Word {
            continue;
        }
        // `the sister of Kim Jong Un, Kim Yo Jong` and `Kim Yo Jong, sister of Kim Jong Un`
        if office == "sister" || office == "brother" || office == "wife" {
            if let Some((target, after)) = t
                .get(k + 1)
                .filter(|x| x.is("of"))
                .and_then(|_| name_at(&t, sentence, k + 2))
            {
                let role = format!("{} of {target}", capitalize(office));
                let before = k.checked_sub(2).filter(|&b| t[b + 1].text == ",");
                let named = if t.get(after).is_some_and(|x| x.text == ",") {
                    name_at(&t, sentence, after + 1).map(|(n, _)| n)
                } else {
                    None
                }
                .or_else(|| before.and_then(|b| name_before(&t, sentence, b + 1)));
                if let Some(name) = named {
                    push(Holder {
                        name,
                        role,
                        country: None,
                        known_for: None,
                        relative_of: Some(target),
                    });
                }
            }
            continue;
        }
        if !OFFICES.contains(&office) {
            continue;
        }
        // Title before the name: `South Korean President Park Chung Hee`.
        let mut start = k;
        let mut country = None;
        loop {
            if let Some((_, c)) = country_ending(&t, start) {
                country = Some(c);
                break;
            }
            let Some(prev) = start.checked_sub(1).map(|p| &t[p]) else {
                break;
            };
            let title_word = prev.kind == Kind::Word
                && (prev.is_capitalized() && !is_function(prev)
                    || OFFICE_WORDS.contains(&prev.lower().as_str()));
            if !title_word {
                break;
            }
            start -= 1;
        }
        let role_tokens = start..k + 1;
        let role_text = |r: std::ops::Range<usize>| {
            let text = &sentence[t[r.start].range.start..t[r.end - 1].range.end];
            capitalize(text.trim_end_matches("'s").trim_end_matches("’s"))
        };
        if country.is_none() {
            country = RULERS_OF
                .iter()
                .find(|(r, _)| *r == office)
                .map(|(_, c)| *c);
        }
        if let Some((name, after)) = name_at(&t, sentence, k + 1) {
            // `A and B met`: what they did together says little about either.
            let compound =
                start > 0 && t[start - 1].is("and") || t.get(after).is_some_and(|x| x.is("and"));
            push(Holder {
                known_for: known_for(&t, sentence, after).filter(|_| !compound),
                name,
                role: role_text(role_tokens.clone()),
                country: country.map(str::to_owned),
                relative_of: None,
            });
            continue;
        }
        // `Kim Dae-jung became the first President of South Korea`
        if let Some((_, c)) = country_after_of(&t, k + 1) {
            let mut v = role_tokens.start;
            while v > 0
                && (OFFICE_WORDS.contains(&t[v - 1].lower().as_str())
                    || matches!(t[v - 1].lower().as_str(), "the" | "new"))
            {
                v -= 1;
            }
            let verb = v.checked_sub(1).map(|i| t[i].lower());
            let verb_start = match verb.as_deref() {
                Some("became") => v - 1,
                Some("elected" | "appointed" | "named") if v >= 2 && t[v - 2].is("was") => v - 2,
                _ => continue,
            };
            if let Some(name) = name_before(&t, sentence, verb_start) {
                push(Holder {
                    known_for: known_for(&t, sentence, verb_start),
                    name,
                    role: role_text(k..k + 1),
                    country: Some(c.to_owned()),
                    relative_of: None,
                });
            }
            continue;
        }
        // `Baek Tae-hyun, a spokesperson for South Korea's Ministry of Unification`
        let article = role_tokens
            .start
            .checked_sub(1)
            .filter(|&a| matches!(t[a].lower().as_str(), "a" | "an" | "the"));
        let comma = article
            .unwrap_or(role_tokens.start)
            .checked_sub(1)
            .filter(|&c| t[c].text == ",");
        if let Some(comma) = comma
            && let Some(name) = name_before(&t, sentence, comma)
            && let Some((org, c)) = organisation(&t, sentence, k + 1)
        {
            push(Holder {
                name,
                role: format!("{} {org}", role_text(k..k + 1)),
                country: Some(c.to_owned()),
                known_for: None,
                relative_of: None,
            });
        }
    }
    // `with Syngman Rhee as president`
    let office_at = |i: usize| {
        t.get(i)
            .is_some_and(|x| OFFICES.contains(&x.lower().as_str()))
    };
    for k in 1..t.len() {
        let role_len = if office_at(k + 1) {
            1
        } else if office_at(k + 2) && OFFICE_WORDS.contains(&t[k + 1].lower().as_str()) {
            2
        } else {
            continue;
        };
        if t[k].is("as") && t.iter().any(|x| x.is("with")) {
            let Some(name) = name_before(&t, sentence, k) else {
                continue;
            };
            let country = if sentence.contains("Democratic People's Republic of Korea")
                || sentence.contains("DPRK")
            {
                "North Korea"
            } else if sentence.contains("Republic of Korea") {
                "South Korea"
            } else {
                continue;
            };
            let role = capitalize(&sentence[t[k + 1].range.start..t[k + role_len].range.end]);
            push(Holder {
                name,
                role,
                country: Some(country.to_owned()),
                known_for: None,
                relative_of: None,
            });
        }
    }
    out
}

fn is_function(x: &Token) -> bool {
    matches!(
        x.lower().as_str(),
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "of"
            | "and"
            | "with"
            | "by"
            | "at"
            | "for"
            | "to"
            | "during"
            | "under"
    )
}

/// The name that ends just before token `end` (exclusive).
fn name_before(t: &[Token], sentence: &str, end: usize) -> Option<String> {
    let mut start = end;
    while start > 0 && name_token(&t[start - 1]) && !is_function(&t[start - 1]) {
        start -= 1;
    }
    (start < end).then(|| sentence[t[start].range.start..t[end - 1].range.end].to_owned())
}

/// `for South Korea's Ministry of Unification`: `for the Ministry of Unification`, South Korea.
fn organisation(t: &[Token], sentence: &str, k: usize) -> Option<(String, &'static str)> {
    let link = t.get(k).filter(|x| x.is("of") || x.is("for"))?;
    let (country_end, country) = (k + 2..=k + 3).find_map(|e| {
        country_ending(t, e)
            .filter(|(s, _)| *s == k + 1)
            .map(|(_, c)| (e, c))
    })?;
    let mut end = country_end;
    while end < t.len()
        && (t[end].kind == Kind::Word && t[end].is_capitalized()
            || matches!(t[end].lower().as_str(), "of" | "for" | "the")
                && t.get(end + 1)
                    .is_some_and(|x| x.is_capitalized() || x.is("the")))
    {
        end += 1;
    }
    if end == country_end {
        return None;
    }
    let org = &sentence[t[country_end].range.start..t[end - 1].range.end];
    Some((format!("{} the {org}", link.text), country))
}

/// What the person did, from the verb after their name to the end of the clause.
fn known_for(t: &[Token], sentence: &str, k: usize) -> Option<String> {
    let first = t.get(k)?;
    let adverb = matches!(
        first.lower().as_str(),
        "also" | "then" | "secretly" | "reluctantly" | "quickly" | "later" | "first"
    );
    let verb = if adverb { t.get(k + 1)? } else { first };
    let lower = verb.lower();
    const IRREGULAR: [&str; 24] = [
        "met", "made", "said", "became", "began", "sent", "led", "took", "gave", "spoke", "won",
        "held", "told", "wrote", "ran", "went", "oversaw", "saw", "set", "put", "was", "had",
        "did", "hoped",
    ];
    let is_verb = verb.kind == Kind::Word
        && !verb.is_capitalized()
        && (lower.ends_with("ed") || IRREGULAR.contains(&lower.as_str()));
    if !is_verb {
        return None;
    }
    let rest = &sentence[first.range.start..];
    let mut end = rest.len();
    for stop in [
        ", which",
        ", while",
        ", according",
        ", state media",
        ", saying",
        ", stating",
        ", calling",
        "; ",
        " - ",
    ] {
        if let Some(i) = rest.find(stop) {
            end = end.min(i);
        }
    }
    let clause = rest[..end].trim_end_matches(['.', ',', ' ']);
    Some(clause.to_owned())
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ruler_s_title_gives_the_country_the_phrase_does_not() {
        let h = holders("After the Porte refused Tsar Nicholas I's demand, troops moved in.");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].name, "Nicholas I");
        assert_eq!(h[0].country.as_deref(), Some("Russia"));
        // A title many countries gave names none.
        let h = holders("Emperor Menelik II defeated the invaders.");
        assert_eq!(h[0].country, None);
    }

    #[test]
    fn taking_and_leaving_office() {
        let s = "Japanese Prime Minister Taro Aso took office in 2008.";
        assert_eq!(term(s, "Taro Aso"), Term::Start);
        let s = "Japanese Prime Minister Taro Aso took part in the summit of 2008.";
        assert_eq!(term(s, "Taro Aso"), Term::During);
        let s = "Japanese Prime Minister Taro Aso left office in 2009.";
        assert_eq!(term(s, "Taro Aso"), Term::End);
        assert_eq!(
            term(
                "Prime Minister Mari Alkatiri resigned in 2006.",
                "Mari Alkatiri"
            ),
            Term::End
        );
        assert_eq!(
            term(
                "Fidel Castro, the Cuban president who seized power in a 1959 revolution, spoke.",
                "Fidel Castro"
            ),
            Term::Start
        );
        assert_eq!(
            term(
                "In 1998, Kim Dae-jung became the first President to visit.",
                "Kim Dae-jung"
            ),
            Term::Start
        );
        assert_eq!(
            term(
                "Lord Derby then stepped down as Prime Minister.",
                "Lord Derby"
            ),
            Term::End
        );
    }

    fn one(sentence: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
        holders(sentence)
            .into_iter()
            .map(|h| (h.name, h.role, h.country, h.known_for))
            .collect()
    }

    fn h(
        name: &str,
        role: &str,
        country: Option<&str>,
        known: Option<&str>,
    ) -> (String, String, Option<String>, Option<String>) {
        (
            name.into(),
            role.into(),
            country.map(Into::into),
            known.map(Into::into),
        )
    }

    #[test]
    fn titles_of_rulers_are_offices() {
        let found =
            one("It resulted in the capture of the French Emperor Napoleon III and the defeat.");
        assert_eq!(found[0].0, "Napoleon III", "{found:?}");
        assert_eq!(found[0].1, "Emperor", "{found:?}");
        assert_eq!(found[0].2.as_deref(), Some("France"), "{found:?}");
        let found = one("Qatari Sheikh Tamim met the envoy.");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("Tamim", "Sheikh"),
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_cut_off_after_for_names_no_organisation() {
        let found = one("The talks were announced by Baek Tae-hyun, a spokesperson for");
        assert!(found.iter().all(|h| h.2.is_none()), "{found:?}");
    }

    #[test]
    fn offices_before_names() {
        assert_eq!(
            one(
                "In 1998, South Korean President Kim Dae-jung announced a Sunshine Policy towards North Korea."
            ),
            [h(
                "Kim Dae-jung",
                "President",
                Some("South Korea"),
                Some("announced a Sunshine Policy towards North Korea")
            )]
        );
        assert_eq!(
            one(
                "On 4 October 2007, South Korean President Roh Moo-hyun and North Korean leader Kim Jong Il signed a peace declaration."
            ),
            [
                h("Roh Moo-hyun", "President", Some("South Korea"), None),
                h(
                    "Kim Jong Il",
                    "Leader",
                    Some("North Korea"),
                    Some("signed a peace declaration")
                )
            ]
        );
        assert_eq!(
            one(
                "On 5 June 2020, the North Korean foreign minister Ri Son Gwon said that prospects had faded."
            ),
            [h(
                "Ri Son Gwon",
                "Foreign minister",
                Some("North Korea"),
                Some("said that prospects had faded")
            )]
        );
        assert_eq!(
            one("During preparations for US President Nixon's visit to China in 1972, it began."),
            [h("Nixon", "President", Some("United States"), None)]
        );
        assert_eq!(
            one("Under President Moon Jae-in, the relationship warmed."),
            [h("Moon Jae-in", "President", None, None)]
        );
        assert_eq!(
            one(
                "South Korean National Assembly Speaker Woo Won-shik met with North Korean leader Kim Jong Un."
            ),
            [
                h(
                    "Woo Won-shik",
                    "National Assembly Speaker",
                    Some("South Korea"),
                    Some("met with North Korean leader Kim Jong Un")
                ),
                h("Kim Jong Un", "Leader", Some("North Korea"), None)
            ]
        );
    }

    #[test]
    fn offices_after_names() {
        assert_eq!(
            one(
                "In 2000, Kim Dae-jung became the first President of South Korea to visit North Korea."
            ),
            [h(
                "Kim Dae-jung",
                "President",
                Some("South Korea"),
                Some("became the first President of South Korea to visit North Korea")
            )]
        );
        assert_eq!(
            one("In May 2017 Moon Jae-in was elected President of South Korea with a promise."),
            [h(
                "Moon Jae-in",
                "President",
                Some("South Korea"),
                Some("was elected President of South Korea with a promise")
            )]
        );
        assert_eq!(
            one(
                "“The agenda is set,” Baek Tae-hyun, a spokesperson for South Korea’s Ministry of Unification, told reporters."
            ),
            [h(
                "Baek Tae-hyun",
                "Spokesperson for the Ministry of Unification",
                Some("South Korea"),
                None
            )]
        );
        assert_eq!(
            one(
                "In North Korea, the Democratic People's Republic of Korea was declared on 9 September, with Kim Il Sung as prime minister."
            ),
            [h(
                "Kim Il Sung",
                "Prime minister",
                Some("North Korea"),
                None
            )]
        );
        let sister = holders(
            "It was headed by Kim Yo Jong, sister of Kim Jong Un, and President Kim Yong Nam.",
        );
        assert_eq!(sister[0].name, "Kim Yo Jong");
        assert_eq!(sister[0].role, "Sister of Kim Jong Un");
        assert_eq!(sister[0].relative_of.as_deref(), Some("Kim Jong Un"));
        assert_eq!(sister[1].name, "Kim Yong Nam");
        let sister = holders("The sister of Kim Jong Un, Kim Yo Jong, stated it.");
        assert_eq!(sister[0].name, "Kim Yo Jong");
    }

    #[test]
    fn no_office_no_holder() {
        assert!(
            holders("This was incorporated into General Order No. 1 to Japanese forces.")
                .is_empty()
        );
        assert!(
            holders("The president's office stated that the broadcasts aimed to help.").is_empty()
        );
        assert!(holders("Military leaders from both countries signed it.").is_empty());
    }
}
