#!/usr/bin/env bash
# Sweeps over MPI ranks and --checkpoint (docs/mpi.md): the same bytes for any
# number of ranks and threads, and after an interrupted run resumed from its
# checkpoint; refused checkpoints; errors on any rank end the run with one line.
# Usage: cli_mpi.sh AELANDSCAPE [MPIRUN]   (without MPIRUN: the single-process checks only)
set -u
AEL="$1"
MPIRUN="${2:-}"
source "$(dirname "$0")/cli_lib.sh"
export OPENBLAS_NUM_THREADS=1
unset AEL_TEST_STOP_AFTER_ITEMS AEL_TEST_FAIL_ITEM

mpi=()
if [ -n "$MPIRUN" ]; then
  mpi=("$MPIRUN" --oversubscribe)
  [ "$(id -u)" = 0 ] && mpi+=(--allow-run-as-root)
fi
# launch N ARGS...: the command under the launcher with N ranks (N = 0: no launcher).
launch() {
  local n="$1"
  shift
  if [ "$n" = 0 ]; then "$AEL" "$@"; else "${mpi[@]}" -n "$n" "$AEL" "$@"; fi
}
# same NAME REFERENCE FILE: byte comparison.
same() {
  if cmp -s "$2" "$3"; then pass "$1"; else fail "$1: $(diff "$2" "$3" | head -5)"; fi
}
# The command line is part of every output's metadata; runs that differ in --threads differ there only.
strip() { grep -v '"command_line"' "$1"; }

MC=(sparse monte-carlo --n 16 --k 2 --eps-frac 0.5 --samples 30000 --quiet)               # 15 blocks
PT=(sign phase-transition --nonzero gaussian --d 12 --p-grid 0.2,0.4,0.6,0.8,1 --gd --steps 30 --masks 4 --test-samples 2000)
SW=(sparse sweep-h --h-min 32 --h-max 256 --arithmetic double)
SWC=(sparse sweep-h --h-min 16 --h-max 64 --k 1 --eps-frac 0.5 --certify)                 # balls (docs/sparse.md "sweep-h --certify")
DEC=(sign simulate-decoder --rate 0.5 --p 0.3 --d 40 --layers 2 --signals 10)

# 1. Threads: the same bytes (up to the command line) for 1 and 3 threads.
"$AEL" "${MC[@]}" --threads 1 >"$work/mc1" 2>/dev/null
"$AEL" "${MC[@]}" --threads 3 >"$work/mc3" 2>/dev/null
same "monte-carlo: --threads 1 and 3" <(strip "$work/mc1") <(strip "$work/mc3")
"$AEL" "${DEC[@]}" --threads 1 >"$work/dec1" 2>/dev/null
"$AEL" "${DEC[@]}" --threads 3 >"$work/dec3" 2>/dev/null
same "simulate-decoder: --threads 1 and 3" <(strip "$work/dec1") <(strip "$work/dec3")

# 2. Ranks: the same bytes from 1, 2 and 3 ranks as from the plain run.
if [ -n "$MPIRUN" ]; then
  for n in 1 2 3; do
    launch "$n" "${MC[@]}" --threads 2 >"$work/out" 2>/dev/null
    same "monte-carlo: $n ranks x 2 threads" <(strip "$work/mc1") <(strip "$work/out")
  done
  "$AEL" "${PT[@]}" >"$work/pt" 2>/dev/null
  "$AEL" "${SW[@]}" >"$work/sw" 2>/dev/null
  "$AEL" "${SWC[@]}" >"$work/swc" 2>/dev/null
  for n in 2 3; do
    launch "$n" "${PT[@]}" >"$work/out" 2>/dev/null
    same "phase-transition --gd: $n ranks" "$work/pt" "$work/out"
    launch "$n" "${SW[@]}" >"$work/out" 2>/dev/null
    same "sweep-h: $n ranks" "$work/sw" "$work/out"
    launch "$n" "${SWC[@]}" >"$work/out" 2>/dev/null
    same "sweep-h --certify: $n ranks" "$work/swc" "$work/out"
    launch "$n" "${DEC[@]}" --threads 1 >"$work/out" 2>/dev/null
    same "simulate-decoder: $n ranks" "$work/dec1" "$work/out"
  done
  # Only rank 0 writes: one document on stdout, and -o written once.
  launch 3 "${SW[@]}" -o "$work/sw_file" >"$work/out" 2>/dev/null
  if [ ! -s "$work/out" ] && cmp -s <(strip "$work/sw") <(strip "$work/sw_file"); then pass "3 ranks: -o written by rank 0 only"
  else fail "3 ranks with -o: stdout $(wc -c <"$work/out") bytes"; fi
fi

# 3. Checkpoints: a run stopped after some items and resumed gives the bytes of an uninterrupted run.
ck="$work/ck"
"$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >"$work/ref" 2>/dev/null
rm -f "$ck"
AEL_TEST_STOP_AFTER_ITEMS=4 "$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >"$work/out" 2>"$work/err"
code=$?
items=$(grep -c '^item ' "$ck")
if [ "$code" = 2 ] && [ ! -s "$work/out" ] && [ "$items" -ge 4 ] && [ "$items" -lt 15 ]; then pass "stopped run: exit 2, $items of 15 items kept"
else fail "stopped run: exit $code, $items items, stderr $(head -c 200 "$work/err")"; fi
"$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >"$work/out" 2>/dev/null
same "monte-carlo resumed from its checkpoint" "$work/ref" "$work/out"
# A finished checkpoint recomputes nothing (AEL_TEST_FAIL_ITEM would fire on any item run).
AEL_TEST_FAIL_ITEM=0 "$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >"$work/out" 2>/dev/null
same "monte-carlo rerun from a complete checkpoint (no item recomputed)" "$work/ref" "$work/out"
# sweep-h --certify: the fit's slope ball is rebuilt from the rows, so a resumed run gives the same bytes.
"$AEL" "${SWC[@]}" >"$work/swc_ref" 2>/dev/null
rm -f "$work/ckw"
AEL_TEST_STOP_AFTER_ITEMS=1 "$AEL" "${SWC[@]}" --checkpoint "$work/ckw" >/dev/null 2>&1
"$AEL" "${SWC[@]}" --checkpoint "$work/ckw" >"$work/out" 2>/dev/null
same "sweep-h --certify resumed from its checkpoint" <(strip "$work/swc_ref") <(strip "$work/out")
# A last line cut short by a kill is dropped and recomputed.
rm -f "$ck"
AEL_TEST_STOP_AFTER_ITEMS=6 "$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >/dev/null 2>&1
printf 'item 9 0123456789abcdef 000000' >>"$ck"
"$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >"$work/out" 2>/dev/null
same "resumed past a torn last line" "$work/ref" "$work/out"
# SIGTERM in the middle of a real run.
big=(sparse monte-carlo --n 16 --k 2 --eps-frac 0.5 --samples 1000000 --quiet --threads 1 --checkpoint "$work/ckbig")  # 489 blocks
"$AEL" "${big[@]}" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ -f "$work/ckbig" ] && [ "$(grep -c '^item ' "$work/ckbig")" -ge 3 ] && break
  sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
killed=$(grep -c '^item ' "$work/ckbig")
"$AEL" "${big[@]}" >"$work/out" 2>/dev/null
mv "$work/ckbig" "$work/ckbig_resumed"
"$AEL" "${big[@]}" >"$work/ref_big" 2>/dev/null
if [ "$killed" -lt 489 ]; then same "SIGTERM after $killed of 489 items, resumed" "$work/ref_big" "$work/out"
else fail "SIGTERM came after the run had finished; the test did not interrupt it"; fi

if [ -n "$MPIRUN" ]; then
  # Stopped under 3 ranks, resumed under 2, and stopped single-process, resumed under 3.
  rm -f "$ck"
  AEL_TEST_STOP_AFTER_ITEMS=3 launch 3 "${MC[@]}" --threads 1 --checkpoint "$ck" >/dev/null 2>&1
  launch 2 "${MC[@]}" --threads 2 --checkpoint "$ck" >"$work/out" 2>/dev/null
  same "stopped under 3 ranks, resumed under 2" <(strip "$work/ref") <(strip "$work/out")
  rm -f "$ck"
  "$AEL" "${PT[@]}" --checkpoint "$ck" >"$work/pt_ref" 2>/dev/null
  rm -f "$ck"
  AEL_TEST_STOP_AFTER_ITEMS=2 "$AEL" "${PT[@]}" --checkpoint "$ck" >/dev/null 2>&1
  launch 3 "${PT[@]}" --checkpoint "$ck" >"$work/out" 2>/dev/null
  same "phase-transition stopped single-process, resumed under 3 ranks" "$work/pt_ref" "$work/out"
fi

# 4. Refused checkpoints and failing items: exit 2, one line, nothing on stdout, the file untouched.
# rejects N PATTERN ARGS...: under N ranks (0: plain).
rejects() {
  local n="$1" pattern="$2"
  shift 2
  launch "$n" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  local lines
  lines=$(grep -c 'aelandscape: error' "$work/err")
  if [ "$code" = 2 ] && [ "$lines" = 1 ] && [ ! -s "$work/out" ] && grep -q -- "$pattern" "$work/err"; then pass "refused ($pattern), $n ranks"
  else fail "'$*' under $n ranks: exit $code, $lines error lines, stdout $(wc -c <"$work/out") bytes: $(head -c 300 "$work/err")"; fi
}
cp "$ck" "$work/ck_before"
ranks=(0)
[ -n "$MPIRUN" ] && ranks+=(2)
for n in "${ranks[@]}"; do
  rm -f "$ck"
  "$AEL" "${MC[@]}" --threads 2 --checkpoint "$ck" >/dev/null 2>&1
  cp "$ck" "$work/ck_before"
  rejects "$n" "\-\-seed is 5 here, (default) in the checkpoint" "${MC[@]}" --seed 5 --checkpoint "$ck"
  rejects "$n" "\-\-samples is 40000 here, 30000 in the checkpoint" sparse monte-carlo --n 16 --k 2 --eps-frac 0.5 --samples 40000 --checkpoint "$ck"
  rejects "$n" "written by 'aelandscape sparse monte-carlo', not by 'aelandscape sparse sweep-h'" "${SW[@]}" --checkpoint "$ck"
  same "refused checkpoint left unchanged ($n ranks)" "$work/ck_before" "$ck"
  echo "my notes" >"$work/notes"
  rejects "$n" "not an aelandscape checkpoint" "${SW[@]}" --checkpoint "$work/notes"
  [ "$(cat "$work/notes")" = "my notes" ] && pass "a file that is not a checkpoint is not overwritten" || fail "notes overwritten"
  # A damaged line in the middle (not a torn tail) is refused.
  line=$(grep -n '^item ' "$ck" | sed -n 3p | cut -d: -f1)
  sed "${line}s/^item \([0-9]*\) ./item \1 z/" "$ck" >"$work/ck_bad"
  rejects "$n" "line $line is damaged" "${MC[@]}" --checkpoint "$work/ck_bad"
  # An item that fails on whichever rank runs it ends every rank with its one line.
  AEL_TEST_FAIL_ITEM=7 rejects "$n" "work item 7 failed" "${MC[@]}" --threads 2
done

# 5. `paper` spreads its sections over the ranks (docs/mpi.md, "paper"): every file of the output
#    directory (tables, data, gnuplot scripts, main.tex, manifest.json) is byte-identical to the plain
#    run's; the sub-runs are plain processes (they would fail to join the job).
if [ -n "$MPIRUN" ]; then
  "$AEL" paper all --quick --no-figures --out "$work/paper_all0" >/dev/null 2>&1
  if launch 2 paper all --quick --no-figures --out "$work/paper_all2" >"$work/paper2.out" 2>"$work/paper2.err"; then
    pass "paper all under 2 ranks: exit 0"
  else
    fail "paper all under 2 ranks: $(head -3 "$work/paper2.err")"
  fi
  if diff -r "$work/paper_all0" "$work/paper_all2" >"$work/paper.diff"; then
    pass "paper all: 2 ranks write the same bytes as the plain run (every file)"
  else
    fail "paper all under 2 ranks differs: $(head -5 "$work/paper.diff")"
  fi
  [ ! -s "$work/paper2.out" ] && pass "paper under 2 ranks: nothing on stdout" || fail "paper under 2 ranks printed on stdout"
  "$AEL" paper oftadeh2020 --quick --no-figures --out "$work/paper0" >/dev/null 2>&1
  for n in 1 3; do
    launch "$n" paper oftadeh2020 --quick --no-figures --out "$work/paper$n" >/dev/null 2>&1
    if diff -r "$work/paper0" "$work/paper$n" >"$work/paper.diff"; then
      pass "paper oftadeh2020 under $n rank(s): the same bytes as the plain run"
    else
      fail "paper oftadeh2020 under $n rank(s) differs: $(head -5 "$work/paper.diff")"
    fi
  done
  # A refused --out ends every rank: exit 2, one error line, nothing on stdout.
  rejects 2 "is not empty" paper oftadeh2020 --quick --no-figures --out "$work/paper0"
fi

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
