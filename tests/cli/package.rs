//! The Debian package that scripts/package.sh builds with cargo-deb: the files it
//! installs, its Depends, and its programs run from an unpacked copy (`dpkg-deb -x` into
//! a temporary folder, no root install). And the one version that Cargo.toml,
//! `nncat --version`, every man page and the package share.
//!
//! The package is built before the tests run, not by them: scripts/test.sh runs
//! scripts/package.sh (which compiles cargo-deb where it is missing, about a minute)
//! and passes the .deb's path in NNCAT_DEB. Without NNCAT_DEB the package checks say
//! on stderr that they were skipped; under CI (CI=true) they fail instead, because a
//! skipped package test would pass with the package broken.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::*;

/// nanocat's program names, one per socket type, that the package links to nncat.
const TYPES: [&str; 10] = [
    "push",
    "pull",
    "pub",
    "sub",
    "req",
    "rep",
    "pair",
    "bus",
    "surveyor",
    "respondent",
];

const SKIPPED: &str = "package tests skipped: NNCAT_DEB is unset (scripts/test.sh sets \
    it; scripts/package.sh builds the package, installing cargo-deb if missing). To run them: \
    NNCAT_DEB=$(scripts/package.sh | tail -n1) cargo test --release --test cli -- package::";

/// The package under test, or `None` (said on stderr) where none was built.
fn built_package() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NNCAT_DEB") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "NNCAT_DEB={} is not a file: run scripts/package.sh",
            path.display()
        );
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "NNCAT_DEB is unset under CI: scripts/test.sh must build the package with \
         scripts/package.sh and pass the path of the .deb"
    );
    // Once, and past libtest's capture, which would hide the notice of a passing test.
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        let _ = writeln!(std::io::stderr(), "{SKIPPED}");
    });
    None
}

fn dpkg_deb(args: &[&std::ffi::OsStr]) -> String {
    let mut command = Command::new("dpkg-deb");
    command.args(args);
    run(command).success().stdout_text()
}

/// One field of the package's control file, continuation lines included.
fn field(deb: &Path, name: &str) -> String {
    dpkg_deb(&["--field".as_ref(), deb.as_os_str(), name.as_ref()])
        .trim_end()
        .to_string()
}

/// What `dpkg-deb -c` lists, less the directories: each path (without the leading
/// `./`) with its mode and, for a symlink, `-> TARGET`.
fn listing(deb: &Path) -> BTreeSet<String> {
    let out = dpkg_deb(&["--contents".as_ref(), deb.as_os_str()]);
    out.lines()
        .filter(|line| !line.starts_with('d'))
        .map(|line| {
            // mode owner size date time path [-> target]
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert!(fields.len() >= 6, "a dpkg-deb -c line: {line}");
            let path = fields[5..].join(" ");
            let path = path.strip_prefix("./").unwrap_or(&path).to_string();
            format!("{} {path}", fields[0])
        })
        .collect()
}

fn command(program: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    command
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The man pages in docs/man, by file name.
fn man_pages() -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(repo_path("docs/man"))
        .expect("docs/man can be read")
        .map(|entry| entry.expect("a docs/man entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".1"))
        .collect();
    pages.sort();
    assert!(
        pages.len() > TYPES.len(),
        "docs/man has a page per type and nncat.1: {pages:?}"
    );
    pages
}

/// The package unpacked into a temporary folder, as `dpkg -i` would lay it under /.
fn unpacked(deb: &Path) -> Scratch {
    let scratch = Scratch::new();
    let root = scratch.path("root");
    dpkg_deb(&["-x".as_ref(), deb.as_os_str(), root.as_os_str()]);
    scratch
}

#[test]
fn package_installs_the_binary_man_pages_completions_docs_and_nn_names() {
    let Some(deb) = built_package() else { return };
    let mut expected: BTreeSet<String> = [
        "-rwxr-xr-x usr/bin/nncat",
        "-rw-r--r-- usr/share/bash-completion/completions/nncat",
        "-rw-r--r-- usr/share/zsh/vendor-completions/_nncat",
        "-rw-r--r-- usr/share/fish/vendor_completions.d/nncat.fish",
        "-rw-r--r-- usr/share/doc/nncat/README.md",
        "-rw-r--r-- usr/share/doc/nncat/changelog.gz",
        "-rw-r--r-- usr/share/doc/nncat/copyright",
    ]
    .map(String::from)
    .into();
    for kind in TYPES {
        expected.insert(format!("lrwxrwxrwx usr/bin/nn_{kind} -> nncat"));
        expected.insert(format!(
            "lrwxrwxrwx usr/share/man/man1/nn_{kind}.1.gz -> nncat-{kind}.1.gz"
        ));
        expected.insert(format!(
            "lrwxrwxrwx usr/share/bash-completion/completions/nn_{kind} -> nncat"
        ));
        expected.insert(format!(
            "lrwxrwxrwx usr/share/fish/vendor_completions.d/nn_{kind}.fish -> nncat.fish"
        ));
    }
    for page in man_pages() {
        expected.insert(format!("-rw-r--r-- usr/share/man/man1/{page}.gz"));
    }
    let found = listing(&deb);
    assert_eq!(
        found,
        expected,
        "the package's files (missing: {:?}; unexpected: {:?})",
        expected.difference(&found).collect::<Vec<_>>(),
        found.difference(&expected).collect::<Vec<_>>()
    );

    // The files are this checkout's: the man pages and completions as generated.
    let scratch = unpacked(&deb);
    let root = scratch.path("root");
    let mut gzipped: Vec<(PathBuf, String)> = man_pages()
        .into_iter()
        .map(|page| {
            (
                repo_path("docs/man").join(&page),
                format!("usr/share/man/man1/{page}.gz"),
            )
        })
        .collect();
    gzipped.push((
        repo_path("CHANGELOG.md"),
        "usr/share/doc/nncat/changelog.gz".into(),
    ));
    for (source, installed) in gzipped {
        let packed = run(command(
            Path::new("gzip"),
            &[
                "--decompress",
                "--stdout",
                &root.join(&installed).to_string_lossy(),
            ],
        ))
        .success()
        .stdout;
        let source_bytes = std::fs::read(&source).expect("the packaged file's source");
        assert!(
            packed == source_bytes,
            "{installed} is not {}",
            source.display()
        );
    }
    for (source, installed) in [
        ("nncat.bash", "usr/share/bash-completion/completions/nncat"),
        ("nncat.zsh", "usr/share/zsh/vendor-completions/_nncat"),
        (
            "nncat.fish",
            "usr/share/fish/vendor_completions.d/nncat.fish",
        ),
    ] {
        let source = std::fs::read(repo_path("docs/completions").join(source));
        let installed_bytes = std::fs::read(root.join(installed));
        assert!(
            source.expect("docs/completions file") == installed_bytes.expect("installed file"),
            "{installed} is not docs/completions' file"
        );
    }
}

#[test]
fn package_depends_on_libnanomsg5_as_the_binary_needs_and_recommends_bash_completion() {
    let Some(deb) = built_package() else { return };
    let depends = field(&deb, "Depends");
    // dpkg-shlibdeps writes `name (>= version)`: a version bound shows it was computed
    // from the binary's libraries, not written by hand.
    let entries: Vec<(&str, &str)> = depends
        .split(',')
        .map(str::trim)
        .map(|entry| entry.split_once(' ').unwrap_or((entry, "")))
        .collect();
    for library in ["libnanomsg5", "libc6"] {
        let bound = entries.iter().find(|(name, _)| *name == library);
        assert!(
            bound.is_some_and(|(_, bound)| bound.starts_with("(>= ")),
            "Depends has {library} with a version bound: {depends}"
        );
    }
    assert_eq!(field(&deb, "Package"), "nncat");
    // The bash completions are loaded by bash-completion, which nothing else pulls in.
    assert_eq!(field(&deb, "Recommends"), "bash-completion");

    let description = field(&deb, "Description");
    let mut lines = description.lines();
    let summary = lines.next().unwrap_or_default();
    assert!(
        !summary.is_empty() && summary.len() < 80,
        "a one-line summary under 80 characters: {summary:?}"
    );
    let long: Vec<&str> = lines.collect();
    assert!(
        long.iter().any(|line| line.contains("nn_push")),
        "a long description that tells of the nn_TYPE names: {long:?}"
    );
}

#[test]
fn unpacked_nncat_and_nn_names_run_and_exchange_a_message() {
    let Some(deb) = built_package() else { return };
    let scratch = unpacked(&deb);
    let bin = scratch.path("root/usr/bin");

    let version = run(command(&bin.join("nncat"), &["--version"])).success();
    assert_eq!(
        version.stdout_text(),
        format!("nncat {}\n", env!("CARGO_PKG_VERSION"))
    );

    // nn_push takes its type from its name: its help is `nncat push --help`, but for
    // the usage line, which names the program as it runs (`nn_push [OPTIONS]`).
    let help = run(command(&bin.join("nn_push"), &["--help"])).success();
    let push_help = run(nncat(["push", "--help"])).success();
    let help = help.stdout_text();
    assert!(help.contains("Usage: nn_push [OPTIONS]\n"), "{help}");
    assert_eq!(
        help.replace("Usage: nn_push ", "Usage: nncat push "),
        push_help.stdout_text()
    );

    // The packaged binary links the system's libnanomsg and moves a message.
    let url = scratch.ipc_url("packaged.sock");
    let puller = command(&bin.join("nn_pull"), &["--bind", &url, "--count", "1"]);
    let puller = Running::start_without_stdin(puller);
    wait_bound(&url);
    let pusher = command(
        &bin.join("nn_push"),
        &["--connect", &url, "--data", "packaged"],
    );
    run(pusher).success();
    assert_eq!(puller.finish().success().stdout_text(), "packaged\n");
}

#[test]
fn version_agrees_in_cargo_toml_binary_man_pages_and_package() {
    let version = env!("CARGO_PKG_VERSION");
    let said = run(nncat(["--version"])).success().stdout_text();
    assert_eq!(said, format!("nncat {version}\n"), "nncat --version");

    for page in man_pages() {
        let text = std::fs::read_to_string(repo_path("docs/man").join(&page)).expect("page");
        let th = text
            .lines()
            .find(|line| line.starts_with(".TH "))
            .unwrap_or_else(|| panic!("docs/man/{page} has a .TH line"));
        // .TH NAME 1 "DATE" "NAME VERSION": clap_mangen leaves the date empty.
        let source = th.rsplit('"').nth(1).unwrap_or_default();
        assert_eq!(
            source.rsplit(' ').next(),
            Some(version),
            "docs/man/{page}'s .TH line names version {version}: {th}"
        );
    }

    let Some(deb) = built_package() else { return };
    let package_version = field(&deb, "Version");
    let (upstream, revision) = package_version
        .rsplit_once('-')
        .unwrap_or((&package_version, ""));
    assert_eq!(
        upstream, version,
        "the package's Version: {package_version}"
    );
    assert!(!revision.is_empty(), "a Debian revision: {package_version}");
}
