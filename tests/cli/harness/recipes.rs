//! The docs' recipes, run: a recipe is a ```sh block after a `<!-- test -->` line; the
//! block after `<!-- preamble -->` (the wait helpers) is put before each. A ```python
//! block after the marker runs with python3, alone (docs/harness.md's example harness).
//! Each recipe runs with `bash -euo pipefail` in a scratch folder, with the nncat under
//! test first on PATH, `$DIR` that folder and `$PORT` a free port on 127.0.0.1, in a
//! process group of its own that is killed when the recipe ends or overruns its time.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::{Scratch, free_port, nncat_path, require};

/// The longest one recipe may take; the slowest waits a second for idle workers.
const RECIPE_LIMIT: Duration = Duration::from_secs(30);

struct Recipe {
    /// The section it is in, and its place there: "Fan out with pub/sub #2".
    name: String,
    /// Line of the opening fence in its document.
    line: usize,
    script: String,
    /// A Python program rather than a shell script.
    python: bool,
}

/// The preamble and the recipes, in the order the document `doc` has them.
fn recipes(doc: &str, markdown: &str) -> (String, Vec<Recipe>) {
    let mut preamble = None;
    let mut recipes: Vec<Recipe> = Vec::new();
    let mut section = String::from("(top)");
    let mut in_section = 0;
    let mut lines = markdown.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.to_string();
            in_section = 0;
            continue;
        }
        let marker = line.trim();
        if marker != "<!-- test -->" && marker != "<!-- preamble -->" {
            continue;
        }
        let (at, fence) = lines.next().expect("a marker is followed by a block");
        let python = fence.trim() == "```python" && marker == "<!-- test -->";
        assert!(
            fence.trim() == "```sh" || python,
            "{doc}:{}: a marker must be followed by a ```sh (or a test's ```python) block",
            at + 1
        );
        let mut script = String::new();
        for (_, line) in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            script.push_str(line);
            script.push('\n');
        }
        if marker == "<!-- preamble -->" {
            assert!(preamble.is_none(), "one preamble");
            preamble = Some(script);
        } else {
            in_section += 1;
            recipes.push(Recipe {
                name: format!("{section} #{in_section}"),
                line: at + 1,
                script,
                python,
            });
        }
    }
    (preamble.unwrap_or_default(), recipes)
}

/// Runs one recipe; returns why it failed, if it did.
fn run_recipe(doc: &str, preamble: &str, recipe: &Recipe) -> Result<Duration, String> {
    let scratch = Scratch::new();
    let script = scratch.path(if recipe.python {
        "recipe.py"
    } else {
        "recipe.sh"
    });
    let text = if recipe.python {
        recipe.script.clone()
    } else {
        format!("{preamble}\n{}", recipe.script)
    };
    std::fs::write(&script, text).expect("the scratch folder takes the script");
    let bin_dir = Path::new(nncat_path())
        .parent()
        .expect("the binary is in a folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (out, err) = (scratch.path("stdout"), scratch.path("stderr"));
    let mut command = if recipe.python {
        Command::new("python3")
    } else {
        let mut bash = Command::new("bash");
        bash.arg("-euo").arg("pipefail");
        bash
    };
    command
        .arg(&script)
        .current_dir(scratch.path(""))
        .env("PATH", path)
        .env("DIR", scratch.path("").as_os_str())
        .env("PORT", free_port().to_string())
        .stdin(Stdio::null())
        // Files, not pipes: a background process the recipe left behind could hold a
        // pipe open after bash exits.
        .stdout(File::create(&out).expect("a log file"))
        .stderr(File::create(&err).expect("a log file"))
        .process_group(0);
    let started = Instant::now();
    let mut child = command.spawn().expect("bash starts");
    let group = child.id() as i32;
    let status = child.wait_timeout(RECIPE_LIMIT).expect("waiting works");
    // Whatever the recipe left running goes with it.
    // SAFETY: kill takes two integers and no pointers: the group bash leads, which
    // process_group(0) made for it.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
    if status.is_none() {
        let _ = child.wait();
    }
    let elapsed = started.elapsed();
    let read = |path: &Path| {
        String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
    };
    match status {
        Some(status) if status.success() => Ok(elapsed),
        Some(status) => Err(format!(
            "{} ({doc}:{}) failed with {status}\n--- stdout\n{}--- stderr\n{}",
            recipe.name,
            recipe.line,
            read(&out),
            read(&err)
        )),
        None => Err(format!(
            "{} ({doc}:{}) did not finish within {RECIPE_LIMIT:?}\n--- stdout\n{}--- stderr\n{}",
            recipe.name,
            recipe.line,
            read(&out),
            read(&err)
        )),
    }
}

/// The text of `doc`, a path from the project's root.
pub fn document(doc: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{doc}: {err}"))
}

/// Runs every recipe of the document `doc` (a path from the project's root), all at
/// once, and fails with each one that failed; `at_least` guards the markers.
pub fn every_recipe_runs(doc: &str, at_least: usize) {
    let markdown = document(doc);
    let (preamble, recipes) = recipes(doc, &markdown);
    assert!(
        recipes.len() >= at_least,
        "only {} recipes found in {doc}: are the <!-- test --> markers intact?",
        recipes.len()
    );
    if recipes.iter().any(|recipe| recipe.script.contains("jq ")) {
        require("jq");
    }
    // Recipes are independent (their own folder and port): run them all at once.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let running: Vec<_> = recipes
            .iter()
            .map(|recipe| scope.spawn(|| run_recipe(doc, &preamble, recipe)))
            .collect();
        running
            .into_iter()
            .zip(&recipes)
            .filter_map(|(handle, recipe)| match handle.join() {
                Ok(Ok(_)) => None,
                Ok(Err(why)) => Some(why),
                Err(_) => Some(format!("{}: the runner panicked", recipe.name)),
            })
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} recipes failed:\n\n{}",
        failures.len(),
        recipes.len(),
        failures.join("\n")
    );
}

/// Fails for a recipe of `doc` that sleeps: it would work on the author's machine and
/// fail on a loaded one; the preamble's helpers wait for the condition instead.
pub fn no_recipe_sleeps(doc: &str) {
    let markdown = document(doc);
    let (_, recipes) = recipes(doc, &markdown);
    for recipe in &recipes {
        assert!(
            !recipe
                .script
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .any(|word| word == "sleep"),
            "{} ({doc}:{}) sleeps: wait for a condition with the preamble's helpers",
            recipe.name,
            recipe.line
        );
    }
}

/// The lines of `doc`'s ```sh blocks that no `<!-- ... -->` marker puts to the test.
pub fn untested_shell_blocks(doc: &str) -> Vec<usize> {
    let markdown = document(doc);
    let lines: Vec<&str> = markdown.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(at, line)| {
            line.trim() == "```sh"
                && !at
                    .checked_sub(1)
                    .is_some_and(|before| lines[before].trim().starts_with("<!-- "))
        })
        .map(|(at, _)| at + 1)
        .collect()
}
