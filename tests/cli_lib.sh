# Sourced by the CLI test scripts (tests/cli_*.sh, tests/paper_quick.sh): a
# scratch directory removed at exit, the pass/fail counter, and `bad ARGS…`,
# which requires a bad input to exit 2 with one line on stderr and nothing on
# stdout, and `bad_saying WANT ARGS…`, which also requires the line to match the
# grep pattern WANT. A script may define its own `bad` after sourcing this file.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
pass() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }
bad() {
  "$AEL" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -eq 1 ]; then pass "rejects: $*"; else
    fail "bad input '$*' gave exit $code, stdout $(wc -c <"$work/out") bytes, stderr: $(head -c 300 "$work/err")"; fi
}
bad_saying() {
  local want="$1"; shift
  "$AEL" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q -- "$want" "$work/err"; then
    pass "refuses ($want): $*"; else
    fail "'$*' gave exit $code, stdout $(wc -c <"$work/out") bytes, stderr: $(cat "$work/err")"; fi
}
