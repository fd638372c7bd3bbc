//! One leader per person, from every mention of them with an office.
use std::collections::HashMap;

use super::*;

/// A leader made from every mention of one person.
pub(super) struct Leader {
    pub(super) name: String,
    pub(super) country: String,
    pub(super) role: String,
    pub(super) from: Option<i32>,
    pub(super) to: Option<i32>,
    pub(super) known_for: Vec<String>,
    pub(super) input: usize,
    pub(super) quote: String,
    pub(super) tags: Vec<String>,
}

/// Korean family names: alone, they do not say who is meant.
const FAMILY_NAMES: [&str; 14] = [
    "Kim", "Lee", "Park", "Pak", "Moon", "Roh", "Yoon", "Rhee", "Chun", "Choi", "Ri", "Cho",
    "Jang", "Yi",
];

/// One leader per person: the office named most often, the country the text gives, the years
/// of the sentences that name them with it.
pub(super) fn leaders(mentioned: Vec<Mentioned>) -> Vec<Leader> {
    let full_names: Vec<String> = mentioned
        .iter()
        .map(|m| m.holder.name.clone())
        .filter(|n| n.contains(' '))
        .collect();
    let mut by_name: Vec<(String, Vec<&Mentioned>)> = Vec::new();
    for m in &mentioned {
        let name = &m.holder.name;
        if !name.contains(' ')
            && (FAMILY_NAMES.contains(&name.as_str())
                || full_names.iter().any(|f| f.split(' ').any(|w| w == name)))
        {
            continue;
        }
        match by_name.iter_mut().find(|(n, _)| n == name) {
            Some((_, all)) => all.push(m),
            None => by_name.push((name.clone(), vec![m])),
        }
    }
    let countries: HashMap<String, String> = by_name
        .iter()
        .filter_map(|(n, all)| {
            let c = all.iter().find_map(|m| m.holder.country.clone())?;
            Some((n.clone(), c))
        })
        .collect();
    let mut out = Vec::new();
    for (name, all) in &by_name {
        let country = countries.get(name).cloned().or_else(|| {
            all.iter()
                .find_map(|m| m.holder.relative_of.as_ref())
                .and_then(|r| countries.get(r).cloned())
        });
        let Some(country) = country else { continue };
        let mut roles: Vec<(&str, usize)> = Vec::new();
        for m in all {
            match roles
                .iter_mut()
                .find(|(r, _)| r.eq_ignore_ascii_case(&m.holder.role))
            {
                Some((_, n)) => *n += 1,
                None => roles.push((&m.holder.role, 1)),
            }
        }
        let role = roles
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map(|(r, _)| r.to_string())
            .unwrap_or_default();
        // The years the text ties to them in this office, not in another.
        let in_office = |m: &&&Mentioned| m.holder.role.eq_ignore_ascii_case(&role);
        // The year they left office ends the term and never starts it; the year they took it
        // starts it and never ends it.
        let years_when = |keep: &dyn Fn(people::Term) -> bool| -> Vec<i32> {
            all.iter()
                .filter(in_office)
                .filter(|m| keep(m.term))
                .flat_map(|m| m.years.clone())
                .collect()
        };
        let from = years_when(&|t| t != people::Term::End).into_iter().min();
        let to = years_when(&|t| t != people::Term::Start)
            .into_iter()
            .max()
            .filter(|t| Some(*t) != from && from.is_none_or(|f| *t > f));
        let known_for: Vec<String> = all
            .iter()
            .filter_map(|m| m.holder.known_for.clone())
            .filter(|k| !k.contains(name.as_str()))
            .collect();
        // Quote the sentence that dates them first, else the one that says what they did.
        let first = all
            .iter()
            .find(|m| from.is_some() && m.years.contains(&from.unwrap_or_default()))
            .or_else(|| all.iter().find(|m| m.holder.known_for.is_some()))
            .unwrap_or(&all[0]);
        out.push(Leader {
            name: name.clone(),
            country,
            role,
            from,
            to,
            known_for,
            input: first.input,
            quote: first.quote.clone(),
            tags: first.tags.clone(),
        });
    }
    out
}
