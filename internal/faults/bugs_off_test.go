//go:build !faultbugs

package faults

// openBugs selects the cases that show open product bugs (build tag
// faultbugs); they fail until the bugs are fixed.
const openBugs = false
