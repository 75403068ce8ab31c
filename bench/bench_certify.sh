#!/usr/bin/env bash
# Certified vs uncertified `lae spectrum` on the digits data, p = 8, 30 digits,
# measured side by side in one run (target: certified <= 10x uncertified).
# Usage: bench/bench_certify.sh build/aelandscape [repeats]
set -eu
AEL="$1"
reps="${2:-3}"
args=(lae spectrum --data digits --center --drop-constant --p 8 --loss ordered --index 2,1,3,4,5,6,7,8 --digits 30)
best() {  # best wall time of $reps runs, seconds
  local b=1e9
  for _ in $(seq "$reps"); do
    local s e
    s=$(date +%s.%N); "$AEL" "$@" >/dev/null; e=$(date +%s.%N)
    b=$(echo "t = $e - $s; if (t < $b) t else $b" | bc -l)
  done
  echo "$b"
}
plain=$(best "${args[@]}")
cert=$(best "${args[@]}" --certify)
printf 'uncertified %.3f s, certified %.3f s, ratio %.2f (target <= 10)\n' "$plain" "$cert" "$(echo "$cert / $plain" | bc -l)"
