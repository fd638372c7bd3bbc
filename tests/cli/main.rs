//! Integration tests: every test runs the real `recall` binary.
mod decks;
mod devices;
mod exam;
mod faults;
mod interop;
mod peers;
mod pty;
mod questions;
mod review;
mod shipped;
mod support;
