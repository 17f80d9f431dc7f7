//! The test harness: real nncat processes (and nanocat/nngcat peers), free ports,
//! temporary folders for ipc, and waits that end on a condition or a time bound.
//! Every test file takes all of it with `use crate::harness::*;`.

mod attacks;
mod certs;
mod data;
mod environment;
mod fake_servers;
mod hostile_peer;
mod limits;
mod processes;
mod recipes;
mod ws_peer;

pub use attacks::*;
pub use certs::*;
pub use data::*;
pub use environment::*;
pub use fake_servers::*;
pub use hostile_peer::*;
pub use limits::*;
pub use processes::*;
pub use recipes::*;
pub use ws_peer::*;
