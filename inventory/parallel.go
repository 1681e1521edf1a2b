package inventory

import (
	"sync"
	"sync/atomic"
)

// parallel calls do(i) for every i in [0, n) on up to workers goroutines,
// and returns once every call has returned. Calls run in no particular
// order, so each must write only its own results. With workers <= 1 the
// calls run in order on the calling goroutine.
func parallel(n, workers int, do func(i int)) {
	if workers <= 1 || n <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				do(i)
			}
		})
	}
	wg.Wait()
}
