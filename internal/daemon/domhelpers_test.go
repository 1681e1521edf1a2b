package daemon

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseDOM parses a page, failing the test on a parse error.
func parseDOM(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// findAll returns the elements under n for which match holds, in
// document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
		for ch := c.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return out
}

func byID(n *html.Node, id string) *html.Node {
	if l := findAll(n, func(c *html.Node) bool { return attr(c, "id") == id }); len(l) > 0 {
		return l[0]
	}
	return nil
}

func byTag(n *html.Node, tag string) []*html.Node {
	return findAll(n, func(c *html.Node) bool { return c.Data == tag })
}

// text is the text content of n, spaces collapsed.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
		for ch := c.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// actionForms are the dashboard's operator forms under n.
func actionForms(n *html.Node) []*html.Node {
	return findAll(n, func(c *html.Node) bool {
		return c.Data == "form" && strings.HasPrefix(attr(c, "action"), "/actions/")
	})
}

// formValue is the value of the hidden input called name in form.
func formValue(form *html.Node, name string) string {
	for _, in := range byTag(form, "input") {
		if attr(in, "name") == name {
			return attr(in, "value")
		}
	}
	return ""
}

// browserSession is a dashboard session made by signing in.
type browserSession struct {
	r      *running
	cookie *http.Cookie
}

// signIn posts the sign-in form with token and returns the session.
func (r *running) signIn(token string) *browserSession {
	r.t.Helper()
	rec := r.serve(http.MethodPost, "/login", url.Values{"token": {token}, "next": {"/"}}.Encode(), nil,
		"Content-Type", "application/x-www-form-urlencoded")
	if rec.Code != http.StatusSeeOther {
		r.t.Fatalf("sign in: %d %s", rec.Code, rec.Body)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			return &browserSession{r: r, cookie: c}
		}
	}
	r.t.Fatal("sign in: no session cookie")
	return nil
}

// serve calls the handler in-process with an optional cookie.
func (r *running) serve(method, path, body string, cookie *http.Cookie, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if cookie != nil {
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	}
	rec := httptest.NewRecorder()
	r.d.Handler().ServeHTTP(rec, req)
	return rec
}

// page gets a dashboard page and parses it.
func (b *browserSession) page(path string, wantCode int) *html.Node {
	b.r.t.Helper()
	rec := b.r.serve(http.MethodGet, path, "", b.cookie)
	if rec.Code != wantCode {
		b.r.t.Fatalf("GET %s: %d, want %d: %s", path, rec.Code, wantCode, rec.Body)
	}
	body, _ := io.ReadAll(rec.Result().Body)
	return parseDOM(b.r.t, string(body))
}

// post submits a dashboard form.
func (b *browserSession) post(path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	return b.r.serve(http.MethodPost, path, form.Encode(), b.cookie,
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
}
