package profilegen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/profiles"
)

// hello is the <hello> of a published capability file.
type hello struct {
	Capabilities []string `xml:"capabilities>capability"`
}

// parseHello splits a hello into its protocol capabilities and its modules.
func parseHello(data []byte) (caps []string, mods []profiles.Module, err error) {
	var h hello
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "ascii", "us-ascii", "utf-8":
			return r, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
	if err := dec.Decode(&h); err != nil {
		return nil, nil, fmt.Errorf("hello: %w", err)
	}
	seen := map[string]bool{}
	for _, c := range h.Capabilities {
		c = strings.TrimSpace(c)
		base, query, _ := strings.Cut(c, "?")
		if strings.HasPrefix(base, "urn:ietf:params:netconf:") {
			caps = append(caps, c)
			continue
		}
		q, err := url.ParseQuery(query)
		if err != nil || q.Get("module") == "" {
			continue // a non-module capability (tail-f actions and the like)
		}
		m := profiles.Module{Name: q.Get("module"), Revision: q.Get("revision"), Namespace: base,
			Deviations: splitList(q.Get("deviations")), Features: splitList(q.Get("features"))}
		if seen[m.Name] {
			continue
		}
		seen[m.Name] = true
		mods = append(mods, m)
	}
	if len(mods) == 0 {
		return nil, nil, fmt.Errorf("hello: no module capabilities")
	}
	slices.SortFunc(mods, func(a, b profiles.Module) int { return strings.Compare(a.Name, b.Name) })
	return caps, mods, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	out := strings.Split(s, ",")
	slices.Sort(out)
	return slices.Compact(out)
}
