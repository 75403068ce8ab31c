#!/usr/bin/env bash
# The levels of evidence of the sparse "certified" outputs (docs/sparse.md "Certified outputs"):
# proved-exact for a rational HAD run, proved-ball for irrational inputs (HAD n = 8, Gaussian
# columns), estimate (and not certified) when a ball straddles a window end; --certify
# (expected-gradient) and --require-recovery-proof (every instance command) refuse an unproved
# certificate with exit 2; --certify on a command without a certified route is refused;
# sweep-h labels its norms and slope (estimate) and --certify encloses them (proved-ball).
# Usage: cli_sparse_certified.sh AELANDSCAPE
set -u
AEL="$1"
PY=${PYTHON:-/usr/bin/python3}
source "$(dirname "$0")/cli_lib.sh"

check() {  # check NAME JSON-FILE PYTHON-ASSERTIONS (d is the document)
  "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); $3" "$2" && pass "$1" || fail "$1"
}

# 1. Rational HAD (n = 16 = 4^2): every decision exact.
"$AEL" sparse expected-gradient --n 16 --k 2 --eps-frac 0.5 --format json >"$work/r.json" 2>/dev/null || fail "rational run exit $?"
check "rational HAD: proved-exact" "$work/r.json" \
  "assert d['arithmetic']=='rational' and d['recovery_certified'] is True, d['certified_by']
assert d['evidence']=={'recovery_certified':'proved-exact','certified_bound':'proved-exact','within_certified_bound':'proved-exact'}, d['evidence']
assert d['instance']['recovery_evidence']=='proved-exact' and d['certified_bound']['evidence']=='proved-exact'"

# 2. HAD n = 8 (1/sqrt(8) irrational, MPFR): recovery proved by balls, the norm comparison an estimate.
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --format json >"$work/m.json" 2>/dev/null || fail "n=8 run exit $?"
check "HAD n=8: proved-ball" "$work/m.json" \
  "assert d['arithmetic']=='mpfr' and d['recovery_certified'] is True and d['certified_by']=='D1 window (Lemma D1)'
assert d['evidence']=={'recovery_certified':'proved-ball','certified_bound':'proved-ball','within_certified_bound':'estimate'}, d['evidence']
assert d['certified_bound']['valid'] is True and 'recovery_note' not in d"

# 2b. The same with --certify: the norms in balls around the exact instance, the comparison with
# Lemma D2 decided by balls (proved-ball); the balls contain the 60-digit MPFR value (another run).
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --row 0,8 --certify --format json >"$work/mcert.json" 2>/dev/null || fail "n=8 --certify exit $?"
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --row 0,8 --digits 60 --format json >"$work/m60.json" 2>/dev/null || fail "n=8 60 digits exit $?"
check "HAD n=8 --certify: within bound proved-ball, balls contain the 60-digit values" "$work/mcert.json" \
  "from fractions import Fraction as F
e=json.load(open(sys.argv[1].replace('mcert.json','m60.json')))
assert d['evidence']=={'recovery_certified':'proved-ball','certified_bound':'proved-ball','within_certified_bound':'proved-ball'}, d['evidence']
for r, r60 in zip(d['rows'], e['rows']):
  b=r['expected_gradient_norm_sq_ball']; assert abs(F(b['mid'])-F(r60['expected_gradient_norm_sq'])) <= F(b['rad']), (b, r60)
  assert F(b['rad']) < F('1e-30') and r['within_certified_bound'] is True
assert 'expected_gradient_norm_ball' in d"
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --row 0 --format json >"$work/m0.json" 2>/dev/null || fail "n=8 row 0 exit $?"
check "HAD n=8 without --certify: no balls, estimate" "$work/m0.json" \
  "assert 'expected_gradient_norm_sq_ball' not in d and d['evidence']['within_certified_bound']=='estimate'"

# 2c. --all-rows --certify: every row enclosed, the maximum's ball contains the largest 60-digit
# norm (per-row run); above the ball budget the document says so and the level stays estimate.
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --all-rows --certify --format json >"$work/acert.json" 2>/dev/null || fail "all-rows --certify exit $?"
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --row all --digits 60 --format json >"$work/a60.json" 2>/dev/null || fail "row all 60 digits exit $?"
check "--all-rows --certify: max ball contains the 60-digit maximum, proved-ball" "$work/acert.json" \
  "from fractions import Fraction as F
e=json.load(open(sys.argv[1].replace('acert.json','a60.json')))
top=max(F(r['expected_gradient_norm_sq']) for r in e['rows'])
b=d['max_norm_sq_ball']; assert abs(F(b['mid'])-top) <= F(b['rad']) and F(b['rad']) < F('1e-30'), (b, top)
assert d['evidence']['within_certified_bound']=='proved-ball' and d['max_norm_within_certified_bound'] is True"
"$AEL" sparse expected-gradient --n 512 --k 2 --eps-frac 0.01 --all-rows --certify --arithmetic double --format json >"$work/abig.json" 2>/dev/null || fail "all-rows n=512 exit $?"
check "--all-rows --certify above the ball budget: estimate, with the reason" "$work/abig.json" \
  "assert d['evidence']['within_certified_bound']=='estimate' and 'budget' in d['all_rows_ball_note'] and 'max_norm_sq_ball' not in d"

# 3. Gaussian columns, certificate (b): proved-ball.
"$AEL" sparse expected-gradient --dictionary gaussian --n 16 --h 24 --k 1 --seed 3 --window per-row --eps-frac 0.5 \
  --format json >"$work/g.json" 2>/dev/null || fail "gaussian run exit $?"
check "Gaussian per-row: proved-ball" "$work/g.json" \
  "assert d['recovery_certified'] is True and d['evidence']['recovery_certified']=='proved-ball', (d['certified_by'], d['evidence'])"

# 4. A threshold within 1e-90 of the irrational window end lo = 1.05/sqrt(8): its ball straddles lo.
lo=0.371231060122937450310443290105045745624538867286448869208878431222567275596303097698226727
"$AEL" sparse expected-gradient --n 8 --k 1 --eps "$lo" --format json >"$work/s.json" 2>/dev/null || fail "straddle run exit $?"
check "straddling threshold: not certified, estimate" "$work/s.json" \
  "assert d['recovery_certified'] is False and d['certified_by'].startswith('none: not proved'), d['certified_by']
assert d['evidence']['recovery_certified']=='estimate' and 'straddles' in d['recovery_note'], d
assert d['certified_bound']['valid'] is False"
bad sparse expected-gradient --n 8 --k 1 --eps "$lo" --certify
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --certify --format json >/dev/null 2>&1 \
  && pass "--certify accepts a proved-ball certificate" || fail "--certify with a proved certificate"

# 5. sweep-h rows and train's instance carry the levels.
"$AEL" sparse sweep-h --h-min 16 --h-max 32 --k 1 --eps-frac 0.5 --format json >"$work/w.json" 2>/dev/null || fail "sweep exit $?"
check "sweep-h: recovery_evidence per row" "$work/w.json" \
  "assert [r['recovery_evidence'] for r in d['table']]==['proved-ball']*2 and [r['bound_evidence'] for r in d['table']]==['proved-ball']*2, d['table']"
check "sweep-h without --certify: norms and slope labelled estimate, no balls" "$work/w.json" \
  "assert [r['norm_evidence'] for r in d['table']]==['estimate']*2 and d['fit']['slope_evidence']=='estimate', d
assert not any(k.endswith('_ball') or k.startswith('within_bound') for r in d['table'] for k in r) and 'slope_grad_norm_row0_ball' not in d['fit']"
"$AEL" sparse train --n 16 --k 2 --d0 0.5 --epochs 1 --steps 2 --batch 8 --format json >"$work/t.json" 2>/dev/null || fail "train exit $?"
check "train: instance.recovery_evidence" "$work/t.json" "assert d['instance']['recovery_evidence']=='proved-ball', d['instance']"

# 6. --certify only where a certified route exists (expected-gradient, sweep-h: section 8) (issue 10, "Bad input"; docs/cli.md "`--certify`").
#    Monte Carlo, training and the landscape curves refuse it while parsing: exit 2, one line
#    naming the command and `sparse expected-gradient --certify`, nothing on stdout, no -o file.
want='sparse monte-carlo --certify: Monte Carlo has no certified route; the exact expectation is `sparse expected-gradient --certify` (or --require-recovery-proof to refuse unproved recovery)'
"$AEL" sparse monte-carlo --n 16 --k 2 --samples 1000 --row 0 --certify -o "$work/mc.json" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$work/out" ] && [ ! -e "$work/mc.json" ] && [ "$(cat "$work/err")" = "aelandscape: error: $want" ] \
  && pass "monte-carlo --certify: the one-line refusal" || fail "monte-carlo --certify: exit $rc, stderr: $(cat "$work/err")"
bad_saying 'sparse train --certify: .*no certified route; the exact expectation is `sparse expected-gradient --certify` (or --require-recovery-proof' \
  sparse train --n 16 --k 2 --epochs 1 --steps 2 --batch 8 --certify
bad_saying 'sparse landscape --certify: .*estimates.*`sparse expected-gradient --certify` (or --require-recovery-proof' \
  sparse landscape --n 16 --k 2 --directions 1 --points 5 --certify
# The refusal comes before any work: a sample count that would run for hours is refused at once.
bad_saying 'sparse monte-carlo --certify' sparse monte-carlo --n 16 --k 2 --samples 1000000000 --certify

# 7. The recovery gate is --require-recovery-proof on every command with an instance (the straddling
#    threshold lo of section 4 is not proved; --eps-frac 0.5 is proved by balls).
for cmd in "expected-gradient" "monte-carlo --samples 100" "train --epochs 1 --steps 2 --batch 8" \
           "landscape --directions 1 --points 5"; do
  # shellcheck disable=SC2086
  bad_saying "is not certified" sparse $cmd --n 8 --k 1 --eps "$lo" --require-recovery-proof
  # shellcheck disable=SC2086
  "$AEL" sparse $cmd --n 8 --k 1 --eps-frac 0.5 --require-recovery-proof --format json >"$work/gate.json" 2>/dev/null \
    && check "--require-recovery-proof accepts a proved threshold: sparse ${cmd%% *}" "$work/gate.json" \
      "assert d['instance']['recovery_evidence']=='proved-ball', d['instance']" \
    || fail "--require-recovery-proof with a proved threshold: sparse $cmd"
done
# On expected-gradient --certify stays the gate: the same document as --require-recovery-proof.
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --certify --format json >"$work/c1.json" 2>/dev/null
"$AEL" sparse expected-gradient --n 8 --k 1 --eps-frac 0.5 --require-recovery-proof --format json >"$work/c2.json" 2>/dev/null
"$PY" -c "import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); [x.pop('meta') for x in (a,b)]; assert a==b" \
  "$work/c1.json" "$work/c2.json" && pass "expected-gradient: --certify = --require-recovery-proof" || fail "expected-gradient --certify differs"
"$AEL" sparse monte-carlo --help 2>&1 | grep -q -- "--require-recovery-proof" && pass "monte-carlo --help lists the gate" \
  || fail "monte-carlo --help lacks --require-recovery-proof"

# 8. sweep-h --certify (docs/sparse.md "sweep-h --certify"): h = 16, 32, 64 (HAD n = 8, 16, 32; 1/sqrt(n)
#    irrational for n = 8 and 32). The reference is another route: expected-gradient --digits 60 (MPFR,
#    not balls) at each n; the balls must contain its norms, the slope ball the least-squares slope of
#    their logs computed here in Python Decimal at 60 digits.
"$AEL" sparse sweep-h --h-min 16 --h-max 64 --k 1 --eps-frac 0.5 --certify --format json >"$work/wc.json" 2>/dev/null \
  || fail "sweep-h --certify exit $?"
for n in 8 16 32; do
  "$AEL" sparse expected-gradient --n $n --k 1 --eps-frac 0.5 --row 0,$n --digits 60 --arithmetic mpfr --format json \
    >"$work/e$n.json" 2>/dev/null || fail "expected-gradient n=$n --digits 60 exit $?"
done
check "sweep-h --certify: proved-ball norms contain the 60-digit norms, slope ball contains the Decimal slope" "$work/wc.json" \
  "from fractions import Fraction as F
from decimal import Decimal as D, getcontext
getcontext().prec = 60
ref = {n: json.load(open(sys.argv[1].replace('wc.json', 'e%d.json' % n)))['rows'] for n in (8, 16, 32)}
assert [r['h'] for r in d['table']] == [16, 32, 64]
for r in d['table']:
  assert r['norm_evidence'] == 'proved-ball' and r['recovery_evidence'] == 'proved-ball', r
  assert r['within_bound_row0'] is True and r['within_bound_row_n'] is True, r
  for key, e in (('grad_norm_row0_ball', ref[r['n']][0]), ('grad_norm_row_n_ball', ref[r['n']][1])):
    b = r[key]; x = F(e['expected_gradient_norm'])
    assert abs(F(b['mid']) - x) <= F(b['rad']) and F(b['rad']) < F('1e-25'), (r['h'], key, b, x)
f = d['fit']
assert f['slope_evidence'] == 'proved-ball', f
lx = [D(h).ln() for h in (16, 32, 64)]; ly = [D(ref[n][0]['expected_gradient_norm']).ln() for n in (8, 16, 32)]
m = 3; sx = sum(lx); sy = sum(ly); sxx = sum(x*x for x in lx); sxy = sum(x*y for x, y in zip(lx, ly))
slope = (m*sxy - sx*sy) / (m*sxx - sx*sx)
b = f['slope_grad_norm_row0_ball']
assert abs(D(b['mid']) - slope) <= D(b['rad']) and D(b['rad']) < D('1e-20'), (b, slope)
assert abs(float(f['slope_grad_norm_row0']) - float(slope)) < 1e-3, f"
# The estimate fields are the bytes of the run without --certify (only keys added).
"$AEL" sparse sweep-h --h-min 16 --h-max 64 --k 1 --eps-frac 0.5 --format json >"$work/wp.json" 2>/dev/null
check "sweep-h --certify only adds keys" "$work/wc.json" \
  "p = json.load(open(sys.argv[1].replace('wc.json', 'wp.json')))
added = {'grad_norm_row0_ball', 'grad_norm_row_n_ball', 'within_bound_row0', 'within_bound_row_n'}
for r, q in zip(d['table'], p['table']):
  assert {k: v for k, v in r.items() if k not in added and k != 'norm_evidence'} == {k: v for k, v in q.items() if k != 'norm_evidence'}, (r, q)
assert {k: v for k, v in d['fit'].items() if k not in ('slope_grad_norm_row0_ball', 'slope_evidence')} == {k: v for k, v in p['fit'].items() if k != 'slope_evidence'}"
# One value of h: no slope, no slope ball, still the row balls.
"$AEL" sparse sweep-h --h-min 16 --h-max 16 --k 1 --eps-frac 0.5 --certify --format json >"$work/w1.json" 2>/dev/null || fail "one h --certify exit $?"
check "sweep-h --certify, one h: slope ball null, estimate" "$work/w1.json" \
  "assert d['fit']['slope_grad_norm_row0_ball'] is None and d['fit']['slope_evidence'] == 'estimate' and d['table'][0]['norm_evidence'] == 'proved-ball'"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
