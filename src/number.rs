//! Whole numbers as people type them ("46", "1,000", "forty-six", "two thousand") and as
//! they are shown. Pure.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Reads a whole number written in digits (with `,`, `.`, `'`, `_` or spaces between groups
/// of three) or in English words. `None` when it is not one number.
pub fn parse(typed: &str) -> Option<i64> {
    let s = typed.trim().trim_end_matches('.').trim().to_lowercase();
    let s = s
        .strip_prefix("about ")
        .or_else(|| s.strip_prefix("around "))
        .unwrap_or(&s);
    if s.is_empty() {
        return None;
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return digits(s);
    }
    words(s)
}

fn digits(s: &str) -> Option<i64> {
    let groups: Vec<&str> = s.split([',', '.', '\'', '_', ' ', '\u{a0}']).collect();
    let grouped = groups.len() > 1;
    if grouped
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    if groups
        .iter()
        .any(|g| !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let joined: String = groups.concat();
    if joined.len() > 15 {
        return None;
    }
    joined.parse().ok()
}

fn words(s: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut current: i64 = 0;
    let mut any = false;
    for word in s
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty() && *w != "and")
    {
        any = true;
        if let Some(n) = ONES.iter().position(|w| *w == word) {
            current += n as i64;
        } else if let Some(n) = TENS.iter().position(|w| *w == word) {
            current += (n as i64 + 2) * 10;
        } else if word == "a" && current == 0 {
            current = 1;
        } else if word == "dozen" {
            current = current.max(1) * 12;
        } else if word == "hundred" {
            current = current.max(1) * 100;
        } else {
            let scale = match word {
                "thousand" => 1_000,
                "million" => 1_000_000,
                "billion" => 1_000_000_000,
                _ => return None,
            };
            total = total.checked_add(current.max(1).checked_mul(scale)?)?;
            current = 0;
        }
    }
    any.then_some(total + current)
}

/// "46", "1,000", "2,500,000".
pub fn show(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        let right = [
            ("46", 46),
            ("46.", 46),
            ("forty-six", 46),
            ("Forty six", 46),
            ("one hundred and four", 104),
            ("a hundred", 100),
            ("1,000", 1000),
            ("1 000", 1000),
            ("1.000", 1000),
            ("two thousand five hundred", 2500),
            ("2,500,000", 2_500_000),
            ("about 3,000", 3000),
            ("a dozen", 12),
            ("zero", 0),
            ("0", 0),
        ];
        for (typed, n) in right {
            assert_eq!(parse(typed), Some(n), "{typed}");
        }
    }

    #[test]
    fn what_is_not_one_number_is_none() {
        for typed in [
            "",
            "forty-six sailors",
            "4,6",
            "1,00",
            "12,3456",
            "many",
            "46 or 47",
            "1e5",
            "-",
            "99999999999999999999",
        ] {
            assert_eq!(parse(typed), None, "{typed}");
        }
    }

    #[test]
    fn shown_with_thousands_separators() {
        assert_eq!(show(46), "46");
        assert_eq!(show(1000), "1,000");
        assert_eq!(show(2_500_000), "2,500,000");
        assert_eq!(show(-1234), "-1,234");
    }
}
