package inventory

import (
	"fmt"
	"slices"
	"strings"
)

// maxListed is the most known names a message lists when none is close.
const maxListed = 12

// suggest returns `; did you mean "x"?` when a known name is close to got,
// or, when there are few known names, a sorted list of them ("; known keys:
// a, b"), where noun names what they are. It returns "" when there is
// nothing useful to add.
func suggest(got string, known []string, noun string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(got), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	switch {
	case best != "":
		return fmt.Sprintf("; did you mean %q?", best)
	case len(known) == 0 || len(known) > maxListed:
		return ""
	}
	sorted := slices.Clone(known)
	slices.Sort(sorted)
	return "; known " + noun + ": " + strings.Join(sorted, ", ")
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
