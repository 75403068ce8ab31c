#!/usr/bin/env bash
# Strong scaling of a sweep over MPI ranks (docs/mpi.md): the same sweep as a
# plain process, under `mpirun -n 1` and `mpirun -n 2`, one thread per rank,
# interleaved in one run. Prints wall time (best of N) and the CPU time (user +
# sys, ranks and launcher included) of that run, with the load average: on a
# shared machine wall time is only an upper bound of what the ranks need.
# Usage: bench/bench_mpi.sh build/aelandscape [repeats]
set -eu
AEL="$1"
reps="${2:-3}"
mpi=(mpirun --oversubscribe)
[ "$(id -u)" = 0 ] && mpi+=(--allow-run-as-root)
export OPENBLAS_NUM_THREADS=1
sweeps=(
  "sign phase-transition --nonzero gaussian --d 64 --p-grid 0.2,0.4,0.6,0.8 --gd --steps 300 --masks 16 --test-samples 20000"
  "sparse monte-carlo --n 64 --k 2 --eps-frac 0.5 --samples 400000 --quiet"
)
times=$(mktemp)
trap 'rm -f "$times"' EXIT
run() {  # prints "wall cpu" of one run
  /usr/bin/time -o "$times" -f "%e %U %S" "$@" >/dev/null 2>&1
  awk '{print $1, $2 + $3}' "$times"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for sweep in "${sweeps[@]}"; do
  read -r -a args <<<"$sweep"
  declare -A wall=() cpu=()
  for _ in $(seq "$reps"); do
    for mode in plain 1 2; do
      if [ "$mode" = plain ]; then r=$(run "$AEL" "${args[@]}"); else r=$(run "${mpi[@]}" -n "$mode" "$AEL" "${args[@]}"); fi
      w=${r% *} c=${r#* }
      if [ -z "${wall[$mode]:-}" ] || awk "BEGIN{exit !($w < ${wall[$mode]})}"; then wall[$mode]=$w cpu[$mode]=$c; fi
    done
  done
  echo "$sweep"
  printf '  plain %.2f s wall (%.2f s CPU); mpirun -n 1 %.2f s (%.2f); -n 2 %.2f s (%.2f); speed-up 1 -> 2 ranks %.2fx\n' \
    "${wall[plain]}" "${cpu[plain]}" "${wall[1]}" "${cpu[1]}" "${wall[2]}" "${cpu[2]}" "$(awk "BEGIN{print ${wall[1]} / ${wall[2]}}")"
  unset wall cpu
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
