//! Integration tests: real nncat processes against each other and against nanocat and
//! nngcat, over tcp on 127.0.0.1 and ipc in temporary folders.

mod harness;

mod boundary;
mod cli;
mod cookbook;
mod diagnose;
mod errors;
mod exec;
mod faults;
mod formats;
mod help;

mod hostile;
mod idle;
mod interop;
mod json;
mod linger;
mod log_json;
mod nanocat;
mod netns;
mod never_silent;
mod observability;
mod package;
mod replay;
mod soak;
mod stdout;
mod streaming;
mod tap;
mod tap_records;
mod terminal;
mod tls;
mod types;
mod zero_loss;
