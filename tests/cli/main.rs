//! Integration tests: real nncat processes against each other and against nanocat and
//! nngcat, over tcp on 127.0.0.1 and ipc in temporary folders.

mod harness;

mod basics;
