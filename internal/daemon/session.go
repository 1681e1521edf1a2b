package daemon

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// sessionCookie is the dashboard's cookie: a random session id, never the
// token itself.
const sessionCookie = "switchyard_session"

// sessionTTL is how long a dashboard sign-in lasts.
const sessionTTL = 12 * time.Hour

// maxSessions bounds the sessions kept in memory; past it the oldest is
// forgotten (its browser signs in again).
const maxSessions = 1000

// session is one signed-in browser. Sessions live in memory only: a
// restart signs every browser out.
type session struct {
	token   string // the name of the API token it signed in with
	role    string
	csrf    string
	created time.Time
	expires time.Time
}

// sessions is the dashboard's session table, keyed by the SHA-256 of the
// session id (so a timing leak of map lookups reveals nothing usable).
type sessions struct {
	mu   sync.Mutex
	byID map[[sha256.Size]byte]*session
}

func newSessions() *sessions { return &sessions{byID: map[[sha256.Size]byte]*session{}} }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// create starts a session for token t at now and returns its id.
func (s *sessions) create(t bearerToken, now time.Time) (string, *session) {
	id := randomHex(32)
	ses := &session{token: t.name, role: t.role, csrf: randomHex(32), created: now, expires: now.Add(sessionTTL)}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.byID {
		if !now.Before(v.expires) {
			delete(s.byID, k)
		}
	}
	for len(s.byID) >= maxSessions {
		var oldest [sha256.Size]byte
		var at time.Time
		for k, v := range s.byID {
			if at.IsZero() || v.created.Before(at) {
				oldest, at = k, v.created
			}
		}
		delete(s.byID, oldest)
	}
	s.byID[sha256.Sum256([]byte(id))] = ses
	return id, ses
}

// get returns the live session of id at now.
func (s *sessions) get(id string, now time.Time) (*session, bool) {
	if id == "" {
		return nil, false
	}
	key := sha256.Sum256([]byte(id))
	s.mu.Lock()
	defer s.mu.Unlock()
	ses, ok := s.byID[key]
	if !ok {
		return nil, false
	}
	if !now.Before(ses.expires) {
		delete(s.byID, key)
		return nil, false
	}
	c := *ses
	return &c, true
}

// remove ends the session of id.
func (s *sessions) remove(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, sha256.Sum256([]byte(id)))
}

// setSessionCookie sends the session cookie: Secure, HttpOnly,
// SameSite=Strict, for the whole site, expiring with the session. Browsers
// keep Secure cookies from http://127.0.0.1 and http://localhost; any
// other plain-HTTP origin only exists with allow_insecure_listen.
func setSessionCookie(w http.ResponseWriter, id string, ttl time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", MaxAge: int(ttl / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

func clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// session returns the request's live dashboard session.
func (d *Daemon) session(r *http.Request) (*session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, false
	}
	return d.sessions.get(c.Value, d.clock.Now())
}

// checkCSRF accepts a state-changing dashboard request only when its form
// carries the session's CSRF token (compared in constant time) and, when
// the browser sends an Origin, that origin is this host.
func checkCSRF(r *http.Request, ses *session) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	got := r.PostFormValue("csrf")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(ses.csrf)) == 1
}
