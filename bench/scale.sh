#!/usr/bin/env bash
# How nncat's cost grows with the work (issue 12, item 5): time and CPU as messages grow
# from 64 B to 64 MiB, and as peers multiply (pub -> 1, 10, 100 subscribers; push -> 10
# pullers; 100 pushers -> 1 pull; a surveyor with 100 respondents). nncat, nanocat and
# nngcat play the roles they can, beside examples/scale_ref.rs (libnanomsg in a loop, no
# stdio: the floor) in the same run. Prints markdown tables (bench/scale_report.py: each
# time the median of RUNS runs; each CPU figure the best and the median of the runs, its
# ratio to scale_ref best to best and median to median), and writes a CSV of every
# measurement and two SVG charts (gnuplot) into OUT.
#
#   bench/scale.sh                 both parts, RUNS=2 (about 20 minutes on 2 cores)
#   QUICK=1 bench/scale.sh         smaller counts, 1 run: a first look in a few minutes
#   PARTS=size bench/scale.sh      only the message sizes; PARTS=peers: only the peers;
#                                  or any of size,pub,fanout,fanin,survey
#   RUNS=3 KEEP=1 bench/scale.sh   more runs; keep the temporary folder (logs, outputs)
#   RUNS=5 PARTS=peers bench/scale.sh
#                                  the peers' CPU as best and median of 5 (issue 21)
#   OUT=dir bench/scale.sh         where results go (default: target/scale)
#   DOCS=1 bench/scale.sh          also copy the charts to docs/scale-size.svg and
#                                  docs/scale-peers.svg
#   bench/scale_report.py DIR A.csv B.csv   tables and charts of several invocations
#
# Needs: cargo, python3, libnanomsg-dev, nanomsg-utils (nanocat), nng-utils (nngcat),
# gnuplot-nox and iproute2 (ss); missing Debian packages are installed with apt-get as
# scripts/setup.sh does. Builds into $CARGO_TARGET_DIR (default: target/).
#
# Only 127.0.0.1 and ipc are used. Every process runs under `timeout`, and every
# process started here is ended at exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=${QUICK:-0}
PARTS=${PARTS:-size,peers}
SIZES=(64 1024 65536 1048576 16777216 67108864)
if [ "$QUICK" = 1 ]; then
  RUNS=${RUNS:-1}
  # Messages per size, in the order of SIZES: 6.4 MB to 256 MiB.
  COUNTS=(100000 50000 2048 128 8 4)
  PUB_N=2000            # messages to every subscriber
  FANOUT_N=50000        # messages shared by 10 pullers
  FANIN_M=500           # messages from each of 100 pushers
  SURVEYS=10
else
  RUNS=${RUNS:-2}
  COUNTS=(300000 200000 16384 1024 64 16)   # 19 MB, 205 MB, then 1 GiB each
  PUB_N=5000
  FANOUT_N=200000
  FANIN_M=2000
  SURVEYS=50
fi
PEERS=(1 10 100)        # subscribers
FANOUT=10
FANIN=100
RESPONDENTS=100
LIMIT=${LIMIT:-150}     # seconds any one process may run
WAIT=10                 # seconds a receiver with a --count waits for its next message
IDLE=3                  # seconds of silence that end a receiver with no --count (nanocat)
PEER_IDLE=5             # the same among many peers, which take longer to start
NANOCAT_MAX=1048576     # nanocat never raises NN_RCVMAXSIZE: larger messages are dropped

# --- what the runs need ---------------------------------------------------------------
missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need libnanomsg-dev
need pkg-config
need nanomsg-utils
need nng-utils
need gnuplot-nox
need iproute2
need python3
if [ ${#missing[@]} -gt 0 ]; then
  echo "scale: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq </dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=${OUT:-$TARGET/scale}
mkdir -p "$OUT"
echo "scale: building release binaries into $TARGET" >&2
(cd "$ROOT" && cargo build --release --quiet --bin nncat --example scale_ref)
NNCAT=$TARGET/release/nncat
REF=$TARGET/release/examples/scale_ref
NANOCAT=$(command -v nanocat)
NNGCAT=$(command -v nngcat)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || COMMIT="$COMMIT+local changes"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nncat-scale.XXXXXX")
CSV=$OUT/scale.csv
LOG=$WORK/log
echo "run,case,tool,size,peers,count,wall_s,sender_cpu_s,receiver_cpu_s,peer_cpu_mean_s,peer_cpu_max_s,total_cpu_s,delivered,expected,survey_s" >"$CSV"
PIDS=()

# Every process runs inside a subshell of `launch`; its `timeout` wrapper's pid is in
# TAG.pid. At exit the wrappers still running are sent SIGTERM, which `timeout` passes
# on to the command it runs.
cleanup() {
  local file pid
  for file in "$WORK"/*.pid; do
    [ -e "$file" ] || continue
    pid=$(cat "$file")
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = 1 ]; then
    echo "scale: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "scale: $*" >&2; }
# Entries in the kernel's tcp table (TIME_WAIT included): nncat's receivers read it at
# start (src/socket/drops.rs), so their start-up cost grows with it.
tcp_table() { echo "$(($(wc -l </proc/net/tcp) - 1)) tcp entries"; }
calc() { python3 -c "print($1)"; }

# N free tcp ports on 127.0.0.1, one a line, all different.
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in held))
EOF
}

# Waits until something listens at the tcp url. Up to 10 seconds.
wait_bound() {
  local port=${1##*:} i
  for i in $(seq 1000); do
    [ -n "$(ss -Hltn "sport = :$port")" ] && return 0
    sleep 0.01
  done
  say "nothing bound to $1 after 10 s"
  return 1
}

# launch TAG SINK INPUT COMMAND...
# Runs COMMAND in the background under `timeout`, stdin from INPUT, stdout to SINK (a
# path, or `count` for a pipe into `wc -c` that writes TAG.bytes). Writes TAG.start and
# TAG.end (the $EPOCHREALTIME around the command; TAG.end also holds the exit code) and
# TAG.cpu (bash's `times`: the command's user and system CPU, to the millisecond; the
# pipe's `wc` is not counted).
launch() {
  local tag=$1 sink=$2 input=$3
  shift 3
  if [ "$sink" = count ]; then
    (run_one "$tag" "$input" "$@" | wc -c >"$WORK/$tag.bytes") &
  else
    (run_one "$tag" "$input" "$@" >"$sink") &
  fi
  PIDS+=("$!")
}

run_one() {
  local tag=$1 input=$2
  shift 2
  echo "$EPOCHREALTIME" >"$WORK/$tag.start"
  timeout -k 2 "$LIMIT" "$@" <"$input" 2>>"$LOG" &
  echo "$!" >"$WORK/$tag.pid"
  local status=0
  wait "$!" || status=$?
  echo "$status $EPOCHREALTIME" >"$WORK/$tag.end"
  rm -f "$WORK/$tag.pid"
  times >"$WORK/$tag.cpu"
}

# Ends a launched command that has no end of its own (respondents): SIGTERM to its
# `timeout` wrapper, which passes it on.
stop() {
  local file=$WORK/$1.pid
  [ -e "$file" ] && kill -TERM "$(cat "$file")" 2>/dev/null || true
}

# Waits for every launched subshell; they record their own exit codes.
wait_all() {
  local pid
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

start_of() { cat "$WORK/$1.start"; }
end_of() { cut -d' ' -f2 "$WORK/$1.end"; }
status_of() { cut -d' ' -f1 "$WORK/$1.end"; }
# `times` prints the shell's user and system time, then its children's: "0m0.012s 0m0.004s".
cpu_of() {
  awk 'NR == 2 { gsub(/s/, ""); split($1, u, "m"); split($2, s, "m");
                 printf "%.3f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/$1.cpu"
}
bytes_of() {
  if [ -e "$WORK/$1.bytes" ]; then cat "$WORK/$1.bytes"; else stat -c %s "$WORK/$1.out"; fi
}
# mean, max and sum of the numbers on stdin
stats() { awk '{ s += $1; if (NR == 1 || $1 > m) m = $1 } END { printf "%.4f %.4f %.4f\n", s / NR, m, s }'; }

# CSV row: run case tool size peers count wall sender receiver peer_mean peer_max total
# delivered expected survey
record() {
  local IFS=,
  echo "$*" >>"$CSV"
}

forget() { rm -f "$WORK"/*.start "$WORK"/*.end "$WORK"/*.cpu "$WORK"/*.bytes "$WORK"/*.out; }

payload() { head -c "$1" /dev/zero | tr '\0' x; }

say "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), RUNS=$RUNS, QUICK=$QUICK, PARTS=$PARTS"
START=$EPOCHREALTIME

# --- part 1: message size, push -> pull over tcp --------------------------------------
# One row per (sender, receiver) pair. The floor is scale_ref -> scale_ref. nncat and
# nngcat run end to end, and each receiver (nncat, nanocat, nngcat) also takes the
# reference sender's stream, and each sender feeds the reference receiver, so that a
# tool's own side is compared with only the floor on the other. nanocat sends one
# message per run (-D/-F), so it plays the receiver only, and only up to 1 MiB.
#
# nncat's input is msgpack (one bin object a message, the only framing that carries any
# bytes at any size); every receiving tool writes --raw into a pipe to `wc -c`, which
# checks the byte count; scale_ref receives and frees, writing nothing.
size_pair() {
  local run=$1 tool=$2 size=$3 n=$4
  local url="tcp://127.0.0.1:$(free_ports 1)"
  local receiver sender
  case $tool in
    ref | nncat_send | nngcat_send) receiver=ref ;;
    nncat | nncat_recv) receiver=nncat ;;
    nanocat_recv) receiver=nanocat ;;
    nngcat | nngcat_recv) receiver=nngcat ;;
  esac
  case $tool in
    ref | nncat_recv | nanocat_recv | nngcat_recv) sender=ref ;;
    nncat | nncat_send) sender=nncat ;;
    nngcat | nngcat_send) sender=nngcat ;;
  esac
  local idle=0
  case $receiver in
    ref) launch r /dev/null /dev/null "$REF" pull --bind "$url" "$n" --timeout "$WAIT" ;;
    nncat) launch r count /dev/null "$NNCAT" pull --bind "$url" --raw --count "$n" \
      --recv-timeout "${WAIT}s" ;;
    nanocat)
      idle=$IDLE
      launch r count /dev/null "$NANOCAT" --pull --bind "$url" --raw --recv-timeout "$IDLE"
      ;;
    nngcat) launch r count /dev/null "$NNGCAT" --pull0 --listen "$url" --raw --count "$n" \
      --recv-maxsz 0 --recv-timeout "$WAIT" ;;
  esac
  wait_bound "$url" || { wait_all; return 0; }
  case $sender in
    ref) launch s /dev/null /dev/null "$REF" push --connect "$url" "$n" "$size" --timeout "$WAIT" ;;
    nncat) launch s /dev/null "$WORK/in.msgpack" "$NNCAT" push --connect "$url" --msgpack ;;
    nngcat) launch s /dev/null /dev/null "$NNGCAT" --push0 --dial "$url" --file "$WORK/message" \
      --count "$n" ;;
  esac
  wait_all
  local delivered=$n
  [ "$receiver" != ref ] && delivered=$(($(bytes_of r) / size))
  local status_r status_s
  status_r=$(status_of r)
  status_s=$(status_of s)
  # nanocat ends on its receive timeout with exit code 0.
  if [ "$status_r" != 0 ] || [ "$status_s" != 0 ] || [ "$delivered" -ne "$n" ]; then
    say "$tool $size B: $delivered of $n delivered (exit $status_s / $status_r; see log)"
    tail -2 "$LOG" >&2
  fi
  local wall
  wall=$(calc "round($(end_of r) - $(start_of s) - $idle, 4)")
  local cpu_s cpu_r
  cpu_s=$(cpu_of s)
  cpu_r=$(cpu_of r)
  record "$run" size "$tool" "$size" 1 "$n" "$wall" "$cpu_s" "$cpu_r" "" "" \
    "$(calc "round($cpu_s + $cpu_r, 3)")" "$delivered" "$n" ""
  forget
}

# One message of SIZE bytes for nngcat's --file, and COUNT of them as msgpack bin
# objects for nncat's stdin.
size_inputs() {
  python3 - "$WORK" "$1" "$2" <<'EOF'
import struct, sys
work, size, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
body = b"x" * size
with open(f"{work}/message", "wb") as f:
    f.write(body)
if size < 256:
    head = b"\xc4" + struct.pack(">B", size)
elif size < 65536:
    head = b"\xc5" + struct.pack(">H", size)
else:
    head = b"\xc6" + struct.pack(">I", size)
record = head + body
with open(f"{work}/in.msgpack", "wb") as f:
    batch = max(1, (1 << 20) // len(record))
    for start in range(0, count, batch):
        f.write(record * min(batch, count - start))
EOF
}

if [[ ,$PARTS, == *,size,* ]]; then
  for i in "${!SIZES[@]}"; do
    size=${SIZES[$i]}
    n=${COUNTS[$i]}
    size_inputs "$size" "$n"
    for run in $(seq "$RUNS"); do
      say "size $size B x $n, run $run of $RUNS"
      for tool in ref nncat nngcat nncat_recv nanocat_recv nngcat_recv nncat_send nngcat_send; do
        if [ "$tool" = nanocat_recv ] && [ "$size" -gt "$NANOCAT_MAX" ]; then
          continue
        fi
        size_pair "$run" "$tool" "$size" "$n"
      done
    done
    rm -f "$WORK/in.msgpack" "$WORK/message"
  done
fi

# --- part 2: peers --------------------------------------------------------------------
# Every message is 64 bytes. Receivers bind, each on its own port, and the sender
# connects to all of them once they listen, then waits until all are attached (nncat
# and scale_ref --wait-peers; nngcat's dials are synchronous), so no peer misses the
# start. Wall time runs from the sender's start to the last receiver's last message: its
# exit, less the silence that ended it when it ended on silence (nanocat always; a
# receiver with a --count only when it fell short). CPU is per process, from `times`.
MSG=$(payload 64)

# group_cpu PREFIX K: mean, max and sum of the CPU of PREFIX1..PREFIXK
group_cpu() {
  local i
  for i in $(seq "$2"); do cpu_of "$1$i"; done | stats
}

# last_end PREFIX K FULL RULE TOOL: the latest end among PREFIX1..K. A receiver ended by
# silence is taken at its last message: its end less the silence, always (RULE=always:
# nanocat, and every puller) or when it got fewer than FULL bytes (RULE=short).
last_end() {
  local prefix=$1 k=$2 full=$3 rule=$4 tool=$5 i end
  for i in $(seq "$k"); do
    end=$(end_of "$prefix$i")
    if [ "$rule" = always ]; then
      echo "$end - $PEER_IDLE"
    elif [ "$(received "$prefix$i" "$tool")" -lt "$full" ]; then
      echo "$end - $WAIT"
    else
      echo "$end"
    fi
  done | python3 -c 'import sys; print(max(eval(line) for line in sys.stdin))'
}

# receivers TOOL ROLE PREFIX URL... : one receiver per url, bound to it.
# ROLE is sub (a --count of $4) or pull (ends on silence). Sets CONNECTS for the sender.
receivers() {
  local tool=$1 role=$2 prefix=$3 count=$4
  shift 4
  local i=0 url
  CONNECTS=()
  for url in "$@"; do
    i=$((i + 1))
    case $tool-$role in
      ref-sub) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$REF" sub --bind "$url" \
        "$count" --idle "$WAIT" ;;
      nncat-sub) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$NNCAT" sub --bind "$url" \
        --raw --count "$count" --recv-timeout "${WAIT}s" ;;
      nngcat-sub) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$NNGCAT" --sub0 \
        --listen "$url" --raw --count "$count" --recv-timeout "$WAIT" ;;
      nanocat-sub) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$NANOCAT" --sub \
        --bind "$url" --raw --recv-timeout "$PEER_IDLE" ;;
      ref-pull) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$REF" pull --bind "$url" \
        0 --idle "$PEER_IDLE" ;;
      nncat-pull) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$NNCAT" pull \
        --bind "$url" --raw --recv-timeout "${PEER_IDLE}s" ;;
      nngcat-pull) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$NNGCAT" --pull0 \
        --listen "$url" --raw --recv-timeout "$PEER_IDLE" ;;
      nanocat-pull) launch "$prefix$i" "$WORK/$prefix$i.out" /dev/null "$NANOCAT" --pull \
        --bind "$url" --raw --recv-timeout "$PEER_IDLE" ;;
    esac
    if [ "$tool" = nngcat ]; then CONNECTS+=(--dial "$url"); else CONNECTS+=(--connect "$url"); fi
  done
  for url in "$@"; do wait_bound "$url" || return 1; done
}

# Bytes PREFIX1..K received, in all: scale_ref prints its count, the tools their bytes.
delivered_of() {
  local prefix=$1 k=$2 tool=$3 i total=0 bytes
  for i in $(seq "$k"); do
    bytes=$(received "$prefix$i" "$tool")
    total=$((total + bytes))
  done
  echo $((total / 64))
}

received() {
  if [ "$2" = ref ]; then cat "$WORK/$1.out" 2>/dev/null || echo 0; else bytes_of "$1"; fi
}

# fan_out RUN CASE TOOL K N: pub -> K subs (each must get N) or push -> K pulls (N in
# all). The nanocat rows use scale_ref as the sender: nanocat cannot stream.
fan_out() {
  local run=$1 kind=$2 tool=$3 k=$4 n=$5
  local role=sub sender_role=pub expected=$((n * k)) full=$((n * 64)) idle_rule=short
  if [ "$kind" = fanout ]; then
    role=pull sender_role=push expected=$n idle_rule=always
  fi
  [ "$tool" = nanocat ] && idle_rule=always
  local urls=() port
  for port in $(free_ports "$k"); do urls+=("tcp://127.0.0.1:$port"); done
  if ! receivers "$tool" "$role" p "$n" "${urls[@]}"; then
    wait_all
    forget
    return 0
  fi
  local sender=$tool
  [ "$tool" = nanocat ] && sender=ref
  case $sender in
    ref) launch s /dev/null /dev/null "$REF" "$sender_role" "${CONNECTS[@]}" "$n" 64 \
      --wait-peers "$k" --timeout "$WAIT" ;;
    nncat) launch s /dev/null "$WORK/lines" "$NNCAT" "$sender_role" "${CONNECTS[@]}" \
      --wait-peers "$k" --send-timeout "${WAIT}s" --count "$n" ;;
    nngcat) launch s /dev/null /dev/null "$NNGCAT" "--${sender_role}0" "${CONNECTS[@]}" \
      --data "$MSG" --count "$n" ;;
  esac
  wait_all
  [ "$(status_of s)" = 0 ] || say "$kind $tool x$k: the sender exited $(status_of s)"
  local delivered end wall cpu_s
  delivered=$(delivered_of p "$k" "$tool")
  [ "$delivered" -eq "$expected" ] || say "$kind $tool x$k: $delivered of $expected delivered"
  end=$(last_end p "$k" "$full" "$idle_rule" "$tool")
  wall=$(calc "round($end - $(start_of s), 4)")
  cpu_s=$(cpu_of s)
  read -r mean max sum < <(group_cpu p "$k")
  record "$run" "$kind" "$tool" 64 "$k" "$n" "$wall" "$cpu_s" "$sum" "$mean" "$max" \
    "$(calc "round($cpu_s + $sum, 3)")" "$delivered" "$expected" ""
  forget
}

# fan_in RUN TOOL: 100 pushers of FANIN_M messages each -> one pull. The wall time runs
# from the first pusher's start, so it includes starting 100 processes: the row `spawn`
# is that alone (100 x `true`, launched the same way).
fan_in() {
  local run=$1 tool=$2 k=$FANIN m=$FANIN_M
  local total=$((k * m)) url="tcp://127.0.0.1:$(free_ports 1)" idle=0 i
  if [ "$tool" != spawn ]; then
    case $tool in
      ref) launch r /dev/null /dev/null "$REF" pull --bind "$url" "$total" --timeout "$WAIT" ;;
      nncat) launch r count /dev/null "$NNCAT" pull --bind "$url" --raw --count "$total" \
        --recv-timeout "${WAIT}s" ;;
      nngcat) launch r count /dev/null "$NNGCAT" --pull0 --listen "$url" --raw \
        --count "$total" --recv-timeout "$WAIT" ;;
      nanocat)
        idle=$PEER_IDLE
        launch r count /dev/null "$NANOCAT" --pull --bind "$url" --raw --recv-timeout "$PEER_IDLE"
        ;;
    esac
    wait_bound "$url" || { wait_all; forget; return 0; }
  fi
  for i in $(seq "$k"); do
    case $tool in
      spawn) launch "p$i" /dev/null /dev/null true ;;
      ref | nanocat) launch "p$i" /dev/null /dev/null "$REF" push --connect "$url" "$m" 64 \
        --timeout "$WAIT" ;;
      nncat) launch "p$i" /dev/null "$WORK/lines.fanin" "$NNCAT" push --connect "$url" \
        --send-timeout "${WAIT}s" ;;
      nngcat) launch "p$i" /dev/null /dev/null "$NNGCAT" --push0 --dial "$url" --data "$MSG" \
        --count "$m" ;;
    esac
  done
  wait_all
  local delivered=$total end cpu_r=0
  if [ "$tool" = spawn ]; then
    delivered=0 total=0
    end=$(for i in $(seq "$k"); do end_of "p$i"; done | sort -n | tail -1)
  else
    [ "$tool" != ref ] && delivered=$(($(bytes_of r) / 64))
    [ "$(status_of r)" = 0 ] || say "fan-in $tool: pull exited $(status_of r)"
    end=$(calc "$(end_of r) - $idle")
    cpu_r=$(cpu_of r)
  fi
  [ "$delivered" -eq "$total" ] || say "fan-in $tool: $delivered of $total delivered"
  read -r mean max sum < <(group_cpu p "$k")
  local wall
  wall=$(calc "round($end - $(start_of p1), 4)")
  record "$run" fanin "$tool" 64 "$k" "$m" "$wall" "$sum" "$cpu_r" "$mean" "$max" \
    "$(calc "round($cpu_r + $sum, 3)")" "$delivered" "$total" ""
  forget
}

# survey RUN TOOL: scale_ref's surveyor (bound) waits for 100 respondents of TOOL, then
# sends SURVEYS surveys, each as soon as the last one's 100 answers are in, and prints
# how long each took. The respondents answer with --data and are stopped afterwards.
survey() {
  local run=$1 tool=$2 k=$RESPONDENTS url="tcp://127.0.0.1:$(free_ports 1)" i
  launch s "$WORK/s.out" /dev/null "$REF" surveyor --bind "$url" "$SURVEYS" 64 \
    --wait-peers "$k" --timeout "$WAIT"
  wait_bound "$url" || { wait_all; forget; return 0; }
  for i in $(seq "$k"); do
    case $tool in
      ref) launch "p$i" /dev/null /dev/null "$REF" respondent --connect "$url" 64 --idle "$LIMIT" ;;
      nncat) launch "p$i" /dev/null /dev/null "$NNCAT" respondent --connect "$url" --data "$MSG" ;;
      nngcat) launch "p$i" /dev/null /dev/null "$NNGCAT" --respondent0 --dial "$url" --data "$MSG" ;;
      nanocat) launch "p$i" /dev/null /dev/null "$NANOCAT" --respondent --connect "$url" \
        --data "$MSG" ;;
    esac
  done
  # The surveyor ends by itself; the respondents are stopped once it has.
  while [ ! -e "$WORK/s.end" ]; do sleep 0.05; done
  for i in $(seq "$k"); do stop "p$i"; done
  wait_all
  local answered
  answered=$(wc -l <"$WORK/s.out")
  [ "$answered" -eq "$SURVEYS" ] || say "survey $tool: $answered of $SURVEYS surveys fully answered (exit $(status_of s))"
  local median=""
  [ "$answered" -gt 0 ] && median=$(python3 -c "import statistics, sys; print(statistics.median(float(l) for l in open(sys.argv[1])))" "$WORK/s.out")
  read -r mean max sum < <(group_cpu p "$k")
  local wall cpu_s
  wall=$(calc "round($(end_of s) - $(start_of p1), 4)")
  cpu_s=$(cpu_of s)
  record "$run" survey "$tool" 64 "$k" "$SURVEYS" "$wall" "$cpu_s" "$sum" "$mean" "$max" \
    "$(calc "round($cpu_s + $sum, 3)")" "$((answered * k))" "$((SURVEYS * k))" "$median"
  forget
}

# survey_one RUN: one survey from each surveyor tool to 100 scale_ref respondents (bound,
# each on its own port); the time from the surveyor's start to its 100th answer on
# stdout (bench/scale_lines.py). scale_ref's surveyor prints one line after the 100th
# answer. nanocat cannot wait for peers: it gets --delay 1, taken off its time.
survey_one() {
  local run=$1 k=$RESPONDENTS urls=() connects=() dials=() port i tool
  for port in $(free_ports "$k"); do urls+=("tcp://127.0.0.1:$port"); done
  i=0
  for url in "${urls[@]}"; do
    i=$((i + 1))
    launch "q$i" /dev/null /dev/null "$REF" respondent --bind "$url" 64 --idle "$LIMIT"
    connects+=(--connect "$url")
    dials+=(--dial "$url")
  done
  for url in "${urls[@]}"; do wait_bound "$url" || { for i in $(seq "$k"); do stop "q$i"; done; wait_all; forget; return 0; }; done
  for tool in ref nncat nngcat nanocat; do
    local lines=$k delay=0 cmd=()
    case $tool in
      ref) lines=1 cmd=("$REF" surveyor "${connects[@]}" 1 64 --wait-peers "$k" --timeout "$WAIT") ;;
      nncat) cmd=("$NNCAT" surveyor "${connects[@]}" --wait-peers "$k" --send-timeout "${WAIT}s"
        --data "$MSG" --deadline 1s) ;;
      nngcat) cmd=("$NNGCAT" --surveyor0 "${dials[@]}" --data "$MSG" --quoted) ;;
      nanocat) delay=1 cmd=("$NANOCAT" --surveyor "${connects[@]}" --data "$MSG" -A --delay 1) ;;
    esac
    local result
    if result=$(timeout -k 2 "$LIMIT" python3 "$ROOT/bench/scale_lines.py" "$lines" 20 "${cmd[@]}" 2>>"$LOG"); then
      read -r seconds status user sys <<<"$result"
      if [ "$seconds" = -1.000000 ]; then
        say "survey_one $tool: fewer than $lines answers (exit $status)"
        record "$run" survey_one "$tool" 64 "$k" 1 "" "$(calc "$user + $sys")" "" "" "" "" 0 "$k" ""
      else
        record "$run" survey_one "$tool" 64 "$k" 1 "$(calc "round($seconds - $delay, 4)")" \
          "$(calc "round($user + $sys, 4)")" "" "" "" "" "$k" "$k" ""
      fi
    else
      say "survey_one $tool failed (see log)"
    fi
  done
  for i in $(seq "$k"); do stop "q$i"; done
  wait_all
  forget
}

want() { [[ ,$PARTS, == *,$1,* ]] || { [ "$1" != size ] && [[ ,$PARTS, == *,peers,* ]]; }; }

if want pub || want fanout || want fanin || want survey; then
  python3 - "$WORK" "$PUB_N" "$FANOUT_N" "$FANIN_M" <<'EOF2'
import sys
work, pub_n, fanout_n, fanin_m = sys.argv[1], *map(int, sys.argv[2:])
line = b"x" * 64 + b"\n"
with open(f"{work}/lines", "wb") as f:
    f.write(line * max(pub_n, fanout_n))
with open(f"{work}/lines.fanin", "wb") as f:
    f.write(line * fanin_m)
EOF2
  for run in $(seq "$RUNS"); do
    if want pub; then
      for k in "${PEERS[@]}"; do
        say "pub -> $k subscribers x $PUB_N messages, run $run of $RUNS ($(tcp_table))"
        for tool in ref nncat nngcat nanocat; do fan_out "$run" pub "$tool" "$k" "$PUB_N"; done
      done
    fi
    if want fanout; then
      say "push -> $FANOUT pullers, $FANOUT_N messages, run $run of $RUNS ($(tcp_table))"
      for tool in ref nncat nngcat nanocat; do fan_out "$run" fanout "$tool" "$FANOUT" "$FANOUT_N"; done
    fi
    if want fanin; then
      say "$FANIN pushers x $FANIN_M messages -> 1 pull, run $run of $RUNS ($(tcp_table))"
      for tool in spawn ref nncat nngcat nanocat; do fan_in "$run" "$tool"; done
    fi
    if want survey; then
      say "surveyor with $RESPONDENTS respondents x $SURVEYS surveys, run $run of $RUNS ($(tcp_table))"
      for tool in ref nncat nngcat nanocat; do survey "$run" "$tool"; done
      say "one survey from each surveyor to $RESPONDENTS respondents, run $run of $RUNS"
      survey_one "$run"
    fi
  done
fi

say "done in $(calc "round($EPOCHREALTIME - $START)") s, load $(cut -d' ' -f1-3 /proc/loadavg)"
HEADER="nncat $("$NNCAT" --version | cut -d' ' -f2) built at $COMMIT, $(nproc) cores, $(uname -r), RUNS=$RUNS, QUICK=$QUICK, load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$HEADER"
echo
python3 "$ROOT/bench/scale_report.py" "$OUT" "$CSV" | tee "$OUT/scale.md"
if [ "${DOCS:-0}" = 1 ]; then
  for chart in scale-size scale-peers; do
    [ -e "$OUT/$chart.svg" ] && cp "$OUT/$chart.svg" "$ROOT/docs/$chart.svg"
  done
  say "charts copied to docs/"
fi
say "results in $OUT (scale.csv, scale.md, scale-size.svg, scale-peers.svg)"
exit 0
