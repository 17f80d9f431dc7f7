//! Keeps the docs true: runs every recipe in docs/cookbook.md and docs/harness.md's
//! Python harness (with `harness/recipes.rs`, which says what a recipe is), and checks
//! the bytes docs/formats.md shows against what nncat writes.

use crate::harness::*;

#[test]
fn every_cookbook_recipe_runs() {
    every_recipe_runs("docs/cookbook.md", 15);
}

#[test]
fn the_python_harness_in_docs_harness_md_runs() {
    require("python3");
    every_recipe_runs("docs/harness.md", 1);
}

#[test]
fn no_cookbook_recipe_sleeps() {
    no_recipe_sleeps("docs/cookbook.md");
}

/// Every ```sh block is either run or deliberately left out (the set-up example).
#[test]
fn every_cookbook_shell_block_but_the_setup_is_tested() {
    let untested = untested_shell_blocks("docs/cookbook.md");
    assert!(
        untested.len() <= 1,
        "shell blocks without a <!-- test --> marker at docs/cookbook.md lines {untested:?}"
    );
}

/// docs/formats.md lists the bytes nncat writes for its sample message in every
/// format; they must be the bytes this nncat writes.
#[test]
fn formats_doc_shows_the_bytes_nncat_writes() {
    let markdown = document("docs/formats.md");
    let block: Vec<&str> = markdown
        .lines()
        .skip_while(|line| line.trim() != "<!-- output bytes -->")
        .skip(2)
        .take_while(|line| line.trim() != "```")
        .collect();
    assert_eq!(block.len(), 7, "one line for each format: {block:?}");
    let sample = "68690a225c00ff090d\n";
    for line in block {
        let mut words = line.split_whitespace();
        let format = words.next().expect("a format name");
        let documented: Vec<u8> = words
            .map(|byte| u8::from_str_radix(byte, 16).expect("hex bytes"))
            .collect();
        let url = tcp_url();
        let puller = Running::start_without_stdin(nncat([
            "pull", "--bind", &url, "--format", format, "--count", "1",
        ]));
        wait_bound(&url);
        run_with_input(
            nncat(["push", "--connect", &url, "--hex"]),
            sample.as_bytes(),
        )
        .success();
        let printed = puller.finish().success().stdout;
        assert_eq!(
            printed,
            documented,
            "docs/formats.md shows other bytes for {format}: nncat wrote {:?}",
            String::from_utf8_lossy(&printed)
        );
    }
}
