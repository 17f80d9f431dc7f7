#!/usr/bin/env python3
"""One-shot commands (figure 5 of bench/run.sh) timed in interleaved rounds: each round
runs every command once, in the order given (A B C ... A B C ...), so that the ratio of
two commands can be taken round by round, between runs a moment apart. A busy machine
slows a whole stretch of time; a ratio taken within a round cancels most of that, where
the ratio of two medians measured one command after the other (hyperfine's way) takes
the first command's moment against the second's.

usage: oneshot.py ROUNDS WARMUP NAME COMMAND [NAME COMMAND]...

COMMAND is shell words (split, not run by a shell). WARMUP rounds run first and are not
printed. Each run is timed with time.perf_counter from just before the process is
spawned to just after it is reaped, its stdin and stdout /dev/null, its stderr this
script's. Prints one line per run on stdout: `NAME<TAB>ROUND<TAB>SECONDS`. A run that
fails (an exit code other than 0, or 10 s without exiting) is said on stderr and not
printed, and the exit code is then 1.

Then, if strace is installed, each command runs once more under `strace -f`: prints
`NAME_syscalls<TAB>1<TAB>N` (system calls of all its threads, execve included) and
`NAME_threads<TAB>1<TAB>N` (threads it started: clone calls with CLONE_THREAD). If it is
not, says so on stderr and prints no counts.
"""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

LIMIT = 10  # seconds one run may take


def timed(path, words, null):
    """The seconds one run took, or None if it failed."""
    # posix_spawn and a blocking wait4 give hyperfine -N's medians here (nanocat's
    # one-shot: 1.47-1.54 ms, hyperfine 1.49-1.55 ms); subprocess.Popen added about
    # 0.15 ms a run, and its wait with a timeout polls in sleeps of 0.5, 1, 2 ms...,
    # which rounded every run up to 3.4 ms. An interval timer bounds the run instead.
    start = time.perf_counter()
    pid = os.posix_spawn(path, words, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1)])
    signal.signal(signal.SIGALRM, lambda _signum, _frame: os.kill(pid, signal.SIGKILL))
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    _, status, _ = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == -signal.SIGKILL:
        print(f"oneshot: {shlex.join(words)} ran past {LIMIT} s", file=sys.stderr)
        return None
    if code != 0:
        print(f"oneshot: {shlex.join(words)} exited {code}", file=sys.stderr)
        return None
    return elapsed


def counted(strace, words):
    """(system calls, threads started) of one run under strace -f, or None."""
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "trace")
        # -C: the trace and, after it, the summary whose last line is the total.
        try:
            done = subprocess.run(
                [strace, "-f", "-qq", "-C", "-o", trace, *words],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=LIMIT * 3,
            )
        except subprocess.TimeoutExpired:
            print(f"oneshot: strace of {words[0]} ran past {LIMIT * 3} s", file=sys.stderr)
            return None
        if done.returncode != 0:
            print(f"oneshot: strace of {words[0]} exited {done.returncode}", file=sys.stderr)
            return None
        with open(trace) as f:
            text = f.read()
    total = re.search(r"^\s*100\.00\s+\S+\s+\S+\s+(\d+)\s+(?:\d+\s+)?total\s*$", text, re.M)
    if not total:
        print(f"oneshot: no total in strace's summary for {words[0]}", file=sys.stderr)
        return None
    threads = len(re.findall(r"\bclone3?\(.*CLONE_THREAD", text))
    return int(total.group(1)), threads


def main(rounds, warmup, specs):
    commands = [(name, shlex.split(command)) for name, command in specs]
    paths = {}
    for name, words in commands:
        paths[name] = shutil.which(words[0])
        if not paths[name]:
            sys.exit(f"oneshot: {words[0]} not found")
    null = os.open(os.devnull, os.O_RDWR)
    failed = False
    for round_ in range(-warmup + 1, rounds + 1):
        for name, words in commands:
            elapsed = timed(paths[name], words, null)
            if elapsed is None:
                failed = True
            elif round_ > 0:
                print(f"{name}\t{round_}\t{elapsed:.9f}")
    strace = shutil.which("strace")
    if not strace:
        print("oneshot: strace is not installed: no system call or thread counts", file=sys.stderr)
    else:
        for name, words in commands:
            counts = counted(strace, words)
            if counts is None:
                failed = True
                continue
            print(f"{name}_syscalls\t1\t{counts[0]}")
            print(f"{name}_threads\t1\t{counts[1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[3:]
    if len(sys.argv) < 5 or len(args) % 2:
        sys.exit(__doc__)
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2]), [args[i : i + 2] for i in range(0, len(args), 2)]))
