//! Integration tests: every test runs the real `recall` binary.
mod decks;
mod faults;
mod peers;
mod pty;
mod review;
mod shipped;
mod support;
