//! rep --exec: the command to run for each request, found on PATH once, before any
//! socket exists, so that a mistyped name is a usage error at start-up.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::error::Failure;

/// How long a command may run, unless --exec-timeout says.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// How much a command may print, unless --exec-max-output says.
pub const DEFAULT_MAX_OUTPUT: usize = 16 << 20;

/// rep --exec: a command to run for each request, found at start-up.
#[derive(Clone, Debug)]
pub struct ExecPlan {
    /// Where the program is, so that PATH is searched once, not per request.
    pub program: PathBuf,
    /// The command as typed: its name (the command's argv[0]) and its arguments.
    pub command: Vec<OsString>,
    pub timeout: Duration,
    /// The most output one answer may hold.
    pub max_output: usize,
    /// How many commands may run at once (`--jobs`).
    pub jobs: u32,
}

impl ExecPlan {
    /// The name that warnings show.
    pub fn name(&self) -> String {
        self.command
            .first()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Where --exec's command is. Looked up once, before any socket exists, so that a
/// mistyped name is a usage error at start-up, not a warning for every request.
/// A name with a '/' is a path; any other is searched on PATH, as the shell would.
pub(super) fn find_program(name: &OsStr) -> Result<PathBuf> {
    let shown = name.to_string_lossy();
    let usage = |what: String| Err(Failure::Usage(format!("--exec: {what}")).into());
    if name.is_empty() {
        return usage("the command's name is empty".into());
    }
    if name.as_bytes().contains(&b'/') {
        let path = Path::new(name);
        return match std::fs::metadata(path) {
            Err(_) => usage(format!("'{shown}' not found")),
            Ok(meta) if !meta.is_file() => usage(format!("'{shown}' is not a file")),
            Ok(_) if !executable(path) => usage(format!("'{shown}' is not executable")),
            Ok(_) => Ok(path.to_path_buf()),
        };
    }
    // Without PATH, execvp(3) searches these.
    let search = std::env::var_os("PATH").unwrap_or_else(|| "/bin:/usr/bin".into());
    let mut not_executable = None;
    for dir in std::env::split_paths(&search) {
        // An empty entry is the current folder.
        let candidate = if dir.as_os_str().is_empty() {
            Path::new(".").join(name)
        } else {
            dir.join(name)
        };
        if std::fs::metadata(&candidate).is_ok_and(|meta| meta.is_file()) {
            if executable(&candidate) {
                return Ok(candidate);
            }
            not_executable.get_or_insert(candidate);
        }
    }
    match not_executable {
        Some(path) => usage(format!("'{shown}' is not executable ({})", path.display())),
        None => usage(format!("'{shown}' not found on PATH")),
    }
}

/// Whether this user may run the file, as exec(2) will decide.
fn executable(path: &Path) -> bool {
    crate::os::executable(path)
}
