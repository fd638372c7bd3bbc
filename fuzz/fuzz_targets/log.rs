//! The review-log reader never panics; what it reads it can write back and read again,
//! and replaying it schedules without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recall::{
    progress::{History, Record, log::parse_log},
    schedule::{Options, Scheduler},
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (records, problems) = parse_log("log.tsv", &text);
    for problem in problems {
        let _ = problem.to_string();
    }
    for record in &records {
        let line = record.to_line();
        let back = Record::parse(line.trim_end_matches('\n'))
            .unwrap_or_else(|e| panic!("{line:?} was written from {record:?} but reads as: {e}"));
        assert_eq!(
            (&back.card, back.entry, &back.typed),
            (&record.card, record.entry, &record.typed)
        );
    }
    let scheduler = Scheduler::new(Options::default()).expect("default options");
    let history = History::new(records);
    let _ = history.states(&scheduler);
});
