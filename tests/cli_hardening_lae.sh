#!/usr/bin/env bash
# Regression tests for issue #14 (hardening), the `lae` commands: each block
# failed before its fix. Usage: cli_hardening_lae.sh AELANDSCAPE
set -u
AEL="$1"
source "$(dirname "$0")/cli_lib.sh"
# Bad input: exit 2, one line on stderr, nothing on stdout.
# Like bad, and the error names the given text.
bad_says() {
  local text="$1"
  shift
  bad "$@"
  grep -q -- "$text" "$work/err" || fail "error for '$*' does not mention '$text': $(cat "$work/err")"
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }

# --- item 17: stdout write errors are exit 2 ---------------------------------------------------
if [ -w /dev/full ]; then
  "$AEL" lae spectrum --p 2 >/dev/full 2>"$work/err"
  code=$?
  [ "$code" -eq 2 ] && grep -q "standard output" "$work/err" && pass "stdout to /dev/full: exit 2" || fail "stdout to /dev/full: exit $code"
fi

# --- item 18: outputs checked before computing, written whole or not at all, -o - is stdout -------
mkdir -p "$work/o18"
bad_says "--output" lae train --n 4 --p 2 --save-decoder "$work/o18/A.npy" -o /proc/x.json
[ ! -e "$work/o18/A.npy" ] && pass "train: no A.npy left when -o is unwritable" || fail "train left A.npy"
bad_says "--save-encoder" lae train --n 4 --p 2 --save-encoder "$work/missing/B.csv"
bad_says "--log" lae train --n 4 --p 2 --log "$work/missing/trace.csv"
bad_says "--output" lae spectrum --p 2 -o "$work/missing/s.json"
bad_says "--output" lae landscape --n 4 --p 2 -o "$work"
"$AEL" lae train --n 4 --p 2 --lr 10 --log "$work/o18/diverged_trace.csv" --save-decoder "$work/o18/d.csv" >/dev/null 2>&1
[ ! -e "$work/o18/diverged_trace.csv" ] && [ ! -e "$work/o18/d.csv" ] && pass "diverged train leaves no trace and no weights" \
  || fail "diverged train left partial outputs"
"$AEL" lae spectrum --p 2 -o - >"$work/o18/dash.json" 2>/dev/null && json "$work/o18/dash.json" "assert d['command']=='lae spectrum'" \
  && [ ! -e ./- ] && pass "-o - writes to stdout" || fail "-o - is not stdout"
"$AEL" lae train --n 4 --p 2 --loss both --save-decoder "$work/o18/A.npy" --save-encoder "$work/o18/B.csv" \
  --log "$work/o18/t.csv" -o "$work/o18/t.json" 2>/dev/null \
  && [ -s "$work/o18/A.ordered.npy" ] && [ -s "$work/o18/B.mse.csv" ] && [ -s "$work/o18/t.csv" ] && json "$work/o18/t.json" "assert 'ordered' in d" \
  && [ -z "$(ls -A "$work/o18" | grep '\.tmp\.')" ] && pass "train writes every output, no temporary files left" \
  || fail "train outputs: $(ls -A "$work/o18")"

# --- items 1-3, 8: inspect on the exact ordered minimum of digits (p = 8) built from numpy's eigenvectors ---
# An independent route to U (LAPACK through numpy), then swapped / zeroed / rescaled / all-zero weights.
# Expected inertias: closed forms of docs/lae-math.md §8 and §10.1; the numeric inertia must agree.
NUMPY_PY=/usr/bin/python3
if "$NUMPY_PY" -c "import numpy" 2>/dev/null; then
  data_file="$(dirname "$0")/../data/digits.csv.gz"
  "$NUMPY_PY" - "$data_file" "$work" <<'PY'
import sys, gzip, numpy as np
X = np.loadtxt(gzip.open(sys.argv[1], "rt"), delimiter=",")[:, :-1]
X = X - X.mean(axis=0)
X = X[:, np.any(X != X[0], axis=0)]
lam, U = np.linalg.eigh(X.T @ X)
U = U[:, ::-1][:, :8]
w = sys.argv[2]
def save(name, A, B):
    np.savetxt(f"{w}/{name}_A.csv", A, delimiter=",", fmt="%.17g")
    np.savetxt(f"{w}/{name}_B.csv", B, delimiter=",", fmt="%.17g")
A, B = U.copy(), U.T.copy()
save("min", A, B)
As, Bs = A.copy(), B.copy(); As[:, [0, 1]] = As[:, [1, 0]]; Bs[[0, 1], :] = Bs[[1, 0], :]
save("swap", As, Bs)
Az, Bz = A.copy(), B.copy(); Az[:, 7] = 0; Bz[7, :] = 0
save("zero8", Az, Bz)
Ar, Br = A.copy(), B.copy(); Ar[:, 3] *= 1000; Br[3, :] /= 1000
save("rescaled", Ar, Br)
save("origin", 0 * A, 0 * B)
with open(f"{w}/hdr_A.csv", "w") as f:  # item 7: a header line
    f.write(",".join(f"u{k}" for k in range(8)) + "\n")
    np.savetxt(f, A, delimiter=",", fmt="%.17g")
PY
  insp() { "$AEL" lae inspect --data digits --center --drop-constant --decoder "$work/$1_A.csv" --encoder "$work/$1_B.csv" "${@:2}"; }
  check_inspect() {  # name, python assertions on d (the document)
    local name="$1" asserts="$2"
    shift 2
    if insp "$name" --numeric "$@" >"$work/$name.json" 2>"$work/err" && json "$work/$name.json" "$asserts"; then
      pass "inspect $name"
    else
      fail "inspect $name: $(head -c 400 "$work/err")"
    fi
  }
  agree="o=d['ordered']; assert o['inertia']==o['numeric_inertia'], (o['inertia'], o['numeric_inertia']); assert o['inertia_check'].startswith('numeric and closed-form inertias agree')"
  check_inspect min "$agree; assert d['verdict']=='global minimum'; assert o['inertia']=={'negative':0,'zero':8,'positive':968}; assert o['nearest_critical_point']['index']==list(range(1,9))"
  # item 1: the -13545 eigenvalue of the swap was hidden by the old band sqrt(tol) max|mu|.
  check_inspect swap "$agree; assert d['verdict']=='saddle' and d['saddle_index']==1; assert o['numeric_inertia']=={'negative':1,'zero':8,'positive':967}; assert 'numerically' in o['saddle_index_evidence']; assert d['mse']['verdict']=='global minimum' and d['mse']['numeric_inertia']==d['mse']['inertia']"
  # items 2-4: live units keep their indices, the dead unit's index is null, the exact index is 54, no NaN.
  check_inspect zero8 "$agree; ncp=o['nearest_critical_point']; assert ncp['index']==[1,2,3,4,5,6,7,None], ncp['index']; assert ncp['scales'][7] is None and all(abs(abs(float(c))-1)<1e-9 for c in ncp['scales'][:7]); assert d['saddle_index']==54 and o['saddle_index_evidence'].startswith('closed-form') and o['saddle_index_lower_bound']==54; assert o['abs_cos_columns_vs_eigenvectors'][7] is None"
  # item 8: rescaling a unit changes nothing.
  check_inspect rescaled "$agree; assert d['verdict']=='global minimum', d['verdict']; assert float(o['relative_gradient_norm'])<1e-9; assert o['nearest_critical_point']['index']==list(range(1,9))"
  # items 3, 4, 15: all-zero weights are the origin, index np = 488, and no nan in the JSON.
  check_inspect origin "$agree; assert d['saddle_index']==488 and o['inertia']=={'negative':488,'zero':0,'positive':488}; assert d['mse']['saddle_index']==488; assert d['mse']['subspace_distance'] is None"
  grep -qi "nan\|inf\"" "$work/origin.json" && fail "origin JSON holds nan/inf" || pass "origin JSON has no nan/inf"
  # item 5: optimal loss and gap.
  json "$work/min.json" "o=d['ordered']; L=float(o['loss']); Ls=float(o['optimal_loss']); assert abs(L-Ls)<=1e-9*Ls and abs(float(o['loss_gap']))<=1e-9*Ls" \
    && json "$work/swap.json" "o=d['ordered']; assert float(o['loss_gap'])>0 and float(o['relative_loss_gap'])>0" \
    && pass "inspect reports optimal_loss and loss_gap" || fail "inspect optimal_loss/loss_gap"
  # item 9: --loss both gives both verdicts and says which is top level; the sign convention is exported.
  json "$work/swap.json" "assert d['verdicts']=={'ordered':'saddle','mse':'global minimum'} and 'ordered' in d['verdict_note'] and 'positive' in d['eigenvector_convention']" \
    && pass "inspect --loss both: both verdicts, sign convention" || fail "inspect verdicts/sign convention"
  # item 6: uncentred data and weights trained on centred data: the hint names --center.
  "$AEL" lae inspect --data digits --drop-constant --decoder "$work/min_A.csv" --encoder "$work/min_B.csv" >"$work/nc.json" 2>/dev/null \
    && json "$work/nc.json" "assert d['verdict']=='not critical' and '--center' in d['ordered']['detail']" \
    && pass "inspect: not critical on uncentred data suggests --center" || fail "inspect --center hint"
  # item 7: --skip-header applies to --decoder/--encoder.
  { echo "header"; cat "$work/min_B.csv"; } >"$work/hdr_B.csv"
  "$AEL" lae inspect --data digits --center --drop-constant --skip-header --decoder "$work/hdr_A.csv" --encoder "$work/hdr_B.csv" >/dev/null 2>"$work/err" \
    && pass "--skip-header applies to the decoder CSV" || fail "--skip-header on --decoder: $(cat "$work/err")"
else
  echo "skip: numpy (Debian python3-numpy) not available for the inspect weights"
fi

# --- item 4: a loss that overflows double is an error pointing to --multiprecision ----------------
printf '1e200,0\n0,1e200\n' >"$work/big_A.csv"
printf '1e200,0\n0,1e200\n' >"$work/big_B.csv"
bad_says "multiprecision" lae inspect --n 2 --m 5 --decoder "$work/big_A.csv" --encoder "$work/big_B.csv"

# --- item 10: the tuple count overflowed 64 bits and the enumeration hung ---------------------------
timeout 20 "$AEL" lae landscape --n 21 --m 21 --p 21 --loss ordered --digits 16 >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] && grep -q "51090942171709440000" "$work/err" && pass "landscape n = p = 21 refused with the true count 21!" \
  || fail "landscape n = p = 21: exit $code, $(cat "$work/err")"
bad_says "129260083694424883200000" lae landscape --n 25 --m 25 --p 20 --loss ordered

# --- item 12: data of scale 1e-200 do not "converge" at iteration 0 ------------------------------
"$AEL" lae train --spectrum 6e-200,5e-200,4e-200,3e-200,2e-200,1e-200 --p 2 >"$work/tiny.json" 2>/dev/null \
  && json "$work/tiny.json" "o=d['ordered']; assert o['iterations']>0; assert (not o['converged']) or float(o['relative_gap'])<1e-6, o" \
  && pass "train on 1e-200 data: no false convergence" || fail "train on 1e-200 data: $(head -c 300 "$work/tiny.json")"

# --- item 15: inf/nan in outputs with exit 0 ------------------------------------------------------
"$AEL" lae train --spectrum 6e300,5e300,4e300,3e300,2e300,1e300 --p 2 >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] && [ ! -s "$work/out" ] && grep -q "scale" "$work/err" && pass "train on 6e300 data refused" || fail "train on 6e300: exit $code"

# --- item 16: NaN and 0 are not values ------------------------------------------------------------
bad_says "--lr" lae train --n 4 --p 2 --lr nan
bad_says "--lr" lae train --n 4 --p 2 --lr 0
bad_says "--tol" lae train --n 4 --p 2 --tol nan
bad_says "--init-scale" lae train --n 4 --p 2 --init-scale nan
bad_says "--tol" lae inspect --n 4 --decoder "$work/big_A.csv" --encoder "$work/big_B.csv" --tol nan
bad_says "--tol" lae inspect --n 4 --decoder "$work/big_A.csv" --encoder "$work/big_B.csv" --tol inf

# --- item 20: memory estimated up front ------------------------------------------------------------
timeout 20 "$AEL" lae spectrum --m 100000000 >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] && grep -q "GB" "$work/err" && pass "spectrum --m 1e8 refused with a size" || fail "spectrum --m 1e8: exit $code, $(head -c 300 "$work/err")"
bad_says "GB" lae spectrum --n 200 --m 200 --p 200 --method numeric --digits 16

# --- item 21: progress on long runs ---------------------------------------------------------------
"$AEL" lae landscape --n 100 --m 100 --p 1 --loss mse --digits 16 >/dev/null 2>"$work/err" \
  && grep -q "eigendecomposition" "$work/err" && pass "landscape n = 100 announces its slow stage" || fail "no progress line"

# --- item 22: smaller ones ------------------------------------------------------------------------
bad_says "--momentum" lae train --n 4 --p 2 --optimizer momentum --momentum 1
bad_says "--momentum" lae train --n 4 --p 2 --optimizer momentum --momentum -0.1
bad_says "--momentum" lae train --n 4 --p 2 --momentum 0.5
bad_says "--batch-size" lae train --n 4 --p 2 --batch-size 0 --optimizer sgd
bad_says "--batch-size" lae train --n 4 --p 2 --batch-size 16
bad_says "--log-every" lae train --n 4 --p 2 --log-every 5
bad_says "--seed" lae spectrum --seed -1
bad_says "--seed" lae train --n 4 --p 2 --seed -1
bad_says "comma" lae spectrum --p 2 --scales 1.5,-0.75,
bad_says "ill-conditioned" lae spectrum --p 2 --scales 1e40,1 --digits 16
bad_says "--point origin" lae spectrum --p 2 --point origin --index 2,1
bad_says "--max-points" lae landscape --n 4 --p 2 --max-points 0
# Issue 11: validators name the option and the allowed values; --help shows defaults and ranges.
bad_says "--optimizer: 'newton' is not one of {gd,momentum,adam,sgd}" lae train --n 4 --p 2 --optimizer newton
bad_says "--loss: cubic not in" lae landscape --n 4 --p 2 --loss cubic
bad_says "--momentum: must be a finite number in \\[0, 1) (got 1)" lae train --n 4 --p 2 --optimizer momentum --momentum 1
bad_says "--iters: must be an integer" lae train --n 4 --p 2 --iters 1e3
bad_says "--p: must be an integer in \\[1, 100000\\] (got '0')" lae landscape --n 4 --p 0
"$AEL" lae train --help >"$work/out" 2>&1 && grep -q -- "--momentum FLOAT:\[0, 1)=0.9" "$work/out" \
  && grep -q -- "--optimizer ENUM:{gd,momentum,adam,sgd}=gd" "$work/out" && pass "lae train --help shows defaults and ranges" \
  || fail "lae train --help: $(head -c 300 "$work/out")"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
