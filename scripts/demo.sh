#!/usr/bin/env bash
# The switchyard demo on the example campus. Needs only Go (make demo builds
# bin/switchyard first).
set -euo pipefail
cd "$(dirname "$0")/.."
sy=./bin/switchyard
repo=examples/campus
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "switchyard validate --repo $repo"
$sy validate --repo "$repo"

step "switchyard inventory --repo $repo"
$sy inventory --repo "$repo"

for dev in ams-acc-1 ams-core-1 ams-dist-1; do
  step "switchyard render $dev --repo $repo --format json (first lines)"
  $sy render "$dev" --repo "$repo" --format json | head -n 25
done
step "switchyard render ams-closet-1 --repo $repo --format cli"
$sy render ams-closet-1 --repo "$repo" --format cli

step "an invalid repository is refused with file:line diagnostics"
bad=$(mktemp -d)
trap 'rm -rf "$bad"' EXIT
cp -r "$repo"/. "$bad"/
cat >> "$bad/devices/ams.yaml" <<'YAML'
  - name: ams-acc-3
    address: 127.0.0.1:18306
    platfrom: iosxe
    credentials: campus-admn
    config:
      vlans:
        - {id: 5000, members: [GigabitEthernet1/0/9]}
YAML
if $sy validate --repo "$bad"; then
  echo "expected validate to fail" >&2
  exit 1
fi
echo "(validate exited non-zero as it should)"
