//! How people name countries, titles and offices, so that an answer is graded by what it
//! says rather than by how it says it: "US President", "President of the United States" and
//! "American president" are one office. Pure data and string rules; the checker uses them.

/// A country (or a body that offices belong to, like the UN) and the ways it is written.
pub struct Country {
    /// A short code the checker compares instead of the words.
    pub code: &'static str,
    /// Names, abbreviations and adjectives, all equal as far as grading goes. An
    /// abbreviation in capitals is also read with dots (`U.S.`, `R.O.K.`).
    pub forms: &'static [&'static str],
}

/// The countries of the decks' history and their neighbours. Bare "Korea" and "Korean" are
/// left out on purpose: they name neither Korea. So is "UN", the syllable of "Kim Jong Un":
/// a form must never be a word of a name.
pub const COUNTRIES: &[Country] = &[
    Country {
        code: "kr",
        forms: &[
            "South Korea",
            "Republic of Korea",
            "ROK",
            "South Korean",
            "Korea (South)",
        ],
    },
    Country {
        code: "kp",
        forms: &[
            "North Korea",
            "Democratic People's Republic of Korea",
            "DPR Korea",
            "DPRK",
            "North Korean",
            "Korea (North)",
        ],
    },
    Country {
        code: "us",
        forms: &[
            "United States",
            "United States of America",
            "USA",
            "US",
            "America",
            "American",
        ],
    },
    Country {
        code: "su",
        forms: &[
            "Soviet Union",
            "Union of Soviet Socialist Republics",
            "USSR",
            "Soviet",
        ],
    },
    Country {
        code: "ru",
        forms: &["Russia", "Russian Federation", "Russian"],
    },
    Country {
        code: "gb",
        forms: &[
            "United Kingdom",
            "UK",
            "Great Britain",
            "Britain",
            "British",
        ],
    },
    Country {
        code: "cn",
        forms: &["China", "People's Republic of China", "PRC", "Chinese"],
    },
    Country {
        code: "tw",
        forms: &["Taiwan", "Republic of China", "ROC", "Taiwanese"],
    },
    Country {
        code: "jp",
        forms: &["Japan", "Japanese"],
    },
    Country {
        code: "dd",
        forms: &[
            "East Germany",
            "German Democratic Republic",
            "GDR",
            "DDR",
            "East German",
        ],
    },
    Country {
        code: "de",
        forms: &[
            "West Germany",
            "Federal Republic of Germany",
            "FRG",
            "West German",
            "Germany",
            "German",
        ],
    },
    Country {
        code: "hu",
        forms: &["Hungary", "Hungarian"],
    },
    Country {
        code: "pl",
        forms: &["Poland", "Polish"],
    },
    Country {
        code: "cs",
        forms: &["Czechoslovakia", "Czechoslovak"],
    },
    Country {
        code: "fr",
        forms: &["France", "French"],
    },
    Country {
        code: "vn",
        forms: &["Vietnam", "Viet Nam", "Vietnamese"],
    },
    Country {
        code: "mn",
        forms: &["Mongolia", "Mongolian"],
    },
    Country {
        code: "in",
        forms: &["India", "Indian"],
    },
    Country {
        code: "ca",
        forms: &["Canada", "Canadian"],
    },
    Country {
        code: "au",
        forms: &["Australia", "Australian"],
    },
    Country {
        code: "se",
        forms: &["Sweden", "Swedish"],
    },
    Country {
        code: "ch",
        forms: &["Switzerland", "Swiss"],
    },
];

/// Words that make a title in front of a name ("President Kim Dae-jung", "Chairman Kim Jong
/// Un"), lowercase. Before a name they never change who is meant; in an office they do
/// ("Vice President" is not "President"), so the checker drops them only around an answer
/// that has none of them.
pub const TITLE_WORDS: &[&str] = &[
    "president",
    "vice",
    "deputy",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "premier",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "general",
    "leader",
    "supreme",
    "marshal",
    "admiral",
    "commander",
    "colonel",
    "captain",
    "comrade",
    "ambassador",
    "envoy",
    "director",
    "speaker",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "first",
    "lady",
    "king",
    "queen",
    "emperor",
    "empress",
    "prince",
    "princess",
    "chancellor",
    "senator",
    "governor",
    "mayor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
];

/// Names of one office that mean the same, each way round.
pub const OFFICE_SYNONYMS: &[(&str, &str)] = &[
    ("Prime Minister", "Premier"),
    ("Deputy Premier", "Deputy Prime Minister"),
    ("Deputy Premier", "Vice Premier"),
    ("Chairman", "Chair"),
    ("Chairman", "Chairperson"),
    ("Vice Chair", "Vice Chairman"),
    ("Vice Chair", "Deputy Chair"),
    ("Foreign Minister", "Minister of Foreign Affairs"),
    ("Foreign Minister", "Minister for Foreign Affairs"),
    ("Minister of Unification", "Minister for Unification"),
    ("Defense Minister", "Minister of National Defense"),
    ("Defense", "Defence"),
    ("Leader", "Supreme Leader"),
    ("spokesperson", "spokesman"),
    ("spokesperson", "spokeswoman"),
    ("Counselor", "Counsellor"),
    ("Ambassador", "Envoy"),
];

/// Acronyms that `text` defines in brackets after their long form, long form first:
/// "Korean Central Intelligence Agency (KCIA)" gives ("Korean Central Intelligence Agency",
/// "KCIA"). Small words inside a long form ("Republic of Korea") need not be initials.
pub fn defined_acronyms(text: &str) -> Vec<(String, String)> {
    const SMALL: [&str; 5] = ["of", "the", "and", "for", "on"];
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let before = &rest[..open];
        let after = &rest[open + 1..];
        rest = after;
        let Some(close) = after.find(')') else { break };
        let acronym = &after[..close];
        if acronym.chars().count() < 2 || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let words: Vec<&str> = before.split_whitespace().collect();
        let mut letters: Vec<char> = acronym.chars().collect();
        let mut start = words.len();
        while let (Some(&letter), Some(k)) = (letters.last(), start.checked_sub(1)) {
            let word = words[k];
            let initial = word.chars().next().map(|c| c.to_ascii_uppercase());
            if initial == Some(letter) {
                letters.pop();
            } else if !SMALL.contains(&word.to_lowercase().as_str()) || start == words.len() {
                break;
            }
            start = k;
        }
        if letters.is_empty() {
            found.push((words[start..].join(" "), acronym.to_owned()));
        }
    }
    found
}

/// Replaces whole-word, case-insensitive occurrences of `from` in `text` by `to`.
fn replace_words(text: &str, from: &str, to: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let needle = from.to_lowercase();
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    let boundary = |s: &str, i: usize, before: bool| {
        let c = if before {
            s[..i].chars().next_back()
        } else {
            s[i..].chars().next()
        };
        c.is_none_or(|c| !c.is_alphanumeric())
    };
    let mut from_here = 0;
    while let Some(found) = lower[from_here..].find(&needle) {
        let at = from_here + found;
        let end = at + needle.len();
        from_here = end;
        // Lowercasing can change lengths outside ASCII; such text is left as it is.
        if lower.len() != text.len() || !boundary(&lower, at, true) || !boundary(&lower, end, false)
        {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(to);
        last = end;
        changed = true;
    }
    out.push_str(&text[last..]);
    changed.then_some(out)
}

/// The ways one office is written: its synonyms, acronyms that `acronyms` defines for its
/// words, and "Unification Minister" for "Minister of Unification".
pub fn role_forms(role: &str, acronyms: &[(String, String)]) -> Vec<String> {
    let mut forms = vec![role.trim().to_owned()];
    let add = |forms: &mut Vec<String>, form: String| {
        if !forms.iter().any(|f| f.eq_ignore_ascii_case(&form)) {
            forms.push(form);
        }
    };
    for (long, short) in acronyms {
        for form in forms.clone() {
            if let Some(changed) = replace_words(&form, long, short) {
                add(&mut forms, changed);
            }
            if let Some(changed) = replace_words(&form, short, long) {
                add(&mut forms, changed);
            }
        }
    }
    for (a, b) in OFFICE_SYNONYMS {
        for form in forms.clone() {
            for (from, to) in [(a, b), (b, a)] {
                if let Some(changed) = replace_words(&form, from, to) {
                    add(&mut forms, changed);
                }
            }
        }
    }
    for form in forms.clone() {
        if let Some((office, of)) = form.split_once(" of ") {
            let of = of.strip_prefix("the ").unwrap_or(of);
            add(&mut forms, format!("{of} {office}"));
        }
    }
    forms
}

/// Nouns that name a kind of office rather than an office: "Leader" is true of any
/// President or Premier, "State Department official" of any officer of the State Department.
const GENERIC_OFFICES: &[&str] = &[
    "leader",
    "official",
    "officer",
    "diplomat",
    "politician",
    "statesman",
    "head of state",
];

/// Whether two offices of one country may both be true of one person, so that neither can
/// stand for the other in a false statement or as a wrong option: one's words (up to
/// synonyms) are all in the other ("Ambassador", "Ambassador to North Korea"; "Premier",
/// "Deputy Premier"), or one names only a kind of office that the other is of ("Leader" and
/// "President"; "State Department official" and "Deputy Assistant Secretary of State").
pub fn overlaps(a: &str, b: &str) -> bool {
    const SMALL: [&str; 9] = ["of", "the", "to", "for", "and", "in", "at", "on", "a"];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
            .collect()
    };
    let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    let generic = |role: &str| {
        let role = role.to_lowercase();
        GENERIC_OFFICES
            .iter()
            .any(|g| role == *g || role.ends_with(&format!(" {g}")))
    };
    let same_kind = crate::card::heads(a) == crate::card::heads(b);
    if (generic(a) || generic(b)) && same_kind {
        return true;
    }
    let (fa, fb) = (role_forms(a, &[]), role_forms(b, &[]));
    fa.iter().any(|x| {
        fb.iter().any(|y| {
            let (x, y) = (words(x), words(y));
            within(&x, &y) || within(&y, &x)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_found_after_their_long_form() {
        let quote = "In May 1972, Lee Hu-rak, the director of the Korean Central Intelligence Agency (KCIA), secretly met with Kim Il Sung.";
        assert_eq!(
            defined_acronyms(quote),
            [(
                "Korean Central Intelligence Agency".to_owned(),
                "KCIA".to_owned()
            )]
        );
        assert_eq!(
            defined_acronyms("the Democratic People's Republic of Korea (DPRK) said"),
            [(
                "Democratic People's Republic of Korea".to_owned(),
                "DPRK".to_owned()
            )]
        );
        for none in [
            "Republic of Korea Armed Forces (ROKA) halted",
            "a meeting (UN) of",
            "(KCIA)",
            "the agency (Kcia)",
            "unclosed (KCIA",
            "",
        ] {
            assert!(defined_acronyms(none).is_empty(), "{none}");
        }
    }

    #[test]
    fn an_office_has_its_synonyms_and_acronyms() {
        let kcia = defined_acronyms("Korean Central Intelligence Agency (KCIA)");
        let forms = role_forms("Director of the Korean Central Intelligence Agency", &kcia);
        for form in [
            "Director of the KCIA",
            "KCIA Director",
            "Korean Central Intelligence Agency Director",
        ] {
            assert!(forms.iter().any(|f| f == form), "{form}: {forms:?}");
        }
        let forms = role_forms("Prime Minister", &[]);
        assert_eq!(forms, ["Prime Minister", "Premier"]);
        let forms = role_forms("Deputy Premier", &[]);
        assert!(forms.iter().any(|f| f == "Deputy Prime Minister"));
        assert!(!forms.iter().any(|f| f == "Premier"), "{forms:?}");
        assert_eq!(
            role_forms("Minister of Unification", &[]),
            [
                "Minister of Unification",
                "Minister for Unification",
                "Unification Minister"
            ]
        );
        // Whole words only.
        assert_eq!(role_forms("Chairwoman", &[]), ["Chairwoman"]);
    }

    #[test]
    fn every_country_has_a_code_of_its_own() {
        let mut codes: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRIES.len());
        assert!(codes.iter().all(|c| c.len() == 2));
    }

    #[test]
    fn offices_overlap_when_one_may_be_said_of_the_other() {
        for (a, b) in [
            (
                "State Department official",
                "Deputy Assistant Secretary of State for Japan and Korea",
            ),
            ("Leader", "President"),
            ("Leader", "Prime Minister"),
            ("Supreme Leader", "Premier"),
            ("Ambassador", "Ambassador to North Korea"),
            ("Premier", "Prime Minister"),
            ("Prime Minister", "Deputy Premier"),
            ("spokesperson", "Blue House spokesperson"),
            (
                "Chairman",
                "Chairman of the Committee for the Peaceful Reunification of the Fatherland",
            ),
            ("President", "President"),
        ] {
            assert!(overlaps(a, b), "{a} / {b}");
            assert!(overlaps(b, a), "{b} / {a}");
        }
        for (a, b) in [
            ("State Department official", "President"),
            ("Leader", "Foreign Minister"),
            ("President", "Prime Minister"),
            (
                "Blue House spokesperson",
                "Unification Ministry spokesperson",
            ),
            ("Minister of Unification", "Foreign Minister"),
            ("Ambassador", "Provisional Chargé d'Affaires"),
            (
                "Ambassador to North Korea",
                "Counselor at the Embassy in North Korea",
            ),
            (
                "Director of the Korean Central Intelligence Agency",
                "Speaker of the National Assembly",
            ),
        ] {
            assert!(!overlaps(a, b), "{a} / {b}");
            assert!(!overlaps(b, a), "{b} / {a}");
        }
    }
}
