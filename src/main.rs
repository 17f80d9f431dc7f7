/*!
nncat: stream messages between stdin/stdout and nanomsg sockets. Everything is in the
library (`nncat::main_with`), so that a test can run it with its own command line.
*/

#![deny(unsafe_code)]

fn main() -> std::process::ExitCode {
    nncat::main_with(std::env::args_os().collect())
}
