#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into the tables of docs/performance.md.

usage: report.py RESULTS LINES BIG TRIPS RSS_BYTES [TLS_BIG] (the counts name the figures)

RESULTS: a file of tab-separated lines `KEY RUN VALUE`, one per measurement, where RUN
numbers the repetition (for the one-shot, the round). Three tables:

- the main one: each figure is the median over its runs; its ratio is the median of
  per-run ratios against the reference measured in the same repetition, so a slow
  moment of the machine slows both sides of a ratio alike;
- receiver CPU (figure 3): every receiver's best (least) and median CPU over the runs,
  and its runs; nncat's ratio to each reference is best to best and median to median,
  the statistics issue 21's targets are set in;
- the one-shot (figure 5): each command's median and best wall time over the rounds;
  nncat's ratio to each is taken round by round (its run over the other's in the same
  round), and their median and best given; system calls and threads started, counted
  once with strace, beside them.
"""

import statistics
import sys
from collections import defaultdict

# key, figure, unit, how to show a value, reference key, reference name,
# target text, test(ratio or value) -> met, what the test is applied to
ROWS = [
    ("tcp_lines", "1. {lines} lines of 64 B, push -> pull, tcp", "msg/s", "rate",
     "tcp_lines_base", "baseline push -> pull", ">= 0.90 x baseline",
     lambda r: r >= 0.90, "ratio"),
    ("ipc_lines", "2. {lines} lines of 64 B, push -> pull, ipc", "msg/s", "rate",
     "ipc_lines_base", "baseline push -> pull", ">= 0.90 x baseline",
     lambda r: r >= 0.90, "ratio"),
    ("ws_lines", "2. {lines} lines of 64 B, push -> pull, ws", "msg/s", "rate",
     "ws_lines_base", "baseline push -> pull", ">= 0.90 x baseline",
     lambda r: r >= 0.90, "ratio"),
    ("ipc_big_raw", "2. {big} x 1 MiB, ipc, raw out", "MB/s", "mbps",
     "ipc_big_base", "baseline push -> pull", ">= 0.90 x baseline",
     lambda r: r >= 0.90, "ratio"),
    ("ipc_big_hex", "2. {big} x 1 MiB, ipc, hex in and out", "MB/s", "mbps",
     "ipc_big_base", "baseline push -> pull", ">= 0.90 x baseline",
     lambda r: r >= 0.90, "ratio"),
    ("reqrep", "4. req/rep round trip, {trips} from stdin, tcp", "us", "usec",
     "reqrep_base", "baseline req/rep", "<= 1.10 x baseline",
     lambda r: r <= 1.10, "ratio"),
    ("latency", "6. one line push stdin -> pull stdout, tcp", "us", "usec",
     "latency_floor", "floor push -> pull (examples/floor.rs)", "<= 1.5 x floor",
     lambda r: r <= 1.5, "ratio"),
    ("rss_push", "7. peak RSS of push, {rss} of 64 B lines", "MiB", "mib",
     None, None, "< 10 MiB", lambda v: v < 10 * 1024, "value"),
    ("rss_pull", "7. peak RSS of pull, {rss} of 64 B lines", "MiB", "mib",
     None, None, "< 10 MiB", lambda v: v < 10 * 1024, "value"),
    ("tls_lines", "8. {lines} lines of 64 B, push -> pull, tls+tcp", "msg/s", "rate",
     "tls_lines_nngcat", "nngcat --push0 -> --pull0, tls+tcp", "> 1.00 x nngcat",
     lambda r: r > 1.0, "ratio"),
    ("tls_lines", "8. {lines} lines of 64 B, push -> pull, tls+tcp", "msg/s", "rate",
     "tls_tcp_lines", "nncat push -> pull, plain tcp", "", None, None),
    ("tls_big", "8. {tls_big} x 1 MiB, push -> pull, tls+tcp, raw out", "MB/s", "mbps",
     "tls_big_nngcat", "nngcat --push0 -> --pull0, tls+tcp", "> 1.00 x nngcat",
     lambda r: r > 1.0, "ratio"),
    ("tls_big", "8. {tls_big} x 1 MiB, push -> pull, tls+tcp, raw out", "MB/s", "mbps",
     "tls_tcp_big", "nncat push -> pull, plain tcp", "", None, None),
]


# Figure 3, one block per output format: nncat's receiver, then each reference with the
# targets of issue 21 (a statistic of nncat's ratio to it, and the limit).
CPU_BLOCKS = [
    ("raw", "cpu_nncat_raw", "nncat pull --raw", [
        ("cpu_base", "baseline pull (writes nothing)", [("best", 1.20)]),
        ("cpu_nanocat_raw", "nanocat --pull --raw", [("best", 0.50), ("median", 0.60)]),
        ("cpu_nngcat_raw", "nngcat --pull0 --raw", []),
    ]),
    ("ascii", "cpu_nncat_ascii", "nncat pull --ascii", [
        ("cpu_base", "baseline pull (writes nothing)", [("best", 1.20)]),
        ("cpu_nanocat_ascii", "nanocat --pull -A", [("best", 0.50), ("median", 0.60)]),
        ("cpu_nngcat_ascii", "nngcat --pull0 -A", []),
    ]),
]

# Figure 5: the commands of bench/oneshot.py's rounds, nncat's first.
ONESHOT_ROWS = [
    ("oneshot_nncat", "nncat req --data ping", []),
    ("oneshot_nanocat", "nanocat --req -D ping -A", [("median", 1.00)]),
    ("oneshot_nngcat", "nngcat --req0 -D ping -A", []),
    ("oneshot_baseline", "baseline req", []),
]


def show(kind, value):
    if value is None:
        return "-"
    if kind == "rate":
        return f"{value:,.0f}"
    if kind == "mbps":
        return f"{value / 1e6:,.0f}"
    if kind == "usec":
        return f"{value * 1e6:.1f}"
    if kind == "mib":
        # /usr/bin/time's %M is in KiB.
        return f"{value / 1024:.1f}"
    return str(value)


def judge(ratios, targets):
    """The target text and the verdict ('' with no target or no ratio) of a row."""
    text = ", ".join(f"{stat} <= {limit:.2f} x" for stat, limit in targets)
    missed = [stat for stat, limit in targets if ratios.get(stat) is not None and ratios[stat] > limit]
    if not targets or any(ratios.get(stat) is None for stat, _ in targets):
        return text, ""
    return text, "yes" if not missed else f"**no** ({', '.join(missed)})"


def ratio_cell(value):
    return f"{value:.2f}" if value is not None else "-"


def main_table(runs, counts, verdicts):
    if not any(runs.get(row[0]) for row in ROWS):
        return
    print("| figure | nncat | unit | reference | reference value | ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|")
    for key, figure, unit, kind, ref, ref_name, target, test, tested in ROWS:
        mine = runs.get(key)
        if not mine:
            continue
        value = statistics.median(mine.values())
        ref_value = ratio = None
        if ref and runs.get(ref):
            theirs = runs[ref]
            ref_value = statistics.median(theirs.values())
            paired = [mine[r] / theirs[r] for r in mine if r in theirs and theirs[r] > 0]
            if paired:
                ratio = statistics.median(paired)
        met = ""
        if test and tested == "ratio" and ratio is not None:
            met = "yes" if test(ratio) else "**no**"
        elif test and tested == "value":
            met = "yes" if test(value) else "**no**"
        if met:
            verdicts[key] = met == "yes"
        n = len(mine)
        spread = ""
        if n > 1:
            spread = f" ({show(kind, min(mine.values()))}-{show(kind, max(mine.values()))})"
        print(
            f"| {figure.format(**counts)} | {show(kind, value)}{spread} | {unit} | {ref_name or ''} | "
            f"{show(kind, ref_value) if ref else ''} | "
            f"{f'{ratio:.2f}' if ratio is not None else ''} | {target} | {met} |"
        )
    print()


def cpu_table(runs, counts, verdicts):
    """Figure 3: best and median CPU of every receiver, nncat's ratios best to best and
    median to median. A format's verdict holds when every target of its block is met."""
    if not any(runs.get(key) for _, key, _, _ in CPU_BLOCKS):
        return
    n = max(len(runs.get(key, {})) for _, key, _, _ in CPU_BLOCKS)
    print(f"**3. Receiver CPU**, {counts['lines']} messages of 64 B over tcp from the baseline pusher:")
    print(f"user + system seconds, best (least) and median of {n} runs, and the runs, least first.")
    print("nncat / it: nncat's best over its best, nncat's median over its median.")
    print()
    print("| format | receiver | best, s | median, s | runs, s | nncat / it, best | nncat / it, median | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for form, key, name, references in CPU_BLOCKS:
        mine = list(runs.get(key, {}).values())
        if not mine:
            continue
        best, median = min(mine), statistics.median(mine)
        print(f"| {form} | {name} | {best:.2f} | {median:.2f} | "
              f"{' '.join(f'{v:.2f}' for v in sorted(mine))} |  |  |  |  |")
        verdict, complete = True, True
        for ref, ref_name, targets in references:
            theirs = list(runs.get(ref, {}).values())
            if not theirs:
                complete = complete and not targets
                continue
            ratios = {
                "best": best / min(theirs) if min(theirs) > 0 else None,
                "median": median / statistics.median(theirs) if statistics.median(theirs) > 0 else None,
            }
            target, met = judge(ratios, targets)
            if targets:
                verdict = verdict and met == "yes"
            print(f"| {form} | {ref_name} | {min(theirs):.2f} | {statistics.median(theirs):.2f} | "
                  f"{' '.join(f'{v:.2f}' for v in sorted(theirs))} | {ratio_cell(ratios['best'])} | "
                  f"{ratio_cell(ratios['median'])} | {target} | {met} |")
        if complete:
            verdicts[key] = verdict
    print()


def oneshot_table(runs):
    """Figure 5: median and best wall time of each one-shot; nncat's ratio to each taken
    round by round, and the median and best of those ratios."""
    mine = runs.get("oneshot_nncat")
    if not mine:
        return
    print(f"**5. One-shot request** (--data ping) against one running nncat rep --echo, tcp: {len(mine)}")
    print("rounds, each running the four one-shots once in turn; wall time from spawn to exit.")
    print("nncat / it: nncat's run over its run in the same round, the median and the best (least)")
    print("over the rounds. System calls (all threads, execve included) and threads started:")
    print("one run of each under strace -f.")
    print()
    print("| one-shot | median, ms | best, ms | nncat / it per round, median | best | system calls | threads started | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    counted = False
    for key, name, targets in ONESHOT_ROWS:
        theirs = runs.get(key)
        if not theirs:
            continue
        ratios = {"best": None, "median": None}
        if key != "oneshot_nncat":
            paired = [mine[r] / theirs[r] for r in mine if r in theirs and theirs[r] > 0]
            if paired:
                ratios = {"best": min(paired), "median": statistics.median(paired)}
        target, met = judge(ratios, targets)
        calls = runs.get(f"{key}_syscalls", {}).get("1")
        threads = runs.get(f"{key}_threads", {}).get("1")
        counted = counted or calls is not None
        print(f"| {name} | {statistics.median(theirs.values()) * 1e3:.2f} | "
              f"{min(theirs.values()) * 1e3:.2f} | "
              f"{ratio_cell(ratios['median']) if key != 'oneshot_nncat' else ''} | "
              f"{ratio_cell(ratios['best']) if key != 'oneshot_nncat' else ''} | "
              f"{'-' if calls is None else f'{calls:.0f}'} | "
              f"{'-' if threads is None else f'{threads:.0f}'} | {target} | {met} |")
    if not counted:
        print()
        print("(No system call or thread counts: strace is not installed, or it failed; see the log.)")
    print()


def main(path, lines, big, trips, rss_bytes, tls_big=300):
    counts = {
        "tls_big": f"{tls_big:,}",
        "lines": f"{lines:,}",
        "big": f"{big:,}",
        "trips": f"{trips:,}",
        "rss": f"{rss_bytes >> 20} MiB" if rss_bytes < 1 << 30 else f"{rss_bytes >> 30} GiB",
    }
    runs = defaultdict(dict)
    with open(path) as results:
        for line in results:
            parts = line.split()
            if len(parts) != 3:
                continue
            key, run, value = parts
            runs[key][run] = float(value)

    verdicts = {}
    main_table(runs, counts, verdicts)
    cpu_table(runs, counts, verdicts)
    oneshot_table(runs)
    # The flush policy is right only when both of its regimes are, in the same run.
    together = ["tcp_lines", "cpu_nncat_raw", "cpu_nncat_ascii", "latency"]
    if all(key in verdicts for key in together):
        met = all(verdicts[key] for key in together)
        print(
            "Flush policy (1. tcp lines, 3. receiver CPU, 6. latency, met together): "
            + ("yes" if met else "**no**")
        )


if __name__ == "__main__":
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    main(sys.argv[1], *(int(n) for n in sys.argv[2:]))
