//! The sanitiser: whatever the input, nothing a terminal acts on comes out, a value is
//! bounded, and the JSON form reads back as the same data.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recall::show::{self, MAX_VALUE_CHARS, is_unsafe};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let text = show::text(&input);
    assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t'), "{text:?}");
    // Nothing is lost from a whole text: a clean input comes out as it went in.
    if !input.chars().any(is_unsafe) {
        assert_eq!(text, input);
    }
    for shown in [show::value(&input), show::line(&input)] {
        assert!(!shown.chars().any(is_unsafe), "{shown:?}");
    }
    // A value: at most the cut and the note of how much was cut.
    let value = show::value(&input);
    assert!(value.chars().count() <= MAX_VALUE_CHARS + 40, "{}", value.len());
    let message = show::message(&input);
    assert!(!message.chars().any(|c| is_unsafe(c) && c != '\n'), "{message:?}");
    assert!(message.chars().count() <= 8 * MAX_VALUE_CHARS + 40);
    let json = show::json(serde_json::to_string(&serde_json::json!({ "v": input })).unwrap());
    assert!(!json.chars().any(is_unsafe), "{json:?}");
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["v"].as_str(), Some(&*input));
});
