#!/usr/bin/env python3
"""Interactive latency: how long one line written to a pusher's stdin takes to come out
of a puller's stdout, one line at a time, each written after the previous one arrived.
Buffering must never hold a line back while no more are coming.

usage: latency.py SAMPLES NAME PULL_COMMAND PUSH_COMMAND [NAME PULL_COMMAND PUSH_COMMAND]...

Each NAME is a pair of processes, started together on a free tcp port on 127.0.0.1:
the commands are shell words (split, not run by a shell) in which @URL@ stands for that
address; the puller binds, the pusher connects. The pairs take turns, one line each, so
that every pair meets the same moments of a busy machine. For nncat and the floor
(examples/floor.rs, a plain libnanomsg program):

    latency.py 100 nncat 'nncat pull --bind @URL@' 'nncat push --connect @URL@ --linger 0' \
        floor 'floor pull --bind @URL@' 'floor push --connect @URL@'

Prints one line per sample on stdout: the pair's name and the seconds it took.
Bounded: 10 s for each connection, 2 s per line, then every process is ended.
"""

import os
import select
import shlex
import socket
import subprocess
import sys
import time


def free_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


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


class Pair:
    def __init__(self, name, pull_command, push_command):
        url = free_url()
        words = lambda command: [w.replace("@URL@", url) for w in shlex.split(command)]
        self.name = name
        self.pull = subprocess.Popen(
            words(pull_command), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.push = subprocess.Popen(
            words(push_command), stdin=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.out = self.pull.stdout.fileno()
        self.into = self.push.stdin.fileno()
        self.pending = b""

    def line(self, record, limit):
        """Sends one line through the pair; returns the seconds it took."""
        start = time.perf_counter()
        os.write(self.into, record + b"\n")
        line, self.pending = read_line(self.out, self.pending, time.monotonic() + limit)
        elapsed = time.perf_counter() - start
        if line != record:
            raise ValueError(f"{self.name}: expected {record!r}, got {line!r}")
        return elapsed

    def end(self):
        self.push.stdin.close()
        for process in (self.push, self.pull):
            if process.poll() is None:
                process.terminate()
        for process in (self.push, self.pull):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(samples, specs):
    pairs = []
    try:
        for name, pull_command, push_command in specs:
            pairs.append(Pair(name, pull_command, push_command))
        # The first line waits for the connection (push blocks until a peer is there).
        for pair in pairs:
            pair.line(b"warm-up", 10)
        for i in range(samples):
            record = f"line {i:06d} {'x' * 50}".encode()
            for pair in pairs:
                print(f"{pair.name}\t{pair.line(record, 2):.9f}")
    finally:
        for pair in pairs:
            pair.end()


if __name__ == "__main__":
    args = sys.argv[2:]
    if len(sys.argv) < 5 or len(args) % 3:
        sys.exit(__doc__)
    main(int(sys.argv[1]), [args[i : i + 3] for i in range(0, len(args), 3)])
