package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/diff"
)

func save(t testing.TB, p *Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatalf("Save: %v", err)
	}
	return buf.Bytes()
}

func TestSaveLoadRoundTrip(t *testing.T) {
	p := samplePlan()
	got, err := Load(bytes.NewReader(save(t, p)))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff(p.redacted(), got); diff != "" {
		t.Errorf("Load(Save(p)) (-want +got):\n%s", diff)
	}
	if again := save(t, got); !bytes.Equal(again, save(t, p)) {
		t.Errorf("Save(Load(Save(p))) differs from Save(p):\n%s", cmp.Diff(string(save(t, p)), string(again)))
	}
}

func TestJSONSchema(t *testing.T) {
	var doc struct {
		Version  *int    `json:"version"`
		Revision *string `json:"revision"`
		Digest   string  `json:"digest"`
		Devices  []map[string]json.RawMessage
	}
	if err := json.Unmarshal(save(t, samplePlan()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version == nil || *doc.Version != 1 || doc.Revision == nil || *doc.Revision != "3f2c1a9e8d7b" {
		t.Errorf("version/revision = %v/%v, want 1/3f2c1a9e8d7b", doc.Version, doc.Revision)
	}
	if !strings.HasPrefix(doc.Digest, "sha256:") || len(doc.Digest) != len("sha256:")+64 {
		t.Errorf("digest = %q, want sha256:<64 hex>", doc.Digest)
	}
	for _, d := range doc.Devices {
		for _, k := range []string{"name", "platform", "changes", "error"} {
			if _, ok := d[k]; !ok {
				t.Errorf("device %s has no %q member", d["name"], k)
			}
		}
		if string(d["changes"]) == "null" {
			t.Errorf("device %s: changes is null, want an array", d["name"])
		}
		var cs []map[string]any
		if err := json.Unmarshal(d["changes"], &cs); err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			op, _ := c["op"].(string)
			if op != "create" && op != "update" && op != "delete" {
				t.Errorf("change op = %q", op)
			}
			for k := range c {
				if k != "op" && k != "path" && k != "before" && k != "after" {
					t.Errorf("change has unexpected member %q", k)
				}
			}
		}
	}
}

// resave re-digests a saved plan after edit changed its decoded form, as
// someone who knows the format could.
func resave(t *testing.T, b []byte, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	delete(m, "digest")
	var f file
	raw, _ := json.Marshal(m)
	if err := json.Unmarshal(raw, &f); err == nil {
		if sum, err := contentDigest(&f); err == nil {
			m["digest"] = sum
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func withoutDigest(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "digest")
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLoadRefuses(t *testing.T) {
	good := save(t, samplePlan())
	device := func(m map[string]any, i int) map[string]any { return m["devices"].([]any)[i].(map[string]any) }
	tests := []struct {
		name    string
		in      []byte
		wantErr error
		wantMsg string
	}{
		{"edited path", bytes.Replace(good, []byte("vlan-id=40"), []byte("vlan-id=41"), 1), ErrTampered, "does not match"},
		{"edited value", bytes.Replace(good, []byte(`"printers"`), []byte(`"servers"`), 1), ErrTampered, "does not match"},
		{"no digest", withoutDigest(t, good), ErrTampered, "no digest"},
		{"version 2", resave(t, good, func(m map[string]any) { m["version"] = 2 }), ErrUnsupportedVersion, "version 2"},
		{"no version", resave(t, good, func(m map[string]any) { delete(m, "version") }), ErrInvalid, "no version"},
		{"not JSON", []byte("revision: abc\n"), ErrInvalid, "not JSON"},
		{"unknown member", resave(t, good, func(m map[string]any) { m["force"] = true }), ErrInvalid, `unknown field "force"`},
		{"trailing data", append(bytes.Clone(good), []byte(`{"version":1}`)...), ErrInvalid, "after top-level value"},
		{"bad op", resave(t, good, func(m map[string]any) {
			device(m, 0)["changes"].([]any)[0].(map[string]any)["op"] = "replace"
		}), ErrInvalid, `op "replace"`},
		{"duplicate device", resave(t, good, func(m map[string]any) {
			device(m, 1)["name"] = "access1"
		}), ErrInvalid, `"access1" appears twice`},
		{"summary mismatch", resave(t, good, func(m map[string]any) {
			m["summary"].(map[string]any)["deletes"] = 0
		}), ErrInvalid, "summary"},
		{"changes null", resave(t, good, func(m map[string]any) { device(m, 1)["changes"] = nil }), ErrInvalid, "no changes member"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tc.in))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Load error = %v, want %v", err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("Load error = %q, want it to mention %q", err, tc.wantMsg)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		if _, err := load(bytes.NewReader(good), int64(len(good)-1)); !errors.Is(err, ErrTooLarge) {
			t.Errorf("load over the limit: error = %v, want ErrTooLarge", err)
		}
		if _, err := load(bytes.NewReader(good), int64(len(good))); err != nil {
			t.Errorf("load at the limit: %v", err)
		}
	})
}

func FuzzLoadPlan(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(save(f, New("worktree", samplePlan().CreatedAt)))
	f.Add(save(f, New("r", samplePlan().CreatedAt, DevicePlan{Name: "x", Platform: "ios", Changes: []diff.Change{
		{Op: diff.Delete, Path: "/a[k=v\\]]", Before: map[string]any{"b": []any{1.5, true, nil}}},
	}})))
	f.Add([]byte(`{"version":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		first := save(t, p)
		q, err := Load(bytes.NewReader(first))
		if err != nil {
			t.Fatalf("Load of a saved plan: %v\n%s", err, first)
		}
		if second := save(t, q); !bytes.Equal(first, second) {
			t.Fatalf("save-load-save differs:\n%s", cmp.Diff(string(first), string(second)))
		}
	})
}

func TestSaveLoadCLIPaths(t *testing.T) {
	p := New("abc123", time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC), DevicePlan{Name: "closet", Platform: "ios", Transport: "cli",
		Changes: []diff.Change{
			{Op: diff.Create, Path: "interface FastEthernet0/1 > switchport access vlan 30", After: "switchport access vlan 30"},
			{Op: diff.Delete, Path: "username cisco privilege 15", Before: "username cisco privilege 15"},
		}})
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatalf("Load of a plan with CLI paths: %v", err)
	}
	if len(got.Devices[0].Changes) != 2 {
		t.Errorf("changes = %v", got.Devices[0].Changes)
	}
	bad := New("abc123", time.Now(), DevicePlan{Name: "x", Platform: "ios", Changes: []diff.Change{{Op: diff.Create, Path: "a\nb", After: "x"}}})
	buf.Reset()
	if err := bad.Save(&buf); err == nil {
		if _, err := Load(&buf); err == nil {
			t.Error("a path with a newline was accepted")
		}
	}
}
