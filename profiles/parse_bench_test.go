package profiles

import "testing"

// BenchmarkParseShipped measures reading the shipped profiles (IOS-XE's
// with its native schema expanded from shared subtrees).
func BenchmarkParseShipped(b *testing.B) {
	for b.Loop() {
		if _, err := readFS(shippedFS, "shipped", "shipped"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNativeEntry measures building the differ's schema of the IOS-XE
// native subtrees (done once per profile and run).
func BenchmarkNativeEntry(b *testing.B) {
	ps, err := readFS(shippedFS, "shipped", "shipped")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, p := range ps {
			nativeEntries.Delete(p)
			_ = p.NativeEntry()
		}
	}
}
