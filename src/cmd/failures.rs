/*!
What the --exec commands of a rep or respondent run gave: their answers, and their
failures, counted for the run's exit code. Beside `reply.rs`, which answers one request
at a time, and `jobs.rs`, which answers several at once: both settle runs here.
*/

use anyhow::Result;

use super::exec::ExecError;
use crate::error::Failure;
use crate::options::ExecPlan;
use crate::report::{self, Reason};

/// The --exec commands that failed: each one is warned about as it happens, and the run
/// ends with exit 1, so that a harness sees that its handler failed.
#[derive(Default)]
pub struct Failures {
    runs: u64,
    failed: u64,
    first: Option<String>,
}

impl Failures {
    /// What a command's run gives the requester: its answer, or nothing (said in a
    /// warning and counted as a failure).
    pub fn settle(
        &mut self,
        command: &ExecPlan,
        run: Result<Vec<u8>, ExecError>,
    ) -> Result<Option<Vec<u8>>> {
        match run {
            Ok(reply) if reply.is_empty() => {
                self.record(None);
                report::warn_because(
                    Some(Reason::ExecFailed),
                    &format!(
                        "'{}' printed nothing; no answer sent for this request",
                        command.name()
                    ),
                );
                Ok(None)
            }
            Ok(reply) => {
                self.record(None);
                Ok(Some(reply))
            }
            Err(ExecError::Interrupted) => Err(super::halted()),
            Err(ExecError::Failed(why)) => {
                report::warn_because(
                    Some(Reason::ExecFailed),
                    &format!("{why}; no answer sent for this request"),
                );
                self.record(Some(why));
                Ok(None)
            }
        }
    }

    fn record(&mut self, why: Option<String>) {
        self.runs += 1;
        if let Some(why) = why {
            self.failed += 1;
            self.first.get_or_insert(why);
        }
    }

    /// The run's result once failures are counted. A failure outranks the signal that
    /// ended the run (a harness stops its server with one), but not another error, which
    /// says why the run stopped early.
    pub fn outcome(self, result: Result<()>) -> Result<()> {
        let Some(first) = self.first else {
            return result;
        };
        let summary = format!(
            "{} of {} --exec commands failed; the first: {first}",
            self.failed, self.runs
        );
        match result {
            Ok(()) => Err(Failure::ExecFailed(summary).into()),
            Err(err) if super::is_halt(&err) => Err(Failure::ExecFailed(summary).into()),
            Err(err) => {
                report::warn_because(Some(Reason::ExecFailed), &summary);
                Err(err)
            }
        }
    }
}
