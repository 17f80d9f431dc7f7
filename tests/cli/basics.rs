use crate::harness::*;

#[test]
fn push_to_pull_over_ipc_delivers_lines_in_order() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("a.sock");
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3"]));
    wait_bound(&url);
    run_with_input(nncat(["push", "--connect", &url]), b"one\ntwo\nthree\n").success();
    let out = puller.finish().success();
    assert_eq!(out.stdout, b"one\ntwo\nthree\n");
}

#[test]
fn connecting_to_a_closed_port_times_out_with_exit_3() {
    let url = tcp_url();
    run(nncat([
        "push",
        "--connect",
        &url,
        "--send-timeout",
        "200ms",
        "-D",
        "hi",
    ]))
    .fails_with(
        3,
        &format!("nothing is listening at {url} (connection refused)"),
    );
}
