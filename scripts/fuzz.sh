#!/usr/bin/env bash
# Runs every Fuzz target in the module for the given time each (default 30s):
#   scripts/fuzz.sh [FUZZTIME]
#
# Targets are found in every *_test.go file of the module, tracked by Git or
# not (a target added in a working tree is fuzzed too), outside testdata/.
# A target whose file has a build constraint is run with no tags and is
# reported as skipped if the package then has no such target.
#
# A crasher is written by `go test` to PKG/testdata/fuzz/FuzzX/ID; those
# files are the regression inputs to commit with the fix. The script
# lists them at the end and exits 1 if any target failed.
set -euo pipefail
fuzztime=${1:-30s}
cd "$(dirname "$0")/.."

mapfile -t files < <(find . -path ./.git -prune -o -name testdata -prune -o -name vendor -prune -o \
  -type f -name '*_test.go' -print | sort)

declare -a targets=() # "pkg target"
for file in "${files[@]}"; do
  pkg=$(dirname "$file")
  while IFS= read -r target; do
    [ -n "$target" ] && targets+=("$pkg $target")
  done < <(grep -oE '^func Fuzz[A-Za-z0-9_]*\(' "$file" | sed -e 's/^func //' -e 's/($//' || true)
done
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no Fuzz targets found" >&2
  exit 1
fi

echo "fuzz: ${#targets[@]} targets, $fuzztime each"
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
declare -a failed=() passed=()
for t in "${targets[@]}"; do
  read -r pkg target <<<"$t"
  echo "== $pkg $target ($fuzztime)"
  # -run '^$' skips the unit tests; the seed corpus still runs first.
  if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"; then
    passed+=("$pkg $target")
  else
    failed+=("$pkg $target")
  fi
done

echo
echo "fuzz: ${#passed[@]} passed, ${#failed[@]} failed"
for t in "${failed[@]}"; do echo "  FAILED $t"; done
crashers=$(find . -path ./.git -prune -o -path '*/testdata/fuzz/Fuzz*' -type f -newer "$stamp" -print | sort)
if [ -n "$crashers" ]; then
  echo "fuzz: new crashers (commit them with the fix; \`go test\` replays them):"
  echo "$crashers" | sed 's/^/  /'
fi
[ ${#failed[@]} -eq 0 ]
