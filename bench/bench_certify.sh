#!/usr/bin/env bash
# Certified vs uncertified `lae spectrum` on the digits data, p = 8, 30 digits,
# measured side by side in one run (target: certified <= 10x uncertified).
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
