#!/usr/bin/env bash
# Certified vs uncertified `lae spectrum` on the digits data, p = 8, 30 digits,
# measured side by side in one run (target: certified <= 10x uncertified), then
# `lae inspect` (double, MPFR at 30 digits, --certify at 30 digits) on weights that
# `lae train` writes for the same data.
# CPU time (user + sys) of the process, best of N runs: wall time is meaningless
# on a shared machine. Usage: bench/bench_certify.sh build/aelandscape [repeats]
set -eu
AEL="$1"
reps="${2:-3}"
args=(lae spectrum --data digits --center --drop-constant --p 8 --loss ordered --index 2,1,3,4,5,6,7,8 --digits 30)
best() {  # best CPU seconds of $reps runs
  local b=1000000 t
  for _ in $(seq "$reps"); do
    t=$( { /usr/bin/time -f "%U %S" "$AEL" "$@" >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
    b=$(echo "$t $b" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$b"
}
plain=$(best "${args[@]}")
cert=$(best "${args[@]}" --certify)
printf 'uncertified %.2f s, certified %.2f s CPU, ratio %.2f (target <= 10)\n' "$plain" "$cert" "$(echo "$cert $plain" | awk '{print $1 / $2}')"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=(--data digits --center --drop-constant)
"$AEL" lae train "${data[@]}" --p 8 --loss ordered --iters 20000 --save-decoder "$work/A.npy" --save-encoder "$work/B.npy" >/dev/null 2>&1
inspect=(lae inspect "${data[@]}" --decoder "$work/A.npy" --encoder "$work/B.npy" --loss ordered)
double=$(best "${inspect[@]}")
mpfr=$(best "${inspect[@]}" --multiprecision --digits 30)
icert=$(best "${inspect[@]}" --certify --digits 30)
printf 'lae inspect: double %.2f s, MPFR 30 digits %.2f s, --certify %.2f s CPU (ratio to MPFR %.2f)\n' "$double" "$mpfr" "$icert" \
  "$(echo "$icert $mpfr" | awk '{print $1 / $2}')"
