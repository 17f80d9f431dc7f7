/*!
SIGINT, SIGTERM and SIGHUP: stop with stdout flushed, and exit 130, 143 or 129.

A handler thread records the signal and calls the callback `install` is given, which
wakes the main thread wherever it waits: lib.rs passes one that calls `nn_term`, so
every blocking nanomsg call returns, and kills the running --exec command. The main
loop then flushes and returns. A read of stdin cannot be ended that way; while the main
thread waits on stdin it has nothing unflushed (it flushes before every wait), so there
the handler exits the process itself.

The handlers are set at once, so no signal meets the default action; the thread that
acts on them starts later (`start_handling`): a one-shot is over before it would be
needed, and a thread's start and exit were 3-4% of one (a one-shot `req --data`, 200
rounds against the build that started it at once). Until then a signal waits in
signal-hook's pipe.
*/

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

static RECEIVED: AtomicI32 = AtomicI32::new(0);
static IDLE: AtomicBool = AtomicBool::new(false);
/// The handlers set by `install`, until their thread starts.
static WAITING: Mutex<Option<Waiting>> = Mutex::new(None);

/// How long the main loop gets to notice the signal and flush before we exit anyway,
/// in case it is stuck writing to a stdout nobody reads.
const FLUSH_WAIT: Duration = Duration::from_secs(2);

/// How long a run with a boundary goes before the thread starts (the boundary's timer
/// starts it): the same 20 ms after which the statistics start to be read.
pub const START_AFTER: Duration = Duration::from_millis(20);

type Wake = Box<dyn Fn() + Send>;

struct Waiting {
    signals: Signals,
    wake: Wake,
}

/// Sets the handlers. `wake`: ends whatever the main thread may be blocked on. It runs
/// on the handler thread, after the signal is recorded, so the main thread sees it once
/// woken. The thread itself starts with `start_handling`.
pub fn install(wake: impl Fn() + Send + 'static) -> std::io::Result<()> {
    let signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    *lock_waiting() = Some(Waiting {
        signals,
        wake: Box::new(wake),
    });
    Ok(())
}

/// Starts the thread that acts on signals, if `install` set handlers and it has not
/// started yet. Called wherever a wait that only the thread can end may follow: the
/// boundary's timer at `START_AFTER`, a socket without a boundary, the close at a run's
/// end, a line on stderr other than the last error.
///
/// A thread that cannot start leaves the signals to their default action, once
/// `cannot` has said why.
pub fn start_handling(cannot: impl FnOnce(&std::io::Error)) {
    let Some(Waiting { signals, wake }) = lock_waiting().take() else {
        return;
    };
    // Shared, so that the handlers are still there to hand over if the thread fails.
    let signals = Arc::new(Mutex::new(signals));
    let for_thread = Arc::clone(&signals);
    let started = thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let mut signals = for_thread.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(signal) = signals.forever().next() {
                RECEIVED.store(signal, Ordering::SeqCst);
                end_run(&wake);
            }
        });
    if let Err(err) = started {
        cannot(&err);
        let mut signals = signals.lock().unwrap_or_else(|e| e.into_inner());
        default_actions(&mut signals);
    }
}

/// Without the thread, a signal does what it does to any program: ends it. One that
/// came before is acted on now.
fn default_actions(signals: &mut Signals) {
    let always = Arc::new(AtomicBool::new(true));
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register_conditional_default(signal, Arc::clone(&always));
    }
    for signal in signals.pending() {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
}

/// What the handler thread does with a signal it recorded: wake the main thread, give
/// it `FLUSH_WAIT` to flush and return, then exit with the signal's code.
fn end_run(wake: &Wake) -> ! {
    wake();
    let step = Duration::from_millis(5);
    let mut waited = Duration::ZERO;
    while waited < FLUSH_WAIT && !IDLE.load(Ordering::SeqCst) {
        thread::sleep(step);
        waited += step;
    }
    std::process::exit(exit_code().into());
}

fn lock_waiting() -> std::sync::MutexGuard<'static, Option<Waiting>> {
    WAITING.lock().unwrap_or_else(|e| e.into_inner())
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
