//! tap's machine formats: under `--format json` one JSON object per line, with the
//! direction, a sequence number, the time, the peer and, on an answer, the request it
//! answers; under `--format msgpack` the same records as maps, which nncat reads back.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde_json::Value;

use crate::harness::*;

/// A tap of `kind` with its records in `format`, once it has reached its server.
fn tap_recording(kind: &str, front: &str, back: &str, format: &str) -> Running {
    crate::tap::tap_connected_to_server(kind, front, back, &["--format", format])
}

/// The records of a tap's stdout, each checked to hold the fields every record has.
fn records(tap: &mut Running, count: usize) -> Vec<Value> {
    tap.stdout().wait_for_lines(count);
    let records = json_lines_of(&tap.stdout().seen_text());
    for record in &records {
        assert!(record["dir"] == ">" || record["dir"] == "<", "{record}");
        assert!(record["seq"].is_u64(), "{record}");
        let time = record["time"].as_str().unwrap_or("");
        assert!(time.len() >= 20 && time.ends_with('Z'), "{record}");
        assert!(record["data"].is_string(), "{record}");
    }
    let seqs: Vec<u64> = records.iter().filter_map(|r| r["seq"].as_u64()).collect();
    assert_eq!(seqs, (1..=records.len() as u64).collect::<Vec<_>>());
    records
}

#[test]
fn tap_json_pairs_each_reply_with_its_request_for_concurrent_clients() {
    let (front, back) = (tcp_url(), tcp_url());
    let _server = Running::start_without_stdin(nncat([
        "rep", "--bind", &back, "--exec", "tr", "a-z", "A-Z",
    ]));
    wait_bound(&back);
    let mut tap = tap_recording("rep", &front, &back, "json");
    let clients: Vec<Running> = ["a", "b", "c"]
        .iter()
        .map(|prefix| {
            let mut client = Running::start(nncat(["req", "--connect", &front]));
            let requests: String = (0..10).map(|i| format!("{prefix}{i}\n")).collect();
            client.feed_stdin(requests.into_bytes());
            client
        })
        .collect();
    for client in clients {
        client.finish().success();
    }
    let records = records(&mut tap, 60);
    let by_seq: HashMap<u64, &Value> = records
        .iter()
        .map(|record| (record["seq"].as_u64().unwrap_or(0), record))
        .collect();
    // Each client is one peer, named on each of its requests.
    let mut peer_of_prefix: HashMap<String, String> = HashMap::new();
    for request in records.iter().filter(|r| r["dir"] == ">") {
        let data = request["data"].as_str().unwrap_or("");
        let peer = request["peer"].as_str().unwrap_or("(none)");
        assert!(peer.starts_with("127.0.0.1:"), "{request}");
        assert_eq!(request.get("reply_to"), None, "{request}");
        let known = peer_of_prefix
            .entry(data[..1].to_string())
            .or_insert_with(|| peer.to_string());
        assert_eq!(known, peer, "{request}");
    }
    let peers: HashSet<&String> = peer_of_prefix.values().collect();
    assert_eq!(peers.len(), 3, "{peer_of_prefix:?}");
    // Each reply names the request it answers, and comes from the server.
    let server = back.trim_start_matches("tcp://");
    for reply in records.iter().filter(|r| r["dir"] == "<") {
        let asked = reply["reply_to"].as_u64().expect("reply_to");
        let request = by_seq[&asked];
        assert_eq!(request["dir"], ">");
        assert_eq!(
            request["data"].as_str().map(str::to_uppercase).as_deref(),
            reply["data"].as_str(),
            "{reply} answers {request}"
        );
        assert_eq!(reply["peer"], server);
    }
}

#[test]
fn tap_json_pairs_each_answer_with_its_survey_both_ways_round() {
    // Respondents connect to the tap; the surveyor is the server behind it.
    let (front, back) = (tcp_url(), tcp_url());
    let _server = Running::start_without_stdin(nncat([
        "surveyor", "--bind", &back, "-D", "anyone", "-i", "300ms", "-q",
    ]));
    wait_bound(&back);
    let mut tap = tap_recording("surveyor", &front, &back, "json");
    let respondents: Vec<Running> = ["here", "there"]
        .iter()
        .map(|answer| {
            Running::start_without_stdin(nncat([
                "respondent",
                "--connect",
                &front,
                "-D",
                answer,
                "-C",
                "2",
            ]))
        })
        .collect();
    for respondent in respondents {
        respondent.finish().success();
    }
    let four_answers = |seen: &[u8]| {
        String::from_utf8_lossy(seen)
            .matches("\"dir\":\">\"")
            .count()
            >= 4
    };
    assert!(
        tap.stdout()
            .wait_until(Duration::from_secs(15), four_answers)
    );
    let records = records(&mut tap, 6);
    let by_seq: HashMap<u64, &Value> = records
        .iter()
        .map(|record| (record["seq"].as_u64().unwrap_or(0), record))
        .collect();
    let answers: Vec<&Value> = records.iter().filter(|r| r["dir"] == ">").collect();
    assert!(answers.len() >= 4, "{records:?}");
    let mut answerers = HashSet::new();
    for answer in answers {
        let survey = by_seq[&answer["reply_to"].as_u64().expect("reply_to")];
        assert_eq!(survey["dir"], "<");
        assert_eq!(survey["data"], "anyone");
        answerers.insert(answer["peer"].as_str().expect("a peer").to_string());
    }
    assert_eq!(
        answerers.len(),
        2,
        "each respondent is named: {answerers:?}"
    );
}

#[test]
fn a_tap_msgpack_recording_reads_back_as_its_messages() {
    let (front, back) = (tcp_url(), tcp_url());
    let _server = Running::start_without_stdin(nncat(["rep", "--bind", &back, "--echo"]));
    wait_bound(&back);
    let mut tap = tap_recording("rep", &front, &back, "msgpack");
    let messages: Vec<Vec<u8>> = vec![b"first".to_vec(), vec![0, 159, 255], vec![b'x'; 300]];
    for message in &messages {
        run_with_input(
            nncat(["req", "--connect", &front, "--format", "hex"]),
            &hex_lines(std::slice::from_ref(message)),
        )
        .success();
    }
    // The last request and its echo, 300 bytes of x each, end the recording.
    let both_long_ones = |seen: &[u8]| {
        seen.windows(300)
            .filter(|window| window.iter().all(|&b| b == b'x'))
            .count()
            >= 2
    };
    assert!(
        tap.stdout()
            .wait_until(Duration::from_secs(15), both_long_ones),
        "the recording"
    );
    let recording = tap.stdout().seen().to_vec();
    let url = tcp_url();
    let mut pull = Running::start_streaming(nncat([
        "pull", "--bind", &url, "--format", "hex", "-C", "6",
    ]));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "--format", "msgpack"]),
        &recording,
    )
    .success();
    let twice: Vec<Vec<u8>> = messages
        .iter()
        .flat_map(|message| [message.clone(), message.clone()])
        .collect();
    pull.stdout().wait_for_exactly(&hex_lines(&twice));
}

#[test]
fn a_lone_pusher_through_a_tap_is_named_though_its_messages_carry_no_id() {
    let (front, back) = (tcp_url(), tcp_url());
    let _server = Running::start_without_stdin(nncat(["pull", "--bind", &back, "-q"]));
    wait_bound(&back);
    let mut tap = tap_recording("pull", &front, &back, "json");
    run_with_input(nncat(["push", "--connect", &front]), b"one\ntwo\n").success();
    let records = records(&mut tap, 2);
    for record in &records {
        assert_eq!(record["dir"], ">");
        let peer = record["peer"].as_str().unwrap_or("(null)");
        assert!(peer.starts_with("127.0.0.1:"), "{record}");
    }
    assert_eq!(records[0]["peer"], records[1]["peer"]);
}
