package fleetgen

import (
	"maps"
	"testing"
)

func TestRepoIsDeterministicAndSized(t *testing.T) {
	a, b := Repo(250, 30), Repo(250, 30)
	if !maps.EqualFunc(a, b, func(x, y []byte) bool { return string(x) == string(y) }) {
		t.Error("two calls gave different repositories")
	}
	// defaults, one devices file per site, one groups file per 20 groups
	if got, want := len(a), 1+Sites(250)+2; got != want {
		t.Errorf("got %d files, want %d", got, want)
	}
}
