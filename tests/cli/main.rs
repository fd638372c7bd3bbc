//! Integration tests: every test runs the real `recall` binary.
mod bad_input;
mod decks;
mod exam;
mod faults;
mod interop;
mod peers;
mod pty;
mod questions;
mod review;
mod support;
