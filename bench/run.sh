#!/usr/bin/env bash
# nncat's end-to-end benchmarks (issue 4): real processes on 127.0.0.1 tcp and ws and
# on ipc sockets in a temporary folder, each figure beside a reference measured in the same
# run (examples/baseline.rs, libnanomsg with no stdio and no formatting, or nanocat and
# nngcat), printed as the markdown tables of docs/performance.md (bench/report.py):
#   - throughput, round trips, latency and memory: the median of RUNS repetitions, and
#     the median of the per-repetition ratios to the reference;
#   - every CPU figure (3, receiver CPU): the best (least) and the median of the RUNS
#     repetitions, for nncat and for each reference, and nncat's ratio to each best to
#     best and median to median, the statistics issue 21's targets are set in;
#   - the one-shot (5): ONESHOTS rounds, each running nncat, nanocat, nngcat and the
#     baseline once, in turn (bench/oneshot.py); each one's median wall time, and
#     nncat's ratio to each taken round by round, its median and best; the system calls
#     and threads of one run of each, counted with strace -f if strace is installed.
# Every run's raw value stays in the results file (KEY RUN VALUE; KEEP=1 keeps it).
#
#   bench/run.sh               the full suite (about 11 minutes on 2 cores, half of it
#                              nngcat's receivers in figure 3)
#   QUICK=1 bench/run.sh       smaller counts and 3 runs, for a first look
#   RUNS=7 bench/run.sh        more repetitions
#   ONESHOTS=100 bench/run.sh  more rounds of one-shots (default 40)
#   KEEP=1 bench/run.sh        keep the temporary folder (raw results, logs)
#   PARTS="lines cpu latency" RUNS=3 bench/run.sh
#                              only some parts: lines (figure 1, over tcp, ipc and
#                              ws), big (2), cpu (3),
#                              reqrep (4), oneshot (5), latency (6), memory (7),
#                              tls (8: push -> pull over tls+tcp against plain tcp and
#                              against nngcat over tls+tcp; not in the default PARTS:
#                              PARTS=tls bench/run.sh, about 5 minutes)
#
# Figures 1, 2, 3 and 6 are measured in the same repetitions, one after another in each,
# so that the flush policy's two regimes (a stream of lines, one line at a time) meet
# the same moments of the machine. Within each repetition of figure 3, the receivers take
# turns, nncat, nanocat and nngcat for each output format, so each CPU figure is RUNS
# interleaved runs of the three.
#
# Needs: cargo, python3, libnanomsg-dev, nanomsg-utils (nanocat), nng-utils (nngcat),
# GNU time (/usr/bin/time), iproute2 (ss) and openssl (figure 8); missing Debian packages
# are installed with apt-get as scripts/setup.sh does. strace is used if it is there
# (figure 5's counts; without it the report says they are missing). Builds into
# $CARGO_TARGET_DIR (default: target/).
#
# Only 127.0.0.1 and ipc are used. Every process runs under `timeout`, and every
# process started here is ended at exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  RUNS=${RUNS:-3}
  LINES=100000          # figures 1-3
  BIG=100               # figure 2, messages of 1 MiB
  TRIPS=10000           # figure 4
  RSS_BYTES=$((64 << 20))
else
  RUNS=${RUNS:-5}
  LINES=1000000
  BIG=1000
  TRIPS=100000
  RSS_BYTES=$((1 << 30))
fi
ONESHOTS=${ONESHOTS:-40} # figure 5: rounds of the four one-shots
TLS_BIG=300             # figure 8, messages of 1 MiB
SAMPLES=100             # figure 6, lines per pair and repetition
PARTS=${PARTS:-lines big cpu reqrep oneshot latency memory}
part() { [[ " $PARTS " == *" $1 "* ]]; }
LIMIT=120               # seconds any one process may run

# --- what the suite needs -------------------------------------------------------------
missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need libnanomsg-dev
need pkg-config
need nanomsg-utils
need nng-utils
need time
need iproute2
need python3
need openssl
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq </dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
echo "bench: building release binaries into $TARGET" >&2
(cd "$ROOT" && cargo build --release --quiet --bin nncat --example baseline --example floor)
NNCAT=$TARGET/release/nncat
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || COMMIT="$COMMIT+local changes"
BASE=$TARGET/release/examples/baseline
FLOOR=$TARGET/release/examples/floor
NANOCAT=$(command -v nanocat)
NNGCAT=$(command -v nngcat)
TIME=/usr/bin/time

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nncat-bench.XXXXXX")
RESULTS=$WORK/results.tsv
LOG=$WORK/log
: >"$RESULTS"
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  if [ "${KEEP:-0}" = 1 ]; then
    echo "bench: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "bench: $*" >&2; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A fresh address each time, so no run meets a socket left over from the one before.
new_url() {
  case $1 in
    tcp) echo "tcp://127.0.0.1:$(free_port)" ;;
    # nng's mbedtls checks DNS names only: the certificate and the URL name localhost.
    tls) echo "tls+tcp://localhost:$(free_port)" ;;
    ipc) echo "ipc://$WORK/s${EPOCHREALTIME/./}-$RANDOM.ipc" ;;
    ws) echo "ws://127.0.0.1:$(free_port)" ;;
  esac
}

# Waits until something listens at the url: the tcp port is in LISTEN, the ipc socket
# file exists. Up to 5 seconds.
wait_bound() {
  local url=$1 i
  for i in $(seq 500); do
    case $url in
      tcp://* | tls+tcp://* | ws://*) [ -n "$(ss -Hltn "sport = :${url##*:}")" ] && return 0 ;;
      ipc://*) [ -S "${url#ipc://}" ] && return 0 ;;
    esac
    sleep 0.01
  done
  say "nothing bound to $url after 5 s"
  return 1
}

# Seconds between two $EPOCHREALTIME readings, and other arithmetic bash cannot do.
calc() { python3 -c "print($1)"; }

# pair URL IN OUT STOPWATCH -- RECEIVER... -- SENDER...
# Starts the receiver (bound at URL, stdout to OUT), waits until it listens, starts the
# sender (stdin from IN) and sets ELAPSED to the seconds from the sender's start to the
# exit of the receiver (STOPWATCH=recv) or of the sender (STOPWATCH=send). @URL@ in either
# command is replaced by URL. Fails if either process fails or runs past LIMIT.
pair() {
  local url=$1 in=$2 out=$3 stopwatch=$4
  shift 5
  local receiver=() sender=()
  while [ "$1" != -- ]; do receiver+=("${1//@URL@/$url}"); shift; done
  shift
  for arg in "$@"; do sender+=("${arg//@URL@/$url}"); done
  timeout -k 2 "$LIMIT" "${receiver[@]}" >"$out" 2>>"$LOG" &
  local rpid=$!
  PIDS+=("$rpid")
  wait_bound "$url" || { kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null; return 1; }
  local start=$EPOCHREALTIME end
  timeout -k 2 "$LIMIT" "${sender[@]}" <"$in" >/dev/null 2>>"$LOG" &
  local spid=$!
  PIDS+=("$spid")
  local status=0
  if [ "$stopwatch" = send ]; then
    wait "$spid" || status=$?
    end=$EPOCHREALTIME
    wait "$rpid" || status=$?
  else
    wait "$rpid" || status=$?
    end=$EPOCHREALTIME
    wait "$spid" || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    say "a run failed (exit $status): ${receiver[*]} / ${sender[*]} (see log)"
    tail -3 "$LOG" >&2
    return 1
  fi
  ELAPSED=$(calc "$end - $start")
}

# cpu FILE: user + system seconds from GNU time's "%U %S" line.
cpu() { awk 'END { print $1 + $2 }' "$1"; }

say "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs, LINES=$LINES BIG=$BIG TRIPS=$TRIPS"
START=$EPOCHREALTIME

# --- inputs ---------------------------------------------------------------------------
python3 - "$WORK" "$LINES" "$BIG" "$TRIPS" <<'EOF'
import sys
work, lines, big, trips = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
line = (b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-" * 2)[:64] + b"\n"
with open(f"{work}/lines", "wb") as f:      # LINES messages of 64 bytes
    f.write(line * lines)
with open(f"{work}/trips", "wb") as f:      # TRIPS requests of 64 bytes
    f.write(line * trips)
mib = 1 << 20
body = (b"The quick brown fox jumps over the lazy dog; " * (mib // 45 + 1))[:mib]
with open(f"{work}/big.txt", "wb") as f:    # BIG messages of 1 MiB, one per line
    for _ in range(big):
        f.write(body + b"\n")
hexline = body.hex().encode() + b"\n"
with open(f"{work}/big.hex", "wb") as f:    # the same messages in hex, 2 MiB a line
    for _ in range(big):
        f.write(hexline)
EOF
: >"$WORK/empty"
MIB=$((1 << 20))

# --- 1, 2, 3 and 6, in the same repetitions ------------------------------------------
lines() {
  local run=$1 transport
  for transport in tcp ipc ws; do
    if pair "$(new_url $transport)" "$WORK/empty" /dev/null recv -- \
      "$BASE" pull --bind @URL@ "$LINES" -- \
      "$BASE" push --connect @URL@ "$LINES" 64; then
      record "${transport}_lines_base" "$run" "$(calc "$LINES / $ELAPSED")"
    fi
    if pair "$(new_url $transport)" "$WORK/lines" "$WORK/out" recv -- \
      "$NNCAT" pull --bind @URL@ --count "$LINES" --recv-timeout 10s -- \
      "$NNCAT" push --connect @URL@; then
      record "${transport}_lines" "$run" "$(calc "$LINES / $ELAPSED")"
    fi
    rm -f "$WORK/out"
  done
}

big() {
  local run=$1
  if pair "$(new_url ipc)" "$WORK/empty" /dev/null recv -- \
    "$BASE" pull --bind @URL@ "$BIG" -- \
    "$BASE" push --connect @URL@ "$BIG" "$MIB"; then
    record ipc_big_base "$run" "$(calc "$BIG * $MIB / $ELAPSED")"
  fi
  # 1 GiB (2 GiB in hex) written to a file measures the kernel's page cache, not
  # nncat (docs/performance.md): the large messages go to /dev/null.
  if pair "$(new_url ipc)" "$WORK/big.txt" /dev/null recv -- \
    "$NNCAT" pull --bind @URL@ --raw --count "$BIG" --recv-timeout 10s -- \
    "$NNCAT" push --connect @URL@; then
    record ipc_big_raw "$run" "$(calc "$BIG * $MIB / $ELAPSED")"
  fi
  if pair "$(new_url ipc)" "$WORK/big.hex" /dev/null recv -- \
    "$NNCAT" pull --bind @URL@ --hex --count "$BIG" --recv-timeout 10s -- \
    "$NNCAT" push --connect @URL@ --hex; then
    record ipc_big_hex "$run" "$(calc "$BIG * $MIB / $ELAPSED")"
  fi
}

# Receiver CPU, from the baseline pusher. nncat, nanocat and nngcat take turns for each
# format, so that the three meet the same moments of the machine.
receiver_cpu() {
  local run=$1 receiver cmd size want
  for receiver in base nncat_raw nanocat_raw nngcat_raw nncat_ascii nanocat_ascii \
    nngcat_ascii; do
    case $receiver in
      base) cmd=("$BASE" pull --bind @URL@ "$LINES") ;;
      nncat_raw) cmd=("$NNCAT" pull --bind @URL@ --raw --count "$LINES" --recv-timeout 10s) ;;
      nncat_ascii) cmd=("$NNCAT" pull --bind @URL@ --ascii --count "$LINES" --recv-timeout 10s) ;;
      # nanocat ends only by its receive timeout (whole seconds); idle costs no CPU.
      nanocat_raw) cmd=("$NANOCAT" --pull --bind @URL@ --raw --recv-timeout 1) ;;
      nanocat_ascii) cmd=("$NANOCAT" --pull --bind @URL@ -A --recv-timeout 1) ;;
      # nngcat --ascii writes no newline between messages: 64 bytes each, not 65.
      nngcat_raw) cmd=("$NNGCAT" --pull0 --listen @URL@ --raw --count "$LINES") ;;
      nngcat_ascii) cmd=("$NNGCAT" --pull0 --listen @URL@ --ascii --count "$LINES") ;;
    esac
    if pair "$(new_url tcp)" "$WORK/empty" "$WORK/out" recv -- \
      "$TIME" -f "%U %S" -o "$WORK/cpu" "${cmd[@]}" -- \
      "$BASE" push --connect @URL@ "$LINES" 64; then
      size=$(stat -c %s "$WORK/out")
      case $receiver in
        *raw | nngcat_ascii) want=$((LINES * 64)) ;;
        *ascii) want=$((LINES * 65)) ;;
        *) want=0 ;;
      esac
      if [ "$size" -ne "$want" ]; then
        say "$receiver wrote $size bytes, expected $want: run not counted"
      else
        record "cpu_$receiver" "$run" "$(cpu "$WORK/cpu")"
      fi
    fi
    rm -f "$WORK/out"
  done
}

# Interactive latency: one line at a time through nncat push -> pull, and through the
# floor (examples/floor.rs: stdin line -> nn_send; nn_recv -> one write), taking turns
# line by line. Each run records each pair's median over its SAMPLES lines.
latency() {
  local run=$1
  if timeout -k 2 120 python3 "$ROOT/bench/latency.py" "$SAMPLES" \
    latency "$NNCAT pull --bind @URL@" "$NNCAT push --connect @URL@ --linger 0" \
    latency_floor "$FLOOR pull --bind @URL@" "$FLOOR push --connect @URL@" \
    >"$WORK/latency" 2>>"$LOG"; then
    python3 - "$WORK/latency" "$run" >>"$RESULTS" <<'EOF'
import statistics, sys
from collections import defaultdict
samples = defaultdict(list)
for line in open(sys.argv[1]):
    name, seconds = line.split()
    samples[name].append(float(seconds))
for name, values in samples.items():
    print(f"{name}\t{sys.argv[2]}\t{statistics.median(values)}")
EOF
  else
    say "latency run failed (see log)"
    tail -3 "$LOG" >&2
  fi
}

# --- 8: TLS ---------------------------------------------------------------------------
# A CA and a certificate for localhost it signs, made with openssl for this run; the RSA
# key in the traditional form, the one nngcat (mbedtls 2) reads.
make_certificates() {
  (
    cd "$WORK"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
      -subj "/CN=nncat bench CA"
    openssl req -new -newkey rsa:2048 -nodes -keyout server.pkcs8 -subj /CN=localhost \
      -out server.csr
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n' \
      >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 1 -days 2 \
      -extfile server.ext -out server.crt
    openssl rsa -in server.pkcs8 -traditional -out server.key
    cat server.crt server.key >server.pem
  ) >>"$LOG" 2>&1
}

# Each repetition: nncat over plain tcp, nncat over tls+tcp and nngcat over tls+tcp, one
# after another, lines then 1 MiB messages. nngcat sends one message again and again
# (--data or --file with --count and --interval 0: it has no line mode), so its sender
# does less than nncat's, which reads and splits stdin.
tls() {
  local run=$1 line
  line=$(head -c 64 "$WORK/lines")
  if pair "$(new_url tcp)" "$WORK/lines" /dev/null recv -- \
    "$NNCAT" pull --bind @URL@ --count "$LINES" --recv-timeout 10s -- \
    "$NNCAT" push --connect @URL@; then
    record tls_tcp_lines "$run" "$(calc "$LINES / $ELAPSED")"
  fi
  if pair "$(new_url tls)" "$WORK/lines" /dev/null recv -- \
    "$NNCAT" pull --bind @URL@ --cert "$WORK/server.pem" --count "$LINES" --recv-timeout 10s -- \
    "$NNCAT" push --connect @URL@ --cacert "$WORK/ca.pem"; then
    record tls_lines "$run" "$(calc "$LINES / $ELAPSED")"
  fi
  if pair "$(new_url tls)" "$WORK/empty" /dev/null recv -- \
    "$NNGCAT" --pull0 --listen @URL@ --cert "$WORK/server.pem" --raw --count "$LINES" -- \
    "$NNGCAT" --push0 --dial @URL@ --cacert "$WORK/ca.pem" --data "$line" \
    --count "$LINES" --interval 0; then
    record tls_lines_nngcat "$run" "$(calc "$LINES / $ELAPSED")"
  fi
  if pair "$(new_url tcp)" "$WORK/big_tls.txt" /dev/null recv -- \
    "$NNCAT" pull --bind @URL@ --raw --count "$TLS_BIG" --recv-timeout 10s -- \
    "$NNCAT" push --connect @URL@; then
    record tls_tcp_big "$run" "$(calc "$TLS_BIG * $MIB / $ELAPSED")"
  fi
  if pair "$(new_url tls)" "$WORK/big_tls.txt" /dev/null recv -- \
    "$NNCAT" pull --bind @URL@ --cert "$WORK/server.pem" --raw --count "$TLS_BIG" \
    --recv-timeout 10s -- \
    "$NNCAT" push --connect @URL@ --cacert "$WORK/ca.pem"; then
    record tls_big "$run" "$(calc "$TLS_BIG * $MIB / $ELAPSED")"
  fi
  # nng's receive limit is 1 MiB by default, the size of the message itself.
  if pair "$(new_url tls)" "$WORK/empty" /dev/null recv -- \
    "$NNGCAT" --pull0 --listen @URL@ --cert "$WORK/server.pem" --raw --count "$TLS_BIG" \
    --recv-maxsz 2097152 -- \
    "$NNGCAT" --push0 --dial @URL@ --cacert "$WORK/ca.pem" --file "$WORK/big1.bin" \
    --count "$TLS_BIG" --interval 0; then
    record tls_big_nngcat "$run" "$(calc "$TLS_BIG * $MIB / $ELAPSED")"
  fi
}

if part tls; then
  make_certificates
  head -n "$TLS_BIG" "$WORK/big.txt" >"$WORK/big_tls.txt"
  head -c "$MIB" "$WORK/big.txt" >"$WORK/big1.bin"
fi

for run in $(seq "$RUNS"); do
  say "run $run of $RUNS ($PARTS), load $(cut -d' ' -f1-3 /proc/loadavg)"
  if part lines; then lines "$run"; fi
  if part big; then big "$run"; fi
  if part cpu; then receiver_cpu "$run"; fi
  if part latency; then latency "$run"; fi
  if part tls; then tls "$run"; fi
done

# --- 4: streaming request/reply -------------------------------------------------------
if part reqrep; then
  for run in $(seq "$RUNS"); do
    say "request/reply, run $run of $RUNS"
    if pair "$(new_url tcp)" "$WORK/empty" /dev/null send -- \
      "$BASE" rep --bind @URL@ "$TRIPS" -- \
      "$BASE" req --connect @URL@ "$TRIPS" 64; then
      record reqrep_base "$run" "$(calc "$ELAPSED / $TRIPS")"
    fi
    if pair "$(new_url tcp)" "$WORK/trips" /dev/null send -- \
      "$NNCAT" rep --bind @URL@ --echo --count "$TRIPS" --recv-timeout 10s -- \
      "$NNCAT" req --connect @URL@ --recv-timeout 10s; then
      record reqrep "$run" "$(calc "$ELAPSED / $TRIPS")"
    fi
  done
fi

# --- 5: one-shot request --------------------------------------------------------------
# ONESHOTS rounds (after 3 not counted), each running the four one-shots once, in turn,
# against one running replier (bench/oneshot.py), so that nncat's run and nanocat's are
# a moment apart and their ratio is taken round by round. Then, with strace, each runs
# once more to count its system calls and the threads it starts.
if part oneshot; then
  say "one-shot request, $ONESHOTS rounds"
  URL=$(new_url tcp)
  timeout -k 2 300 "$NNCAT" rep --bind "$URL" --echo >/dev/null 2>>"$LOG" &
  PIDS+=("$!")
  REPLIER=$!
  if wait_bound "$URL"; then
    command -v strace >/dev/null ||
      say "strace is not installed: figure 5 without system call and thread counts"
    if ! timeout -k 2 300 python3 "$ROOT/bench/oneshot.py" "$ONESHOTS" 3 \
      nncat "$NNCAT req --connect $URL --data ping" \
      nanocat "$NANOCAT --req --connect $URL --data ping -A" \
      nngcat "$NNGCAT --req0 --dial $URL --data ping -A" \
      baseline "$BASE req --connect $URL 1 4" >"$WORK/oneshot" 2>>"$LOG"; then
      say "some one-shot runs failed (not counted):"
      grep '^oneshot:' "$LOG" | tail -5 >&2
    fi
    sed 's/^/oneshot_/' "$WORK/oneshot" >>"$RESULTS"
  fi
  kill "$REPLIER" 2>/dev/null || true
  wait "$REPLIER" 2>/dev/null || true
fi

# --- 7: peak memory while streaming lines ---------------------------------------------
if part memory; then
  say "peak memory, $((RSS_BYTES >> 20)) MiB of 64-byte lines"
  URL=$(new_url tcp)
  RSS_LINES=$((RSS_BYTES / 64))
  timeout -k 2 "$((LIMIT * 3))" "$TIME" -f %M -o "$WORK/rss_pull" \
    "$NNCAT" pull --bind "$URL" --count "$RSS_LINES" --recv-timeout 10s >/dev/null 2>>"$LOG" &
  PULL=$!
  PIDS+=("$PULL")
  if wait_bound "$URL"; then
    (
      set +o pipefail # yes ends by SIGPIPE when head has had enough
      yes "$(printf '%063d' 0)" | head -c "$RSS_BYTES" |
        timeout -k 2 "$((LIMIT * 3))" "$TIME" -f %M -o "$WORK/rss_push" \
          "$NNCAT" push --connect "$URL" 2>>"$LOG"
    ) &
    PUSH=$!
    PIDS+=("$PUSH")
    status=0
    wait "$PULL" || status=$?
    wait "$PUSH" || status=$?
    if [ "$status" -eq 0 ]; then
      record rss_push 1 "$(tail -1 "$WORK/rss_push")"
      record rss_pull 1 "$(tail -1 "$WORK/rss_pull")"
    else
      say "memory run failed (exit $status, see log)"
    fi
  fi
fi

say "done in $(calc "round($EPOCHREALTIME - $START)") s, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "nncat $("$NNCAT" --version | cut -d' ' -f2) built at $COMMIT, $(nproc) cores, $(uname -r), RUNS=$RUNS, LINES=$LINES, BIG=$BIG, TRIPS=$TRIPS, RSS_BYTES=$RSS_BYTES, TLS_BIG=$TLS_BIG"
echo
python3 "$ROOT/bench/report.py" "$RESULTS" "$LINES" "$BIG" "$TRIPS" "$RSS_BYTES" "$TLS_BIG"
exit 0
