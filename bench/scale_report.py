#!/usr/bin/env python3
"""Turns bench/scale.sh's CSV into the markdown tables of docs/performance.md ("Cost as
the work grows") and two SVG charts drawn by gnuplot.

usage: scale_report.py OUTDIR CSV...

Several CSVs (from several invocations of bench/scale.sh) are read as one set of runs:
their run numbers are told apart by the file they come from.
- Times (and a survey's time): the median over the runs, with the lowest and highest
  run in brackets when there are several; the ratio (xN) is the median of per-run
  ratios against scale_ref measured in the same run, so a slow moment of the machine
  slows both sides alike.
- CPU: the best (least) and the median over the runs, `best / median`; the ratio is
  best over scale_ref's best and median over scale_ref's median, `xB / xM` (issue 21
  sets its targets in those two statistics). One run shows one value and one ratio.
Writes OUTDIR/scale-size.svg and OUTDIR/scale-peers.svg (when gnuplot is there) and
the data files they are drawn from; their CPU ratios are median over median.
"""

import csv
import os
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict

NAMES = {
    "ref": "scale_ref",
    "nncat": "nncat",
    "nngcat": "nngcat",
    "nanocat": "nanocat",
    "spawn": "spawn only",
    "nncat_recv": "nncat",
    "nanocat_recv": "nanocat",
    "nngcat_recv": "nngcat",
    "nncat_send": "nncat",
    "nngcat_send": "nngcat",
}


def size_name(size):
    size = int(size)
    for unit, shift in (("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift} {unit}"
    return f"{size} B"


def number(text):
    return float(text) if text not in ("", None) else None


def load(paths):
    """rows[(case, tool, size, peers)][run] = row; a run is (file, run number)."""
    rows = defaultdict(dict)
    for index, path in enumerate(paths):
        with open(path) as f:
            for row in csv.DictReader(f):
                key = (row["case"], row["tool"], int(row["size"]), int(row["peers"]))
                rows[key][(index, row["run"])] = row
    return rows


class Figures:
    def __init__(self, rows):
        self.rows = rows

    def values(self, key, field):
        runs = self.rows.get(key, {})
        return {run: number(row[field]) for run, row in runs.items() if number(row[field]) is not None}

    def median(self, key, field):
        values = self.values(key, field)
        return statistics.median(values.values()) if values else None

    def cell(self, key, field, scale=1.0, digits=2):
        values = self.values(key, field)
        if not values:
            return "-"
        shown = [v * scale for v in values.values()]
        text = f"{statistics.median(shown):.{digits}f}"
        if len(shown) > 1:
            text += f" ({min(shown):.{digits}f}-{max(shown):.{digits}f})"
        return text

    def ratio(self, key, ref_key, field):
        mine, theirs = self.values(key, field), self.values(ref_key, field)
        paired = [mine[r] / theirs[r] for r in mine if r in theirs and theirs[r] > 0]
        return statistics.median(paired) if paired else None

    def cpu(self, key, field, ref_key=None, scale=1.0, digits=2):
        """CPU: `best / median` over the runs, and with ref_key `xB / xM`, best over
        the reference's best and median over its median."""
        values = list(self.values(key, field).values())
        if not values:
            return "-"
        best, median = min(values), statistics.median(values)
        several = len(values) > 1
        text = f"{best * scale:.{digits}f} / {median * scale:.{digits}f}" if several else f"{best * scale:.{digits}f}"
        theirs = list(self.values(ref_key, field).values()) if ref_key and ref_key != key else []
        if theirs and min(theirs) > 0 and statistics.median(theirs) > 0:
            best_ratio, median_ratio = best / min(theirs), median / statistics.median(theirs)
            text += f" x{best_ratio:.2f} / x{median_ratio:.2f}" if several else f" x{median_ratio:.2f}"
        return text

    def median_ratio(self, key, ref_key, field):
        """The median over the reference's median (the charts' CPU ratios)."""
        mine, theirs = self.median(key, field), self.median(ref_key, field)
        return mine / theirs if mine is not None and theirs else None

    def cell_ratio(self, key, ref_key, field, scale=1.0, digits=2):
        text = self.cell(key, field, scale, digits)
        ratio = self.ratio(key, ref_key, field)
        if ratio is not None and key != ref_key:
            text += f" x{ratio:.2f}"
        return text

    def delivered(self, key):
        runs = self.rows.get(key, {})
        got = sum(int(row["delivered"] or 0) for row in runs.values())
        want = sum(int(row["expected"] or 0) for row in runs.values())
        if want == 0:
            return "-"
        if got == want:
            return "all"
        return f"{got / want:.1%}"


def size_tables(fig, sizes):
    print("### Message size: push -> pull over tcp")
    print()
    print("Time in seconds from the sender's start to the receiver's last message: the median")
    print("of the runs (lowest-highest), xN the median of the per-run ratios to scale_ref.")
    print("CPU in seconds (user + system): best / median of the runs, xB / xM the best over")
    print("scale_ref's best and the median over scale_ref's median.")
    print()
    print("**End to end** (each tool on both sides):")
    print()
    print("| size | messages | scale_ref time | nncat time | nngcat time | scale_ref CPU | nncat CPU | nngcat CPU | delivered (nncat, nngcat) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        ref = ("size", "ref", size, 1)
        keys = [("size", t, size, 1) for t in ("ref", "nncat", "nngcat")]
        count = next(iter(fig.rows[ref].values()))["count"] if fig.rows.get(ref) else "-"
        times = [fig.cell_ratio(k, ref, "wall_s") for k in keys]
        cpus = [fig.cpu(k, "total_cpu_s", ref) for k in keys]
        print(f"| {size_name(size)} | {int(count):,} | {' | '.join(times)} | {' | '.join(cpus)} | "
              f"{fig.delivered(keys[1])}, {fig.delivered(keys[2])} |")
    print()
    print("**Receivers** (the sender is scale_ref; receiver CPU; nanocat takes nothing over 1 MiB):")
    print()
    print("| size | scale_ref time | nncat time | nanocat time | nngcat time | scale_ref CPU | nncat CPU | nanocat CPU | nngcat CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        ref = ("size", "ref", size, 1)
        keys = [("size", t, size, 1) for t in ("ref", "nncat_recv", "nanocat_recv", "nngcat_recv")]
        times = [fig.cell_ratio(k, ref, "wall_s") for k in keys]
        cpus = [fig.cpu(k, "receiver_cpu_s", ref) for k in keys]
        print(f"| {size_name(size)} | {' | '.join(times)} | {' | '.join(cpus)} |")
    print()
    print("**Senders** (the receiver is scale_ref; sender CPU; nanocat sends one message a run):")
    print()
    print("| size | scale_ref time | nncat time | nngcat time | scale_ref CPU | nncat CPU | nngcat CPU |")
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        ref = ("size", "ref", size, 1)
        keys = [("size", t, size, 1) for t in ("ref", "nncat_send", "nngcat_send")]
        times = [fig.cell_ratio(k, ref, "wall_s") for k in keys]
        cpus = [fig.cpu(k, "sender_cpu_s", ref) for k in keys]
        print(f"| {size_name(size)} | {' | '.join(times)} | {' | '.join(cpus)} |")
    print()


def peer_tables(fig):
    cases = [
        ("pub", "pub -> K subscribers, every subscriber gets all N", "pub", "subs"),
        ("fanout", "push -> 10 pullers, N messages shared", "push", "pulls"),
        ("fanin", "100 pushers of N messages each -> 1 pull", "pushers (all)", "pull"),
    ]
    print("### Peers (64-byte messages over tcp)")
    print()
    print("Time in seconds from the sender's start (fan-in: the first pusher's start) to the")
    print("last receiver's last message: the median of the runs (lowest-highest), xN the median")
    print("of the per-run ratios to scale_ref. CPU in seconds: the sender, and the receivers as a")
    print("mean and a maximum per process, and everything together; each best / median of the")
    print("runs, xB / xM the best over scale_ref's best and the median over scale_ref's median.")
    print("The nanocat rows use scale_ref as the sender (nanocat sends one message a run).")
    print()
    for case, title, sender, receivers in cases:
        keys = sorted(k for k in fig.rows if k[0] == case)
        if not keys:
            continue
        print(f"**{title}**")
        print()
        if case == "fanin":
            print("| tool | K | N | time | pushers: CPU mean | max | all | pull CPU | all CPU | delivered |")
        else:
            print(f"| tool | K | N | time | {sender} CPU | {receivers}: CPU mean | max | all | all CPU | delivered |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        order = ["spawn", "ref", "nncat", "nngcat", "nanocat"]
        keys.sort(key=lambda k: (k[3], order.index(k[1]) if k[1] in order else 9))
        for key in keys:
            ref = (case, "ref", key[2], key[3])
            count = next(iter(fig.rows[key].values()))["count"]
            if case == "fanin":
                cells = [
                    fig.cell_ratio(key, ref, "wall_s"),
                    fig.cpu(key, "peer_cpu_mean_s", digits=3),
                    fig.cpu(key, "peer_cpu_max_s", digits=3),
                    fig.cpu(key, "sender_cpu_s"),
                    fig.cpu(key, "receiver_cpu_s"),
                    fig.cpu(key, "total_cpu_s", ref),
                ]
            else:
                cells = [
                    fig.cell_ratio(key, ref, "wall_s"),
                    fig.cpu(key, "sender_cpu_s"),
                    fig.cpu(key, "peer_cpu_mean_s", digits=3),
                    fig.cpu(key, "peer_cpu_max_s", digits=3),
                    fig.cpu(key, "receiver_cpu_s"),
                    fig.cpu(key, "total_cpu_s", ref),
                ]
            print(f"| {NAMES[key[1]]} | {key[3]} | {int(count):,} | {' | '.join(cells)} | {fig.delivered(key)} |")
        print()
    keys = sorted(k for k in fig.rows if k[0] == "survey")
    if keys:
        print("**scale_ref's surveyor with 100 respondents of each tool**, answering --data:")
        print("the time from one survey's send to its 100th answer (median over the surveys")
        print("of a run), the whole run from the first respondent's start (100 connections,")
        print("then the surveys), and CPU per respondent over the whole run (best / median of")
        print("the runs, xB / xM the best over scale_ref's best, the median over its median).")
        print()
        print("| respondents | surveys | one survey, ms | whole run, s | respondent CPU mean | max | all respondents | answers |")
        print("|---|---|---|---|---|---|---|---|")
        order = ["ref", "nncat", "nngcat", "nanocat"]
        for key in sorted(keys, key=lambda k: order.index(k[1])):
            ref = ("survey", "ref", key[2], key[3])
            count = next(iter(fig.rows[key].values()))["count"]
            print(
                f"| {NAMES[key[1]]} | {count} | {fig.cell_ratio(key, ref, 'survey_s', 1e3, 2)} | "
                f"{fig.cell(key, 'wall_s')} | {fig.cpu(key, 'peer_cpu_mean_s', digits=3)} | "
                f"{fig.cpu(key, 'peer_cpu_max_s', digits=3)} | {fig.cpu(key, 'receiver_cpu_s', ref)} | "
                f"{fig.delivered(key)} |"
            )
        print()
    keys = sorted(k for k in fig.rows if k[0] == "survey_one")
    if keys:
        print("**One survey from each surveyor to 100 scale_ref respondents**: seconds from the")
        print("surveyor's start (it connects to the 100, waits for them, sends one survey) to")
        print("its 100th answer on stdout, and the surveyor's CPU until it exits (after its")
        print("1 s deadline; scale_ref's ends at the 100th answer), best / median of the runs.")
        print("nanocat cannot wait for peers: it ran with --delay 1, taken off its time.")
        print()
        print("| surveyor | start to 100th answer, ms | surveyor CPU, ms | answers |")
        print("|---|---|---|---|")
        order = ["ref", "nncat", "nngcat", "nanocat"]
        for key in sorted(keys, key=lambda k: order.index(k[1])):
            ref = ("survey_one", "ref", key[2], key[3])
            print(
                f"| {NAMES[key[1]]} | {fig.cell_ratio(key, ref, 'wall_s', 1e3, 1)} | "
                f"{fig.cpu(key, 'sender_cpu_s', scale=1e3, digits=1)} | {fig.delivered(key)} |"
            )
        print()


def write_data(fig, out, sizes):
    """Data files for gnuplot: one row per x value, one column per line, '?' if none."""
    def per_message(key, field):
        value = fig.median(key, field)
        if value is None:
            return "?"
        count = int(next(iter(fig.rows[key].values()))["count"])
        return f"{value / count * 1e6:.6g}"

    def ratio(key, field):
        ref = ("size", "ref", key[2], 1)
        value = fig.ratio(key, ref, field) if field == "wall_s" else fig.median_ratio(key, ref, field)
        return "?" if value is None else f"{value:.4g}"

    columns = [
        ("wall_s", ["ref", "nncat", "nngcat"], "size-time"),
        ("receiver_cpu_s", ["ref", "nncat_recv", "nanocat_recv", "nngcat_recv"], "size-recv"),
        ("sender_cpu_s", ["ref", "nncat_send", "nngcat_send"], "size-send"),
    ]
    for field, tools, name in columns:
        with open(os.path.join(out, name + ".dat"), "w") as f:
            f.write("# size " + " ".join(tools) + " (microseconds per message)\n")
            for size in sizes:
                f.write(f"{size} " + " ".join(per_message(("size", t, size, 1), field) for t in tools) + "\n")
        with open(os.path.join(out, name + "-ratio.dat"), "w") as f:
            f.write("# size " + " ".join(tools) + " (x scale_ref, same run)\n")
            for size in sizes:
                f.write(f"{size} " + " ".join(ratio(("size", t, size, 1), field) for t in tools) + "\n")

    # A row that lost messages has no "until every subscriber got N": it is left out.
    tools = ["ref", "nncat", "nngcat", "nanocat"]
    for field, name in (("wall_s", "pub-time.dat"), ("total_cpu_s", "pub-cpu.dat")):
        with open(os.path.join(out, name), "w") as f:
            f.write("# subscribers " + " ".join(tools) + "\n")
            for k in sorted({key[3] for key in fig.rows if key[0] == "pub"}):
                values = []
                for t in tools:
                    key = ("pub", t, 64, k)
                    value = fig.median(key, field) if fig.delivered(key) == "all" else None
                    values.append("?" if value is None else f"{value:.6g}")
                f.write(f"{k} " + " ".join(values) + "\n")

    with open(os.path.join(out, "peers-ratio.dat"), "w") as f:
        f.write("# case nncat nngcat nanocat\n")
        cases = [
            ("fanout", "wall_s", "push -> 10 pulls"),
            ("fanin", "wall_s", "100 pushes -> pull"),
            ("survey", "survey_s", "one survey, 100 resp."),
            ("survey_one", "wall_s", "surveyor start -> 100th"),
        ]
        for case, field, label in cases:
            keys = [k for k in fig.rows if k[0] == case]
            if not keys:
                continue
            peers = keys[0][3]
            ref = (case, "ref", 64, peers)
            values = [fig.ratio((case, t, 64, peers), ref, field) for t in ("nncat", "nngcat", "nanocat")]
            f.write(f'"{label}" ' + " ".join("?" if v is None else f"{v:.4g}" for v in values) + "\n")


LINES = {
    "size-time": [(r"scale\\_ref -> scale\\_ref", "black"), ("nncat -> nncat", "#d62728"),
                  ("nngcat -> nngcat", "#1f77b4")],
    "size-recv": [(r"scale\\_ref", "black"), ("nncat pull --raw", "#d62728"),
                  ("nanocat --pull --raw (<= 1 MiB)", "#2ca02c"), ("nngcat --pull0 --raw", "#1f77b4")],
    "size-send": [(r"scale\\_ref", "black"), ("nncat push --msgpack", "#d62728"),
                  ("nngcat --push0 --file", "#1f77b4")],
}


def plot_lines(path, name, skip_first=False):
    lines = LINES[name]
    parts = []
    for column, (title, colour) in enumerate(lines, start=2):
        if skip_first and column == 2:
            continue
        source = f'"{path}"' if not parts else '""'
        parts.append(f'{source} using 1:{column} with linespoints lw 2 pt 7 ps 0.6 lc rgb "{colour}" title "{title}"')
    return "plot " + ", \\\n     ".join(parts) + "\n"


SIZE_HEAD = r"""set terminal svg size 1260,760 dynamic enhanced font "sans,11" background rgb "white"
set output "{out}/scale-size.svg"
set datafile missing "?"
set logscale xy
set grid
set key top left
set xtics ("64" 64, "1K" 1024, "64K" 65536, "1M" 1048576, "16M" 16777216, "64M" 67108864)
set xrange [40:1.1e8]
set xlabel "message size (bytes)"
set multiplot layout 2,3 title "{title}"
"""


def size_script(out, title):
    script = SIZE_HEAD.format(out=out, title=title)
    titles = {
        "size-time": "push -> pull, tcp: wall time",
        "size-recv": r"receiver CPU (sender: scale\\_ref)",
        "size-send": r"sender CPU (receiver: scale\\_ref)",
    }
    for name in ("size-time", "size-recv", "size-send"):
        what = "microseconds per message" if name == "size-time" else "CPU microseconds per message"
        script += f'set title "{titles[name]}"\nset ylabel "{what}"\n'
        script += plot_lines(f"{out}/{name}.dat", name)
    script += "set yrange [0.25:40]\nset ytics (0.25, 0.5, 1, 2, 4, 10, 20, 40)\n"
    script += "set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb 'black'\n"
    for name in ("size-time", "size-recv", "size-send"):
        script += f'set title "{titles[name]}: x scale\\\\_ref, same run"\nset ylabel "x scale\\\\_ref"\n'
        script += plot_lines(f"{out}/{name}-ratio.dat", name, skip_first=True)
    return script + "unset multiplot\n"


PEERS_SCRIPT = r"""set terminal svg size 1260,440 dynamic enhanced font "sans,11" background rgb "white"
set output "{out}/scale-peers.svg"
set datafile missing "?"
set grid
set multiplot layout 1,3 title "{title}"
set logscale xy
set xtics (1, 10, 100)
set xrange [0.8:130]
set key top left
set xlabel "subscribers"
set title "pub -> K subscribers: until all got {pub_n}"
set ylabel "seconds"
plot "{out}/pub-time.dat" using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb "black" title "scale\\_ref", \
     "" using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#d62728" title "nncat", \
     "" using 1:4 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#1f77b4" title "nngcat (no loss only)", \
     "" using 1:5 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#2ca02c" title "nanocat subs (scale\\_ref pub)"
set title "pub -> K subscribers: CPU of all processes"
set ylabel "CPU seconds"
plot "{out}/pub-cpu.dat" using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb "black" title "scale\\_ref", \
     "" using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#d62728" title "nncat", \
     "" using 1:4 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#1f77b4" title "nngcat (no loss only)", \
     "" using 1:5 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#2ca02c" title "nanocat subs (scale\\_ref pub)"
unset logscale
set logscale y
set yrange [0.1:20]
set xrange [-0.6:3.6]
set xtics rotate by -25 font ",9" nomirror
unset xlabel
set title "many peers: time as a multiple of scale\\_ref's"
set ylabel "x scale\\_ref, same run"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set key top left
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb "black"
plot "{out}/peers-ratio.dat" using 2:xtic(1) title "nncat" lc rgb "#d62728", \
     "" using 3 title "nngcat" lc rgb "#1f77b4", \
     "" using 4 title "nanocat" lc rgb "#2ca02c"
unset multiplot
"""


def plot(out, pub_n, has_size, has_peers):
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        print("(gnuplot not found: no charts)", file=sys.stderr)
        return
    title = "nncat, nngcat and nanocat against scale\\\\_ref (libnanomsg in a loop, no stdio): medians"
    scripts = []
    if has_size:
        scripts.append(("size", size_script(out, title)))
    if has_peers:
        script = PEERS_SCRIPT.format(out=out, title=title, pub_n=pub_n)
        with open(os.path.join(out, "pub-time.dat")) as f:
            nngcat = [line.split()[3] for line in f if not line.startswith("#")]
        if all(value == "?" for value in nngcat):
            # nngcat lost messages at every K: a line with no point only makes gnuplot warn.
            script = "\n".join(line for line in script.split("\n") if "nngcat (no loss only)" not in line)
        scripts.append(("peers", script))
    for name, script in scripts:
        path = os.path.join(out, f"scale-{name}.gp")
        with open(path, "w") as f:
            f.write(script)
        subprocess.run([gnuplot, path], check=False)


def main(out, paths):
    fig = Figures(load(paths))
    sizes = sorted({key[2] for key in fig.rows if key[0] == "size"})
    if sizes:
        size_tables(fig, sizes)
    peer_tables(fig)
    write_data(fig, out, sizes)
    pub = [k for k in fig.rows if k[0] == "pub"]
    pub_n = next(iter(fig.rows[pub[0]].values()))["count"] if pub else "N"
    plot(out, pub_n, bool(sizes), bool(pub))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
