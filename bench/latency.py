#!/usr/bin/env python3
"""Interactive latency: how long one line written to a pusher's stdin takes to come out
of a puller's stdout, one line at a time, each written after the previous one arrived.
Buffering must never hold a line back while no more are coming.

usage: latency.py URL SAMPLES PULL_COMMAND PUSH_COMMAND
The commands are shell words (split, not run by a shell) in which @URL@ stands for URL:
the puller binds, the pusher connects. For nncat:
    latency.py tcp://127.0.0.1:5555 30 'nncat pull --bind @URL@' \
        'nncat push --connect @URL@ --linger 0'
and for the floor (examples/floor.rs, a plain libnanomsg program):
    latency.py tcp://127.0.0.1:5556 30 'floor pull --bind @URL@' 'floor push --connect @URL@'

Prints one line per sample on stdout: the seconds it took. Bounded: 10 s for the
connection, 2 s per line, then both processes are ended.
"""

import os
import select
import shlex
import subprocess
import sys
import time


def read_line(fd, pending, deadline):
    """Reads from `fd` until `pending` holds a whole line; returns (line, rest)."""
    while b"\n" not in pending:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no line from the puller in time")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError("the puller closed its stdout")
            pending += chunk
    line, rest = pending.split(b"\n", 1)
    return line, rest


def command(words, url):
    return [word.replace("@URL@", url) for word in shlex.split(words)]


def main(url, samples, pull_command, push_command):
    pull = subprocess.Popen(
        command(pull_command, url), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    push = subprocess.Popen(
        command(push_command, url), stdin=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    out = pull.stdout.fileno()
    into = push.stdin.fileno()
    try:
        # The first line waits for the connection (push blocks until a peer is there).
        os.write(into, b"warm-up\n")
        line, pending = read_line(out, b"", time.monotonic() + 10)
        assert line == b"warm-up", line
        for i in range(samples):
            record = f"line {i:06d} {'x' * 50}".encode()
            start = time.perf_counter()
            os.write(into, record + b"\n")
            line, pending = read_line(out, pending, time.monotonic() + 2)
            elapsed = time.perf_counter() - start
            if line != record:
                raise ValueError(f"expected {record!r}, got {line!r}")
            print(f"{elapsed:.9f}")
    finally:
        push.stdin.close()
        for process in (push, pull):
            if process.poll() is None:
                process.terminate()
        for process in (push, pull):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
