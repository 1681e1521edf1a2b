#!/usr/bin/env bash
# The switchyard demo: the example campus against a simulated fleet on
# 127.0.0.1. Needs only Go (make demo builds bin/switchyard first).
set -euo pipefail
cd "$(dirname "$0")/.."
sy=$PWD/bin/switchyard
repo=examples/campus
work=$(mktemp -d)
export SWITCHYARD_PASSWORD=${SWITCHYARD_PASSWORD:-demo-$RANDOM$RANDOM}
export SWITCHYARD_ENABLE_PASSWORD=$SWITCHYARD_PASSWORD
export SWITCHYARD_TACACS_KEY=${SWITCHYARD_TACACS_KEY:-demo-tacacs-key}
export SWITCHYARD_SNMP_COMMUNITY=${SWITCHYARD_SNMP_COMMUNITY:-demo-snmp-$RANDOM}
export SWITCHYARD_KNOWN_HOSTS=$work/known_hosts
export SWITCHYARD_CA_FILE=$work/ca.pem
# The demo keeps its state (in-flight commits, audit log, ownership) in its
# own temporary folder, not in your state directory.
export SWITCHYARD_STATE_DIR=$work/state
sim_pid=
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# plan and drift exit 2 when there are changes: that is success here.
run_changes() { printf '$ %s\n' "$*"; local rc=0; "$@" || rc=$?; [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || exit "$rc"; }

step "validate: load, resolve and render every device, contacting none"
run "$sy" validate --repo "$repo"

step "inventory: groups and why each device belongs"
run "$sy" inventory --repo "$repo"

step "start the simulated fleet on 127.0.0.1: NETCONF, gNMI, NX-API and SSH CLI devices"
# --time-scale 20: SIMULATED TIME. The devices' rollback timers run 20 times
# faster than real time, so the one-minute timer proofs take seconds.
"$sy" sim --repo "$repo" --known-hosts-out "$SWITCHYARD_KNOWN_HOSTS" --ca-out "$SWITCHYARD_CA_FILE" \
  --writable-running fra-acc-1 --time-scale 20 >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do
  grep -q "devices up" "$work/sim.log" 2>/dev/null && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.log"; exit 1; }
  sleep 0.1
done
cat "$work/sim.log"

limit=()

step "prove: each device reverts a harmless change by itself (IOS-XE: cisco-ia revert timer)"
run "$sy" prove --repo "$repo" "${limit[@]}"
run "$sy" inventory --repo "$repo"

step "plan: what apply would change (exit 2: there are changes); one device in full"
run_changes "$sy" plan --repo "$repo" --limit ams-closet-1
run_changes "$sy" plan --repo "$repo" --limit ams-acc-1 >"$work/acc.txt"
echo "(ams-acc-1, IOS-XE 17.18.1: of its $(grep -c '^  [-+~] ' "$work/acc.txt") changes, these take the native model where the release's OpenConfig stops, in the same commit)"
grep -F '[native route]' "$work/acc.txt" || true
run_changes "$sy" plan --repo "$repo" "${limit[@]}" --format markdown --out "$work/plan.json" >"$work/plan.md"
run_changes "$sy" plan --repo "$repo" "${limit[@]}" --format html >"$work/plan.html"
echo "markdown report: $(wc -l <"$work/plan.md") lines; html report: $(wc -c <"$work/plan.html") bytes"
sed -n '1,16p' "$work/plan.md"

step "apply the reviewed plan: confirmed commit, verify over a new session, confirm"
run "$sy" apply --repo "$repo" "${limit[@]}" --plan "$work/plan.json" --confirm-timeout 5m

step "plan again: nothing left to change (exit 0)"
run "$sy" plan --repo "$repo" "${limit[@]}"

step "an invalid repository is refused with file:line diagnostics, nothing pushed"
bad=$work/bad
cp -r "$repo" "$bad"
cat >>"$bad/devices/ams.yaml" <<'YAML'
  - name: ams-acc-3
    address: 127.0.0.1:18306
    platfrom: iosxe
    credentials: campus-admn
    config:
      vlans:
        - {id: 5000, members: [GigabitEthernet1/0/9]}
YAML
if "$sy" plan --repo "$bad" "${limit[@]}"; then
  echo "expected plan to refuse the invalid repository" >&2
  exit 1
fi
echo "(refused, as it should be)"
step "demo done"
