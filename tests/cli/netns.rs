//! nncat across hosts: two Linux network namespaces of the test's own, joined by a veth
//! pair with addresses in 10.200.0.0/24 that exist only inside them (no traffic leaves
//! the machine), with 20 ms of delay and 1% loss on the link. push/pull and req/rep
//! run between them, and a link taken down and brought back mid-stream recovers.
//!
//! Needs root (CAP_NET_ADMIN) and iproute2's `ip`; where namespaces cannot be made the
//! tests say why on stdout and pass without running. The delay and loss come from
//! `tc ... netem`; a kernel without sch_netem gets the loss from an nftables rule
//! instead (no delay), or runs the link clean, and says which.

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::harness::*;

const HOST_A: &str = "10.200.0.1";
const HOST_B: &str = "10.200.0.2";

/// How long the link stays down: a fault's length, not a wait for a peer.
const OUTAGE: Duration = Duration::from_millis(1500);

/// Runs `ip ARGS`; the error is its stderr.
fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("cannot run ip: {err}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "ip {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Runs a command inside namespace `ns` with `input` on its stdin; true on success.
fn in_ns(ns: &str, program: &str, args: &[&str], input: &[u8]) -> Result<(), String> {
    let mut command = Command::new("ip");
    command.args(["netns", "exec", ns, program]).args(args);
    let out = run_with_input(command, input);
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} {}: {}",
            args.join(" "),
            out.stderr.trim()
        ))
    }
}

/// Two namespaces joined by a veth pair; both are deleted when this is dropped, so a
/// failing test leaves nothing behind.
struct Hosts {
    a: String,
    b: String,
    veth_a: String,
    veth_b: String,
    /// What was done to the link, for the test's output.
    impairment: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Hosts {
    /// Makes the two hosts, or says why they cannot be made here.
    fn new() -> Result<Hosts, String> {
        if !is_root() {
            return Err("not root: network namespaces need CAP_NET_ADMIN".into());
        }
        if !have("ip") {
            return Err("no `ip` binary: install iproute2".into());
        }
        let id = format!(
            "{}x{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut hosts = Hosts {
            a: format!("nncat-{id}-a"),
            b: format!("nncat-{id}-b"),
            // Interface names have at most 15 characters.
            veth_a: format!("nn{id}a"),
            veth_b: format!("nn{id}b"),
            impairment: String::new(),
        };
        // Made before anything else, so Drop cleans up whatever was made.
        ip(&["netns", "add", &hosts.a])?;
        ip(&["netns", "add", &hosts.b])?;
        let (a, b) = (hosts.a.clone(), hosts.b.clone());
        let (va, vb) = (hosts.veth_a.clone(), hosts.veth_b.clone());
        // The pair is made inside A, so nothing ever appears in the machine's own
        // namespace; one end then moves to B.
        ip(&[
            "-n", &a, "link", "add", &va, "type", "veth", "peer", "name", &vb,
        ])?;
        ip(&["-n", &a, "link", "set", &vb, "netns", &b])?;
        for (ns, dev, addr) in [(&a, &va, HOST_A), (&b, &vb, HOST_B)] {
            ip(&["-n", ns, "addr", "add", &format!("{addr}/24"), "dev", dev])?;
            ip(&["-n", ns, "link", "set", dev, "up"])?;
            ip(&["-n", ns, "link", "set", "lo", "up"])?;
        }
        hosts.impairment = hosts.impair();
        println!("netns: {} <-> {}: {}", hosts.a, hosts.b, hosts.impairment);
        Ok(hosts)
    }

    /// 20 ms of delay and 1% loss each way, with what this machine has.
    fn impair(&self) -> String {
        let netem = [(&self.a, &self.veth_a), (&self.b, &self.veth_b)]
            .into_iter()
            .try_for_each(|(ns, dev)| {
                in_ns(
                    ns,
                    "tc",
                    &[
                        "qdisc", "add", "dev", dev, "root", "netem", "delay", "20ms", "loss", "1%",
                    ],
                    b"",
                )
            });
        let why_not_netem = match netem {
            Ok(()) => return "netem delay 20ms loss 1% each way".into(),
            Err(err) => err,
        };
        let rule = "table inet nncat_loss {\n  chain input {\n    \
                    type filter hook input priority 0; policy accept;\n    \
                    numgen random mod 100 < 1 counter drop\n  }\n}\n";
        let nft = [&self.a, &self.b]
            .into_iter()
            .try_for_each(|ns| in_ns(ns, "nft", &["-f", "-"], rule.as_bytes()));
        match nft {
            Ok(()) => format!(
                "no netem here ({why_not_netem}); nftables drops 1% of packets each way, no delay"
            ),
            Err(err) => format!(
                "no netem ({why_not_netem}) and no nftables ({err}); the link is not impaired"
            ),
        }
    }

    /// A command run on host `ns` (the nncat under test, or anything else).
    fn nncat(&self, ns: &str, args: &[&str]) -> Command {
        let mut command = Command::new("ip");
        command.args(["netns", "exec", ns, nncat_path()]).args(args);
        command
    }

    fn link(&self, state: &str) {
        ip(&["-n", &self.a, "link", "set", &self.veth_a, state])
            .unwrap_or_else(|err| panic!("{err}"));
    }
}

impl Drop for Hosts {
    fn drop(&mut self) {
        if self.impairment.contains("nftables drops") {
            let out = Command::new("ip")
                .args([
                    "netns",
                    "exec",
                    &self.a,
                    "nft",
                    "list",
                    "table",
                    "inet",
                    "nncat_loss",
                ])
                .output();
            if let Ok(out) = out {
                let listing = String::from_utf8_lossy(&out.stdout);
                if let Some(counter) = listing.lines().find(|line| line.contains("counter")) {
                    println!("netns: {} dropped: {}", self.a, counter.trim());
                }
            }
        }
        // Deleting a namespace deletes the veth end in it, and with it the pair.
        let _ = ip(&["netns", "del", &self.a]);
        let _ = ip(&["netns", "del", &self.b]);
    }
}

/// The two hosts, or None after saying on stdout why the test cannot run here.
fn hosts(test: &str) -> Option<Hosts> {
    match Hosts::new() {
        Ok(hosts) => Some(hosts),
        Err(why) => {
            println!("skipped {test}: network namespaces cannot be made here: {why}");
            None
        }
    }
}

#[test]
fn push_and_pull_between_two_hosts_deliver_every_message_in_order() {
    let Some(hosts) = hosts("push_and_pull_between_two_hosts") else {
        return;
    };
    let url = format!("tcp://{HOST_B}:5555");
    let input = numbered_lines(2000);
    // No wait for the bind: push connects in the background and retries until the
    // puller is there.
    let puller = Running::start_without_stdin(
        hosts.nncat(&hosts.b, &["pull", "--bind", &url, "--count", "2000"]),
    );
    run_with_input(hosts.nncat(&hosts.a, &["push", "--connect", &url]), &input).success();
    let out = puller.finish().success();
    assert!(
        out.stdout == input,
        "{} of 2000 lines arrived, in this order: {}",
        out.stdout_text().lines().count(),
        hosts.impairment
    );
}

#[test]
fn req_and_rep_between_two_hosts_answer_every_request() {
    let Some(hosts) = hosts("req_and_rep_between_two_hosts") else {
        return;
    };
    let url = format!("tcp://{HOST_B}:6000");
    let _replier = Running::start_without_stdin(hosts.nncat(
        &hosts.b,
        &["rep", "--bind", &url, "--exec", "tr", "a-z", "A-Z"],
    ));
    let requests: Vec<u8> = (0..20)
        .map(|i| format!("request {i}\n"))
        .collect::<String>()
        .into_bytes();
    let out = run_with_input(
        hosts.nncat(
            &hosts.a,
            &["req", "--connect", &url, "--recv-timeout", "10s"],
        ),
        &requests,
    )
    .success();
    assert_eq!(out.stdout, requests.to_ascii_uppercase());
}

/// A link that goes down and comes back mid-stream: the TCP connection under nanomsg
/// outlives an outage this short (its retransmissions carry on once the link is up),
/// so the stream resumes where it stopped, nothing lost, nothing repeated, in order.
#[test]
fn a_stream_survives_the_link_going_down_and_up() {
    let Some(hosts) = hosts("a_stream_survives_the_link_going_down_and_up") else {
        return;
    };
    let url = format!("tcp://{HOST_B}:5556");
    let total = 600;
    let input = numbered_lines(total);
    let mut puller = Running::start_streaming(hosts.nncat(
        &hosts.b,
        &["pull", "--bind", &url, "--count", &total.to_string()],
    ));
    puller.close_stdin();
    // Paced, so that the stream is still going when the link goes down.
    let mut pusher =
        Running::start(hosts.nncat(&hosts.a, &["push", "--connect", &url, "--interval", "5ms"]));
    pusher.feed_stdin(input.clone());
    assert!(
        puller
            .stdout()
            .wait_until(LIMIT, |seen| seen.iter().filter(|&&b| b == b'\n').count()
                >= 50),
        "the stream started: {:?}",
        puller.stdout().seen_text()
    );
    hosts.link("down");
    let down_at = Instant::now();
    std::thread::sleep(OUTAGE);
    let during = puller.stdout().seen().len();
    hosts.link("up");
    println!("link was down for {:?}", down_at.elapsed());
    let arrived = puller
        .stdout()
        .wait_until(Duration::from_secs(20), |seen| seen.len() >= input.len());
    let seen = puller.stdout().seen_text();
    assert!(
        arrived,
        "after the link came back, {} of {total} lines arrived",
        seen.lines().count()
    );
    assert!(during < input.len(), "the outage was mid-stream");
    assert!(
        puller.stdout().seen() == &input[..],
        "every line once, in order: {seen}"
    );
    pusher.finish_within(Duration::from_secs(20)).success();
    puller.finish_within(Duration::from_secs(5)).success();
}

/// A request sent while the link is down is answered once it comes back.
#[test]
fn a_request_sent_while_the_link_is_down_is_answered_when_it_is_up() {
    let Some(hosts) = hosts("a_request_sent_while_the_link_is_down") else {
        return;
    };
    let url = format!("tcp://{HOST_B}:6001");
    let _replier =
        Running::start_without_stdin(hosts.nncat(&hosts.b, &["rep", "--bind", &url, "--echo"]));
    let mut requester = Running::start_streaming(hosts.nncat(
        &hosts.a,
        &["req", "--connect", &url, "--recv-timeout", "20s"],
    ));
    requester.write_stdin(b"before\n");
    requester.stdout().wait_for_exactly(b"before\n");
    hosts.link("down");
    requester.write_stdin(b"during\n");
    std::thread::sleep(OUTAGE);
    hosts.link("up");
    requester.write_stdin(b"after\n");
    requester.close_stdin();
    requester
        .stdout()
        .wait_for_exactly(b"before\nduring\nafter\n");
    requester.finish_within(Duration::from_secs(5)).success();
}
