//! JSON lines for tools: text as data, other bytes as base64, a subscriber's topic
//! apart, a time on request; and JSON read back as input gives the same messages.

use crate::harness::*;

#[test]
fn json_output_holds_text_as_data_and_other_bytes_as_base64() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull", "--bind", &url, "--format", "json", "--count", "3",
    ]));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        b"6869\nff00\n7461620922c3a9\n",
    )
    .success();
    let got = json_lines_of(&puller.finish().success().stdout_text());
    assert_eq!(
        got,
        [
            serde_json::json!({"data": "hi"}),
            serde_json::json!({"base64": "/wA="}),
            serde_json::json!({"data": "tab\t\"\u{e9}"}),
        ]
    );
}

#[test]
fn json_timestamp_adds_an_rfc3339_time() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &url,
        "--format",
        "json",
        "--timestamp",
        "--count",
        "1",
    ]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "stamped"])).success();
    let got = json_lines_of(&puller.finish().success().stdout_text());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["data"], "stamped");
    let time = got[0]["time"].as_str().expect("a \"time\" string");
    humantime::parse_rfc3339(time).unwrap_or_else(|err| panic!("{time:?}: {err}"));
}

#[test]
fn json_topic_split_separates_a_subscribers_topic() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("topics.sock");
    let subscriber = Running::start_without_stdin(nncat([
        "sub",
        "--bind",
        &url,
        "--subscribe",
        "news",
        "--format",
        "json",
        "--topic-split",
        " ",
        "--count",
        "2",
    ]));
    wait_bound(&url);
    run_with_input(
        nncat(["pub", "--connect", &url]),
        b"news hello world\nsport skipped\nnews \xff\n",
    )
    .success();
    let got = json_lines_of(&subscriber.finish().success().stdout_text());
    assert_eq!(
        got,
        [
            serde_json::json!({"topic": "news", "data": "hello world"}),
            serde_json::json!({"topic": "news", "base64": "/w=="}),
        ]
    );
}

#[test]
fn json_input_takes_data_base64_and_topic() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--hex", "--count", "3"]));
    wait_bound(&url);
    run_with_input(
        nncat([
            "push",
            "--connect",
            &url,
            "--format",
            "json",
            "--topic-split",
            ":",
        ]),
        b"{\"data\": \"hi\"}\n{\"base64\": \"/wA=\"}\n{\"topic\": \"t\", \"data\": \"y\"}\n",
    )
    .success();
    assert_eq!(puller.finish().success().stdout, b"6869\nff00\n743a79\n");
}

#[test]
fn json_output_read_back_as_input_gives_the_same_messages() {
    let messages = random_messages(11, 20, 300);
    let (first, second) = (tcp_url(), tcp_url());
    let puller = Running::start_without_stdin(nncat([
        "pull", "--bind", &first, "--format", "json", "--count", "20",
    ]));
    wait_bound(&first);
    run_with_input(
        nncat(["push", "--connect", &first, "--hex"]),
        &hex_lines(&messages),
    )
    .success();
    let json = puller.finish().success().stdout;
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &second, "--hex", "--count", "20"]));
    wait_bound(&second);
    run_with_input(
        nncat(["push", "--connect", &second, "--format", "json"]),
        &json,
    )
    .success();
    assert_eq!(puller.finish().success().stdout, hex_lines(&messages));
}
