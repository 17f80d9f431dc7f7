/*!
pair and bus: stdin's messages are sent on one thread while received ones are printed
on this one. nncat ends when both are done: the input has ended (every message of it
sent), and receiving has reached --count or --recv-timeout. While input is still open, a
receive timeout does not end it; once --count is reached, nothing more is printed.
--data or --file repeated by --interval never ends: --count or --recv-timeout alone
ends the run then.
A signal ends it at once.
*/

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use anyhow::Result;

use super::receive::receive_all;
use super::{Messages, Output, finish, send};
use crate::error::Failure;
use crate::options::{Plan, Source};
use crate::signals::Idle;
use crate::socket::{self, Socket};

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Arc::new(Socket::open(&plan.socket)?);
    let input_done = Arc::new(AtomicBool::new(false));
    // --data or --file repeated by --interval is input that never ends: there, reaching
    // --count ends the run, and the sender stops at its next message.
    let endless = matches!(plan.source, Source::Fixed(_)) && plan.interval.is_some();
    let stop_sending = Arc::new(AtomicBool::new(false));
    let sender_stop = Arc::clone(&stop_sending);
    let send_error: Arc<Mutex<Option<anyhow::Error>>> = Arc::default();

    // The sender owns its copy of what it needs: it may still be blocked on stdin
    // when we exit, so it cannot borrow from this frame.
    let mut messages = Messages::new(plan, false)?;
    let sender_socket = Arc::clone(&socket);
    let sender_done = Arc::clone(&input_done);
    let sender_error = Arc::clone(&send_error);
    let send_plan = plan.clone();
    let sender = thread::Builder::new()
        .name("sender".into())
        .spawn(move || {
            let result = (|| {
                while let Some(message) = messages.next_message()? {
                    if sender_stop.load(Ordering::SeqCst) {
                        break;
                    }
                    send(&sender_socket, &send_plan, message)?;
                }
                Ok::<(), anyhow::Error>(())
            })();
            sender_done.store(true, Ordering::SeqCst);
            if let Err(err) = result {
                let interrupted =
                    matches!(err.downcast_ref::<Failure>(), Some(Failure::Interrupted(_)));
                // Nothing sent (a --send-timeout with no peer): nothing to wait for,
                // and no peer would ever make the socket writable again.
                if !interrupted && sender_socket.sent_any() {
                    sender_socket.drain();
                }
                if let Ok(mut slot) = sender_error.lock() {
                    *slot = Some(err);
                }
                // Wakes the receiving thread so the error ends the run.
                socket::terminate_all();
            }
        })?;

    let mut output = Output::new(plan)?;
    let result = receive_all(&socket, plan, &mut output, || {
        endless || input_done.load(Ordering::SeqCst)
    });
    let result = result.and(output.flush());
    if endless {
        stop_sending.store(true, Ordering::SeqCst);
    } else if result.is_ok() {
        let _idle = Idle::begin();
        let _ = sender.join();
    }
    let failed_send = send_error.lock().ok().and_then(|mut slot| slot.take());
    match failed_send {
        Some(err) => Err(err),
        None => finish(&socket, plan, result),
    }
}
