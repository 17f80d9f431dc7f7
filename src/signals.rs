/*!
SIGINT, SIGTERM and SIGHUP: stop with stdout flushed, and exit 130, 143 or 129.

A handler thread records the signal and calls the callback `install` is given, which
wakes the main thread wherever it waits: lib.rs passes one that calls `nn_term`, so
every blocking nanomsg call returns, and kills the running --exec command. The main
loop then flushes and returns. A read of stdin cannot be ended that way; while the main
thread waits on stdin it has nothing unflushed (it flushes before every wait), so there
the handler exits the process itself.
*/

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

static RECEIVED: AtomicI32 = AtomicI32::new(0);
static IDLE: AtomicBool = AtomicBool::new(false);

/// How long the main loop gets to notice the signal and flush before we exit anyway,
/// in case it is stuck writing to a stdout nobody reads.
const FLUSH_WAIT: Duration = Duration::from_secs(2);

/// `wake`: ends whatever the main thread may be blocked on. It runs on the handler
/// thread, after the signal is recorded, so the main thread sees it once woken.
pub fn install(wake: impl Fn() + Send + 'static) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                RECEIVED.store(signal, Ordering::SeqCst);
                wake();
                let step = Duration::from_millis(5);
                let mut waited = Duration::ZERO;
                while waited < FLUSH_WAIT && !IDLE.load(Ordering::SeqCst) {
                    thread::sleep(step);
                    waited += step;
                }
                std::process::exit(exit_code().into());
            }
        })?;
    Ok(())
}

pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// 128 + the signal's number, as shells report a process a signal ended.
pub fn exit_code() -> u8 {
    128u8.saturating_add(received().unwrap_or(SIGINT) as u8)
}

/// Marks the main thread as waiting with nothing unflushed, for as long as it lives.
pub struct Idle(());

impl Idle {
    pub fn begin() -> Idle {
        IDLE.store(true, Ordering::SeqCst);
        Idle(())
    }
}

impl Drop for Idle {
    fn drop(&mut self) {
        IDLE.store(false, Ordering::SeqCst);
    }
}
