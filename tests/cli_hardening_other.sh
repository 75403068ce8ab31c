#!/usr/bin/env bash
# Regression tests of issue #14 for the sparse, sign and verify commands: each
# block names its item and failed before the fix. Usage: cli_hardening_other.sh AELANDSCAPE
set -u
AEL="$1"
source "$(dirname "$0")/cli_lib.sh"
export OPENBLAS_NUM_THREADS=1

# rejects KIND PATTERN ARGS...: nothing on stdout and stderr matching PATTERN; KIND "bad" also needs
# exit 2 and one stderr line; KIND "refused" (by the option parser, whose own exit codes are issue #11)
# needs an exit code that is neither 0 nor a crash (>= 128).
rejects() {
  local kind="$1" pattern="$2" ok=0
  shift 2
  "$AEL" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$kind" = bad ]; then
    [ "$code" -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && ok=1
  else
    [ "$code" -ne 0 ] && [ "$code" -lt 128 ] && ok=1
  fi
  if [ "$ok" -eq 1 ] && [ ! -s "$work/out" ] && grep -q -- "$pattern" "$work/err"; then
    pass "$kind ($pattern): $*"
  else
    fail "'$*' gave exit $code, stdout $(wc -c <"$work/out") bytes, stderr: $(head -c 300 "$work/err")"
  fi
}
bad() { rejects bad "$@"; }
refused() { rejects refused "$@"; }
# Exit 0 and a JSON document on stdout for which the Python expression holds (d = the document),
# with no "inf"/"nan" string or float anywhere in it.
good() {
  local expr="$1"
  shift
  "$AEL" "$@" --format json >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" -eq 0 ] && python3 - "$work/out" "$expr" <<'PY'; then pass "$expr: $*"; else fail "'$*' (exit $code): $expr; stderr: $(tail -c 300 "$work/err")"; fi
import json, math, sys
d = json.load(open(sys.argv[1]))
def finite(x):
    if isinstance(x, dict): return all(finite(v) for v in x.values())
    if isinstance(x, list): return all(finite(v) for v in x)
    if isinstance(x, float): return math.isfinite(x)
    if isinstance(x, str): return x.lower().lstrip("+-") not in ("inf", "nan", "infinity")
    return True
assert finite(d), "non-finite value in the output"
assert eval(sys.argv[2]), sys.argv[2]
PY
}

SPARSE="--n 16 --k 2"

# 11. Thread caps, and a thread that cannot start is exit 2, not an abort.
bad "between 1 and 256" sign train --d 10 --rate 0.5 --steps 2 --threads 1000
bad "between 1 and 256" sign simulate-decoder --rate 0.5 --p 0.2 --d 50 --signals 4 --threads 1000
bad "between 1 and 256" sparse monte-carlo $SPARSE --eps-frac 0.5 --samples 1000 --threads 300
bad "between 1 and 256" sign phase-transition --nonzero gaussian --d 10 --p-grid 0.5 --gd --steps 1 --threads 257
# 1 GB thread stacks under a 3 GB address space: the third thread cannot be mapped
# (not under ASan, whose shadow memory needs an unlimited address space).
if [ -n "${ASAN_OPTIONS:-}" ]; then pass "failed thread start: skipped under ASan"; else
(ulimit -s 1000000 && ulimit -v 3000000 && exec "$AEL" sparse monte-carlo $SPARSE --eps-frac 0.5 --samples 100000 --threads 32 --quiet) \
  >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] && [ ! -s "$work/out" ] && grep -q "cannot start 32 threads" "$work/err" \
  && pass "failed thread start: exit 2 'cannot start 32 threads'" || fail "failed thread start: exit $code, $(head -c 300 "$work/err")"
fi

# 13. Divergence is an error, not a result with risk 8e222.
refused "training diverged" sign train --data gaussian --d 10 --rate 0.5 --eta 1e6 --steps 20
refused "training diverged" sign train --data bg --p 0.5 --d 10 --rate 0.5 --eta 1e6 --steps 20 --test-samples 100

# 14. One value of h: no fitted slope.
good "d['fit']['slope_grad_norm_row0'] is None and d['fit']['slope_certified_bound'] is None" \
  sparse sweep-h --h-min 128 --h-max 128 --arithmetic double
good "d['fit']['slope_grad_norm_row0'] is not None" sparse sweep-h --h-min 128 --h-max 256 --arithmetic double

# 15. No inf/nan printed with exit 0: an overflow or an undefined statistic is an error naming it.
bad "t0" sparse landscape $SPARSE --t0 inf
refused "not finite" sparse expected-gradient $SPARSE --values 1e200 --arithmetic double --eps-frac 0.5
refused "not finite" sign simulate-decoder --rate 0.5 --p 0.2 --d 4 --signals 4

# 16. NaN and out-of-range values named.
bad "\-\-p: must be a finite number in \[0, 1) (got nan)" sparse sweep-h --h-min 16 --h-max 32 --p nan
bad "\-\-nu: must be a finite number >= 0 (got nan)" sparse sweep-h --h-min 16 --h-max 32 --nu nan
bad "\-\-tolerance: must be" sparse train $SPARSE --tolerance nan --epochs 1 --steps 1
bad "\-\-tolerance: must be" sparse train $SPARSE --tolerance -1 --epochs 1 --steps 1
bad "\-\-lr: must be" sparse train $SPARSE --lr inf --epochs 1 --steps 1
bad "\-\-d0: must be" sparse train $SPARSE --d0 nan --epochs 1 --steps 1

# 18. Output paths checked before any work: no file left behind.
printf '1,0,0\n0,1,0\n' >"$work/enc.csv"
bad "/proc/x.json" sign risk --encoder "$work/enc.csv" --decoder-out "$work/A.csv" -o /proc/x.json
[ ! -e "$work/A.csv" ] && pass "sign risk left no decoder file" || fail "sign risk left $work/A.csv"
bad "no/such/dir" sparse expected-gradient $SPARSE --eps-frac 0.5 --all-rows --out "$work/G.csv" -o "$work/no/such/dir/x.json"
[ ! -e "$work/G.csv" ] && pass "expected-gradient left no matrix file" || fail "expected-gradient left $work/G.csv"
bad "no/such/dir" sign train --d 10 --rate 0.5 --steps 2 --save-decoder "$work/A2.csv" -o "$work/no/such/dir/x.json"
[ ! -e "$work/A2.csv" ] && pass "sign train left no decoder file" || fail "sign train left $work/A2.csv"
bad "is a directory" sign tight-frame --rate 2 --d 4 --save-encoder "$work"
start=$(date +%s)
bad "/proc/x.json" verify --only LAE -o /proc/x.json
grep -q "\[1/" "$work/err" && fail "verify ran checks before refusing -o" || pass "verify refuses -o before running (in $(($(date +%s) - start)) s)"

# 19. --eps is usable where --eps-frac has a default.
good "abs(float(d['instance']['eps']) - 0.3) < 1e-12" sparse train $SPARSE --eps 0.3 --epochs 1 --steps 1 --batch 8
good "d['summary']['directions'] == 1" sparse landscape $SPARSE --eps 0.3 --directions 1 --points 5
refused "delta" sparse train $SPARSE --delta 0.1 --epochs 1 --steps 1
refused "weights-file" sparse landscape $SPARSE --weights-file "$work/enc.csv"

# 20. Memory estimated up front: refused with the size, not a bare std::bad_alloc.
bad "needs at least" sparse monte-carlo $SPARSE --eps-frac 0.5 --samples 2000000000000
bad "needs at least" sign tight-frame --rate 2 --d 100000
bad "needs at least" sparse sweep-h --h-max 1073741824

# 21. Progress: a large encoder prints its stages.
python3 -c "
import math
n = d = 100
rows = [[math.sin(1.0 + 0.37 * i * j + 0.11 * j) for j in range(d)] for i in range(n)]
open('$work/big.csv', 'w').write(''.join(','.join('%.6f' % x for x in r) + '\n' for r in rows))"
"$AEL" sign risk --encoder "$work/big.csv" --digits 16 >"$work/out" 2>"$work/err" && grep -q "sign risk: .*Cholesky" "$work/err" \
  && pass "sign risk reports its stages" || fail "sign risk progress: $(head -c 300 "$work/err")"

# 22. Seeds, option names, decimal strings, conflicting options, verify --only.
refused "seed" sparse expected-gradient $SPARSE --eps-frac 0.5 --seed -1
refused "seed" sparse sweep-h --h-min 16 --h-max 16 --seed -1
refused "seed" verify --only LAE-1 --seed -1
bad "\-\-batch" sparse train $SPARSE --batch 0
bad "in \[1, 100000000\]" sign identity-risk --rate 0.5 --d 200000000 --p 0.5
bad "\-\-points" sparse landscape $SPARSE --points 2
good "d['risk'] == '%.5g' % float(d['risk']) and len(d['risk'].replace('0.', '').lstrip('0')) <= 5 and isinstance(d['rate'], str)" \
  sign tight-frame --rate 2 --d 10 --digits 5
bad "digits" sign tight-frame --rate 2 --d 4 --digits 30
refused "excludes" sparse expected-gradient $SPARSE --eps-frac 0.5 --dictionary gaussian --h 40 --dictionary-file "$work/enc.csv"
refused "excludes" sparse expected-gradient $SPARSE --eps-frac 0.5 --weights-file "$work/enc.csv" --delta 0.1
refused "requires" sign phase-transition --nonzero gaussian --d 10 --p-grid 0.5 --steps 10
bad "twice" sparse expected-gradient $SPARSE --eps-frac 0.5 --row 0,0
bad "comma" sparse expected-gradient $SPARSE --eps-frac 0.5 --row 0,
good "[c['id'] for c in d['claims']] == ['LAE-1']" verify --only LAE-1
bad "no claim matches" verify --only LAE-1000

# Issue 11: options declared with CLI11 validators: a wrong value is refused by the parser, naming
# the option and the allowed values (exit 2, one line); --help shows every default and range.
bad "\-\-nonzero: 'cauchy' is not one of {gaussian,rademacher,uniform,laplace}" \
  sign identity-risk --rate 0.5 --d 10 --p 0.3 --nonzero cauchy
bad "\-\-sign0: 'minus' is not one of" sign critical-sparsity --nonzero gaussian --sign0 minus
bad "\-\-sign0: '1' is not one of" sign critical-sparsity --nonzero gaussian --sign0 1
bad "\-\-rate: must be a decimal number in (0, 1\] (got 2)" sign state-evolution --rate 2 --p 0.1
bad "\-\-p: must be a decimal number in (0, 1\] (got 0)" sign identity-risk --rate 0.5 --d 10 --p 0
bad "\-\-rate: 'abc' is not a finite decimal number" sign identity-risk --rate abc --d 10 --p 0.3
bad "\-\-start: warm not in" sign state-evolution --rate 0.5 --p 0.1 --start warm
bad "\-\-layers: must be an integer in \[0, 100000000\] (got '2.5')" sign state-evolution --rate 0.5 --p 0.1 --layers 2.5
bad "\-\-rate: must be a decimal number >= 1 (got 0.5)" sign tight-frame --rate 0.5 --d 4
bad "\-\-digits: must be an integer in \[1, 17\] (got '30')" sign tight-frame --rate 2 --d 4 --digits 30
bad "\-\-digits: must be an integer in \[16, 1000\] (got '5')" sign identity-risk --rate 0.5 --d 10 --p 0.3 --digits 5
bad "\-\-format: xml not in" sign risk --encoder "$work/enc.csv" --format xml
bad "\-\-seed: must be a non-negative integer below 10^19 (got '-1')" sign tight-frame --rate 2 --d 4 --seed -1
bad "\-\-lr-grid: must be a finite number > 0 (got -1)" sparse train $SPARSE --epochs 1 --steps 1 --lr-grid 0.1,-1
bad "\-\-points: must be an integer in \[5," sparse landscape $SPARSE --points 4
bad "\-\-t0: must be a finite number > 0 (got 0)" sparse landscape $SPARSE --t0 0
# The library names its parameter (threads); the command line prints the flag.
bad "\-\-threads must be between 1 and 256 (got 1000)" sign train --d 10 --rate 0.5 --steps 2 --threads 1000
# A comma list with an empty entry is refused, never shortened.
bad "\-\-p-grid: has an empty entry" sign phase-transition --nonzero gaussian --d 10 --p-grid 0.5,,0.7
bad "\-\-p-grid: has an empty entry" sign phase-transition --nonzero gaussian --d 10 --p-grid 0.5,
bad "\-\-p-grid: must be a decimal number in (0, 1\] (got 1.5)" sign phase-transition --nonzero gaussian --d 10 --p-grid 0.5,1.5
# The runner's metadata (cli/runner.hpp): "meta" is the last key, in the arithmetic the options
# chose, with a command's own meta entries after the common ones.
good "list(d)[-1] == 'meta' and list(d['meta'])[-1] == 'threads' and d['meta']['scalar'] == 'double'" \
  sparse monte-carlo $SPARSE --eps-frac 0.5 --samples 1000 --quiet
good "d['meta']['scalar'].startswith('rational') and 'working_bits' not in d['meta']" \
  sparse expected-gradient $SPARSE --eps-frac 0.5 --arithmetic rational
good "d['meta']['scalar'] == 'double' and d['meta']['seed'] == '3'" sparse sweep-h --h-min 32 --h-max 32 --arithmetic double --seed 3
good "d['meta']['scalar'] == 'mpfr' and d['meta']['digits'] == 20 and d['meta']['seed'] is None" \
  sign phase-transition --nonzero rademacher --d 10 --p-grid 0.5 --digits 20
helps() {
  local pattern="$1"
  shift
  "$AEL" "$@" --help >"$work/out" 2>"$work/err" && grep -q -- "$pattern" "$work/out" && pass "help shows '$pattern': $*" \
    || fail "help of '$*' lacks '$pattern'"
}
helps "\-\-nonzero ENUM:{gaussian,rademacher,uniform,laplace}=gaussian" sign identity-risk
helps "\-\-rate TEXT:DECIMAL (0, 1\] REQUIRED" sign state-evolution
helps "\-\-layers INT:\[0, 100000000\]=0" sign state-evolution
helps "\-\-digits INT:\[1, 17\]=17" sign tight-frame
helps "\-\-tolerance FLOAT:(0, inf)=0.1" sparse train
helps "\-\-t0 FLOAT:(0, inf)=0.05" sparse landscape
good "d['grid'][0]['lr'] == '0.001' and len(d['grid']) == 5" sparse train $SPARSE --epochs 1 --steps 1 --batch 8 --lr-grid
good "[r['lr'] for r in d['grid']] == ['0.002', '0.02']" sparse train $SPARSE --epochs 1 --steps 1 --batch 8 --lr-grid 0.002,0.02

echo "$fails failed"
[ "$fails" -eq 0 ]
