//! Integration tests: real nncat processes against each other and against nanocat and
//! nngcat, over tcp on 127.0.0.1 and ipc in temporary folders.

mod harness;

mod basics;
mod cookbook;
mod ecosystem;
mod errors;
mod faults;
mod formats;
mod interop;
mod netns;
mod soak;
mod stdout;
mod streaming;
mod terminal;
mod types;
mod zero_loss;
