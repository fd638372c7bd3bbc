//! Integration tests: every test runs the real `recall` binary.
mod bad_input;
mod class;
mod decks;
mod devices;
mod eval;
mod exam;
mod faults;
mod generate;
mod interop;
mod optimize;
mod peers;
mod pty;
mod questions;
mod review;
mod shipped;
mod stats;
mod support;
