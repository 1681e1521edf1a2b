package daemon

import (
	"net"
	"sync"
	"time"
)

// Failed dashboard sign-ins are limited per client address: past
// maxLoginFailures within loginWindow, sign-in answers 429 until the
// oldest failure is loginWindow old. Behind a reverse proxy every client
// shares the proxy's address (and its limit).
const (
	maxLoginFailures = 10
	loginWindow      = time.Minute
	// maxLoginClients bounds the addresses remembered; past it the
	// oldest records are forgotten.
	maxLoginClients = 10000
)

// loginLimiter counts failed sign-ins by client address. It is safe for
// concurrent use.
type loginLimiter struct {
	mu    sync.Mutex
	fails map[string][]time.Time
}

func newLoginLimiter() *loginLimiter { return &loginLimiter{fails: map[string][]time.Time{}} }

func clientHost(remote string) string {
	if h, _, err := net.SplitHostPort(remote); err == nil {
		return h
	}
	return remote
}

// recent returns host's failures still inside the window at now.
func (l *loginLimiter) recent(host string, now time.Time) []time.Time {
	list := l.fails[host]
	i := 0
	for i < len(list) && !now.Before(list[i].Add(loginWindow)) {
		i++
	}
	return list[i:]
}

// retryAfter reports how long host must wait before signing in again; 0
// when it may try now.
func (l *loginLimiter) retryAfter(host string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	list := l.recent(host, now)
	if len(list) < maxLoginFailures {
		return 0
	}
	return list[0].Add(loginWindow).Sub(now)
}

// fail records a failed sign-in of host at now.
func (l *loginLimiter) fail(host string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.fails) >= maxLoginClients {
		for h := range l.fails {
			if len(l.recent(h, now)) == 0 {
				delete(l.fails, h)
			}
		}
		if len(l.fails) >= maxLoginClients {
			clear(l.fails)
		}
	}
	l.fails[host] = append(l.recent(host, now), now)
}
