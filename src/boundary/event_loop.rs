/*!
The event loop's thread: one thread and one tokio runtime for every peer of a socket.
Endpoints are added as jobs from the socket's thread; when the boundary is dropped the
loop tells every task that the socket closes, then lets what is in flight finish while
it moves, until nothing has for `DRAIN` (or `--linger`, when longer). Apart from the
boundary's endpoints (mod.rs), which only hand it jobs.
*/

use std::path::Path;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::Delivery;

/// Work for the event loop's thread, made on another: it spawns the endpoint's tasks.
pub(super) type Job = Box<dyn FnOnce(Loop) + Send>;

/// What an endpoint's tasks get from the event loop.
#[derive(Clone)]
pub(super) struct Loop {
    /// Changes to true when the socket closes: stop accepting and connecting.
    pub(super) closing: watch::Receiver<bool>,
    /// Held by every task; the loop ends when all are dropped, or once nothing has
    /// moved for its patience after closing.
    pub(super) live: mpsc::Sender<()>,
}

impl Loop {
    pub(super) async fn closed(&mut self) {
        let _ = self.closing.wait_for(|closing| *closing).await;
    }
}

/// The event loop's thread: runs jobs until the boundary is dropped, then lets what is
/// in flight finish while it moves, until nothing has for `patience`.
pub(super) fn event_loop(
    mut jobs: mpsc::UnboundedReceiver<Job>,
    delivery: &Delivery,
    patience: Duration,
    own_folder: &Path,
) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .on_thread_park(super::batching::before_waiting)
        .build()
    else {
        crate::report::warn("cannot start the boundary's event loop: no peer will be served");
        return;
    };
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let (closing_tx, closing) = watch::channel(false);
        let (live, mut all_done) = mpsc::channel(1);
        let event_loop = Loop { closing, live };
        let mut swept = false;
        while let Some(job) = jobs.recv().await {
            job(event_loop.clone());
            if !swept {
                swept = true;
                // After the first endpoint's task has begun (a connect is under way, a
                // listener listens), so that the sweep takes time from the wait.
                let own_folder = own_folder.to_path_buf();
                tokio::task::spawn_local(async move {
                    super::link::sweep_stale_folders(&own_folder);
                });
            }
        }
        let _ = closing_tx.send(true);
        drop(event_loop);
        loop {
            let before = delivery.progress();
            if tokio::time::timeout(patience, all_done.recv())
                .await
                .is_ok()
                || delivery.progress() == before
            {
                break;
            }
        }
    });
}
