#!/usr/bin/env python3
"""Times a surveyor from its start to its LINES-th line of output: the moment the last
answer of one survey reached stdout. A surveyor exits only at its deadline, so its exit
says nothing about how fast the answers came; its stdout does (bench/scale.sh).

usage: scale_lines.py LINES LIMIT COMMAND...

Prints one line: `SECONDS EXIT USER SYS`: seconds from the spawn to the LINES-th
newline on the command's stdout (-1 if it never came), its exit code, and its user and
system CPU seconds (from wait4, so timed to the microsecond). The command is killed
after LIMIT seconds, or when this script is sent SIGTERM.
"""

import os
import select
import signal
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    lines, limit, command = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE)

    def end(_signum, _frame):
        child.kill()
        sys.exit(1)

    signal.signal(signal.SIGTERM, end)
    fd = child.stdout.fileno()
    seen = 0
    reached = -1.0
    deadline = start + limit
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            child.kill()
            break
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen += chunk.count(b"\n")
        if reached < 0 and seen >= lines:
            reached = time.monotonic() - start
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print(f"{reached:.6f} {code} {usage.ru_utime:.6f} {usage.ru_stime:.6f}")


if __name__ == "__main__":
    main()
