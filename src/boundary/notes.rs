/*!
What the boundary says about one endpoint: warnings (a message refused) always, `-v`
notes (a peer came, was refused, left) when asked. Each kind of line is said at most
once a second with a count of the ones held back, so a crowd of peers cannot flood
stderr.
*/

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Instant;

use serde_json::json;

use crate::report::{self, Reason, Throttle};

pub struct Notes {
    url: String,
    started: Instant,
    verbose: bool,
    /// By kind: when the last line was said, and how many were held back since.
    said: RefCell<HashMap<&'static str, Throttle>>,
}

impl Notes {
    pub fn new(url: &str, started: Instant, verbose: bool) -> Notes {
        Notes {
            url: url.to_string(),
            started,
            verbose,
            said: RefCell::new(HashMap::new()),
        }
    }

    /// A `-v` line about this endpoint, of kind `kind`.
    pub fn note(&self, kind: &'static str, text: &str) {
        if self.verbose
            && let Some(more) = self.due(kind)
        {
            report::event(self.started, &format!("{}: {text}{more}", self.url));
        }
    }

    /// A warning about this endpoint, of kind `kind`, with or without `-v`.
    pub fn warn(&self, kind: &'static str, text: &str) {
        let reason = match kind {
            "oversize" => Some(Reason::Oversize),
            "bad frame" => Some(Reason::BadFrame),
            _ => None,
        };
        if let Some(more) = self.due(kind) {
            report::warn_because(reason, &format!("{}: {text}{more}", self.url));
        }
    }

    /// A peer came (`connected`: its handshake is done) or went (`disconnected`), for a
    /// harness under `--log-format json`; every one is told, unlike the rate-limited
    /// lines.
    pub fn happened(&self, event: &str, peer: &str) {
        report::happened(event, &[("url", json!(self.url)), ("peer", json!(peer))]);
    }

    /// Whether a line of `kind` may be said now, and what to add about those held back.
    fn due(&self, kind: &'static str) -> Option<String> {
        let mut said = self.said.borrow_mut();
        let throttle = said
            .entry(kind)
            .or_insert_with(|| Throttle::new(report::ONCE_A_SECOND));
        throttle.hold(1);
        throttle.release(false).map(|times| match times {
            1 => String::new(),
            n => format!(" ({} more since the last)", n - 1),
        })
    }
}
