//! Integration tests: every test runs the real `recall` binary.
mod decks;
mod eval;
mod faults;
mod generate;
mod peers;
mod pty;
mod review;
mod support;
