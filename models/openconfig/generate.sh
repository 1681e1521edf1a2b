#!/bin/sh
# Regenerates oc.go from the OpenConfig YANG vendored in yang/public
# (Apache-2.0, see its LICENSE and README.md) and yang/switchyard-deviations.yang. The generator flags
# live in one place only: the go:generate directives in generate.go.
#
# Usage (from anywhere): models/openconfig/generate.sh
set -eu
cd "$(dirname "$0")"
yang=yang/public
if [ ! -f "$yang/release/models/interfaces/openconfig-interfaces.yang" ]; then
	echo "generate.sh: OpenConfig YANG not found at $(pwd)/$yang (see its README.md)" >&2
	exit 1
fi
go generate .
size=$(wc -c <oc.go)
echo "oc.go: $size bytes, $(wc -l <oc.go) lines"
if [ "$size" -ge 4000000 ]; then
	echo "generate.sh: oc.go exceeds the 4 MB budget; prune more in yang/switchyard-deviations.yang" >&2
	exit 1
fi
