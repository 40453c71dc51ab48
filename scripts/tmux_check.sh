#!/usr/bin/env bash
# Drive the real app in a real terminal (tmux, 80x24): launch, compare two seeds, step through
# pairs and changes, toggle layout and script, open help and the export dialog, quit.
# Then key bursts (several keys in one send-keys, as one terminal read delivers them) at
# 80x24, 160x48 and 40x12: the app must land on the right pair and its CPU use must settle.
# Checks what is on screen with capture-pane after each step; exits non-zero on the first miss.
#
#   bash scripts/tmux_check.sh            (needs tmux: apt-get install tmux)
#
# Not part of pytest: it has to wait for a real terminal to draw, and tests must not sleep.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
SESSION="reportdiff-check-$$"
A="$ROOT/seeds/000_e3797f5fab609ce7.txt"
B="$ROOT/seeds/001_c0418d9f21b94140.txt"
OUT="$(mktemp -d)"

command -v tmux >/dev/null || { echo "tmux_check: tmux is not installed (apt-get install tmux)"; exit 2; }

cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$OUT"; }
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$SESSION"; }

# wait_for TEXT [SECONDS]: poll the pane until TEXT shows up
wait_for() {
  local text="$1" limit="${2:-15}" waited=0
  while ! screen | grep -qF -- "$text"; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 5)) ]; then
      echo "FAIL: '$text' did not appear within ${limit}s. Screen:"
      screen
      exit 1
    fi
  done
  echo "ok: $text"
}

keys() { tmux send-keys -t "$SESSION" "$@"; }

tmux new-session -d -s "$SESSION" -x 80 -y 24 -e LANG=C.UTF-8 -e TERM=xterm-256color \
  "cd '$OUT' && '$PY' -m reportdiff.tui --lang en '$A' '$B'; echo EXITED \$?; sleep 30"
start=$(date +%s.%N)
wait_for "similarity" 20
wait_for "Pair 1/"
echo "comparison on screen after $(echo "$(date +%s.%N) - $start" | bc) s"

# every line fits 80 columns (tmux would wrap otherwise) and the footer is on the last line
screen | "$PY" -c '
import sys
from rich.cells import cell_len
bad = [ln for ln in sys.stdin.read().splitlines() if cell_len(ln) > 80]
print("FAIL: wider than 80 cells:", bad) if bad else print("ok: every line within 80 cells")
sys.exit(1 if bad else 0)'
screen | tail -1 | grep -qF "q Quit" && screen | tail -1 | grep -qF "? Help" && echo "ok: footer on the last line, q and ? in it"

keys n; wait_for "Pair 2/"
keys j; wait_for "Pair 3/"
keys p; wait_for "Pair 2/"
keys n; wait_for "Pair 3/"
keys Down Down PageDown; sleep 0.3; screen | grep -qF "Pair 3/" && echo "ok: arrows scroll, the pair stays"
keys ']'; wait_for "change 1/"
keys l; sleep 0.3; screen | grep -qF "│" && echo "ok: side by side"
keys t; wait_for "simplified"
keys b; sleep 0.3
keys "?"; wait_for "Keys of this screen"
keys Escape; sleep 0.3
keys e; wait_for "Export the comparison"
keys Enter; wait_for "Wrote"
ls "$OUT"/*.md >/dev/null && echo "ok: export written"
keys q; wait_for "EXITED 0"
tmux kill-session -t "$SESSION"

# ------------------------------------------------------------------ key bursts

# cpu_ticks PID: user+system clock ticks the process has used so far
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# settles PID: the app uses under 20% of a core over 2 s once a burst is handled
settles() {
  local pid="$1" hz before after used
  hz=$(getconf CLK_TCK)
  sleep 1
  before=$(cpu_ticks "$pid"); sleep 2; after=$(cpu_ticks "$pid")
  used=$(( (after - before) * 100 / (2 * hz) ))
  if [ "$used" -ge 20 ]; then
    echo "FAIL: the app still uses ${used}% of a core after the burst"; screen; exit 1
  fi
  echo "ok: idle after the burst (${used}% of a core)"
}

burst_check() {
  local w="$1" h="$2"
  tmux new-session -d -s "$SESSION" -x "$w" -y "$h" -e LANG=C.UTF-8 -e TERM=xterm-256color \
    "cd '$OUT' && exec '$PY' -m reportdiff.tui --lang en '$A' '$B'"
  local pid
  for _ in $(seq 50); do
    pid=$(tmux list-panes -t "$SESSION" -F '#{pane_pid}')
    [ -n "$pid" ] && break; sleep 0.1
  done
  wait_for "Pair 1/" 20
  if [ "$h" -ge 20 ]; then
    keys n n n n n n n n n n; wait_for "Pair 11/"; settles "$pid"
    keys p p p p; wait_for "Pair 7/"; settles "$pid"
    keys b n n n; wait_for "Pair 10/"; settles "$pid"   # with the pair list shown
    keys ']' ']' ']' ']'; sleep 0.5; settles "$pid"
    keys 2 3 4 5 1; sleep 0.5; settles "$pid"
    keys r Down Enter; sleep 1; keys u n; wait_for "Pair 11/"; settles "$pid"
  else  # 40x12: too small for the title line, but keys must still work and settle
    keys n n n n n n n n n n; sleep 1; settles "$pid"
    keys p p p p p p p p p p; sleep 1; settles "$pid"
  fi
  keys q; sleep 1
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  echo "ok: bursts at ${w}x${h}"
}

burst_check 80 24
burst_check 160 48
burst_check 40 12
echo "tmux check passed"
