//! Integration tests: every test runs the real `recall` binary.
mod class;
mod decks;
mod exam;
mod faults;
mod interop;
mod optimize;
mod peers;
mod pty;
mod questions;
mod review;
mod stats;
mod support;
