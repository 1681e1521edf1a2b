package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/forge"
	"github.com/switchyard/switchyard/internal/forge/forgetest"
)

const (
	reviewToken = "review-token-7d1e0b"
	reviewSHA   = "89abcdef0123456789abcdef0123456789abcdef"
	reviewPR    = 7
)

var forges = []string{forge.GitHub, forge.GitLab, forge.Gitea}

// reviewArgs are the review flags that point at srv.
func reviewArgs(srv *forgetest.Server, extra ...string) []string {
	return append([]string{"review", "--provider", srv.Provider, "--repository", srv.Repo, "--pr", "7",
		"--api-url", srv.APIURL(), "--token-env", "SY_REVIEW_TOKEN", "--target-url", "https://ci.example.net/job/9"}, extra...)
}

func newForge(t *testing.T, provider string) *forgetest.Server {
	t.Helper()
	t.Setenv("SY_REVIEW_TOKEN", reviewToken)
	return forgetest.New(t, provider, reviewToken, "netops/campus", reviewPR, reviewSHA)
}

// oneComment returns the only comment that carries the review marker.
func oneComment(t *testing.T, srv *forgetest.Server) forgetest.Comment {
	t.Helper()
	var out []forgetest.Comment
	for _, c := range srv.Comments() {
		if strings.HasPrefix(c.Body, forge.Marker("switchyard/plan")) {
			out = append(out, c)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%d review comments, want exactly 1", len(out))
	}
	return out[0]
}

func lastStatus(t *testing.T, srv *forgetest.Server) forgetest.Status {
	t.Helper()
	sts := srv.Statuses()
	if len(sts) == 0 {
		t.Fatal("no commit status was set")
	}
	return sts[len(sts)-1]
}

func noToken(t *testing.T, what ...string) {
	t.Helper()
	for _, s := range what {
		if strings.Contains(s, reviewToken) {
			t.Errorf("the API token was printed: %q", s)
		}
	}
}

func TestReviewInvalidIntentFailsWithDiagnostics(t *testing.T) {
	for _, p := range forges {
		t.Run(p, func(t *testing.T) {
			srv := newForge(t, p)
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "devices.yaml"), `devices:
  - name: sw1
    address: 127.0.0.1:830
    platfrom: iosxe
    config:
      vlans:
        - {id: 5000}
credentials:
  - name: c
    username: admin
    password: hunter2
`)
			code, out, errOut := runCLI(t, reviewArgs(srv, "--repo", dir)...)
			if code != exitFailure {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFailure, errOut)
			}
			noToken(t, out, errOut)
			c := oneComment(t, srv)
			for _, want := range []string{
				`devices.yaml:4:5: error: device: unknown key "platfrom"; did you mean "platform"?`,
				`devices.yaml:7:16: error: vlans[0].id: VLAN id 5000 is out of range 1-4094`,
				`devices.yaml:11:15: error: credentials.password: inline secrets are not allowed`,
			} {
				if !strings.Contains(c.Body, want) {
					t.Errorf("comment lacks %q:\n%s", want, c.Body)
				}
			}
			if strings.Contains(c.Body, "hunter2") {
				t.Error("the comment shows the inline secret value")
			}
			sts := srv.Statuses()
			if len(sts) != 2 || sts[0].State != "pending" {
				t.Fatalf("statuses %+v, want pending then failure", sts)
			}
			st := sts[1]
			wantState := map[string]string{forge.GitLab: "failed"}[p]
			if wantState == "" {
				wantState = "failure"
			}
			if st.State != wantState || !strings.Contains(st.Description, "invalid intent: 4 error(s)") ||
				st.Context != "switchyard/plan" || st.TargetURL != "https://ci.example.net/job/9" {
				t.Errorf("final status %+v", st)
			}
		})
	}
}

func TestReviewOfflineRendersWithoutDevices(t *testing.T) {
	srv := newForge(t, forge.GitHub)
	code, out, errOut := runCLI(t, reviewArgs(srv, "--repo", campus, "--offline", "--limit", "ams-acc-1", "--limit", "ams-closet-1")...)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	c := oneComment(t, srv)
	for _, want := range []string{"offline: desired payload only", "<b>ams-acc-1</b> (iosxe)", "<b>ams-closet-1</b> (ios)", "```json", "hostname ams-closet-1"} {
		if !strings.Contains(c.Body, want) {
			t.Errorf("comment lacks %q:\n%s", want, c.Body)
		}
	}
	if strings.Contains(c.Body, "ams-core-1") {
		t.Error("the comment shows a device --limit did not select")
	}
	st := lastStatus(t, srv)
	if st.State != "success" || !strings.Contains(st.Description, "offline: 2 device(s) valid and rendered") {
		t.Errorf("status %+v", st)
	}
	noToken(t, out, errOut, c.Body)
}

func TestReviewWithoutTokenContactsNothing(t *testing.T) {
	srv := newForge(t, forge.Gitea)
	t.Setenv("SY_REVIEW_TOKEN", "")
	code, _, errOut := runCLI(t, reviewArgs(srv, "--repo", campus, "--offline")...)
	if code != exitFailure || !strings.Contains(errOut, "SY_REVIEW_TOKEN is not set") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if n := srv.Calls(forgetest.KindPull); n != 0 {
		t.Errorf("the forge was called %d times without a token", n)
	}
}

// TestReviewFlowAgainstSimulatedDevices follows a pull request: the plan
// of a valid head, then an invalid push (failure, diagnostics with
// file:line), then a fix (success, the change in the plan), always in the
// same comment, and no device is changed.
func TestReviewFlowAgainstSimulatedDevices(t *testing.T) {
	h := startCampus(t)
	srv := newForge(t, forge.GitLab)
	before := h.snapshot()

	code, out, errOut := h.run(reviewArgs(srv)...)
	if code != exitOK {
		t.Fatalf("valid head: exit %d; stderr:\n%s", code, errOut)
	}
	first := oneComment(t, srv)
	if !strings.Contains(first.Body, "switchyard plan for revision") || !strings.Contains(first.Body, "ams-core-1") {
		t.Errorf("first comment has no plan:\n%s", first.Body)
	}
	if st := lastStatus(t, srv); st.State != "success" {
		t.Errorf("valid head: status %+v", st)
	}

	h.editRepo("devices/ams.yaml", "          description: to ams-core-1\n", "          descripton: to ams-core-1\n")
	code, _, errOut = h.run(reviewArgs(srv)...)
	if code != exitFailure {
		t.Fatalf("invalid head: exit %d; stderr:\n%s", code, errOut)
	}
	c := oneComment(t, srv)
	if c.ID != first.ID || !strings.Contains(c.Body, `ams.yaml:31:11: error:`) || !strings.Contains(c.Body, `"descripton"`) {
		t.Errorf("invalid head: comment %d (want %d) lacks the diagnostic:\n%s", c.ID, first.ID, c.Body)
	}
	if st := lastStatus(t, srv); st.State != "failed" || !strings.Contains(st.Description, "invalid intent") {
		t.Errorf("invalid head: status %+v", st)
	}

	h.editRepo("devices/ams.yaml", "          descripton: to ams-core-1\n", "          description: to ams-core-1 (reviewed)\n")
	code, out, errOut = h.run(reviewArgs(srv)...)
	if code != exitOK {
		t.Fatalf("fixed head: exit %d; stderr:\n%s", code, errOut)
	}
	c = oneComment(t, srv)
	if c.ID != first.ID || !strings.Contains(c.Body, "to ams-core-1 (reviewed)") || strings.Contains(c.Body, "descripton") {
		t.Errorf("fixed head: comment %d (want %d) does not show the new plan:\n%s", c.ID, first.ID, c.Body)
	}
	st := lastStatus(t, srv)
	if st.State != "success" || !strings.Contains(st.Description, "to change") {
		t.Errorf("fixed head: status %+v", st)
	}
	if !strings.Contains(out, "updated on #7") {
		t.Errorf("stdout %q", out)
	}
	if n := srv.Calls(forgetest.KindCreate); n != 1 {
		t.Errorf("%d comments created over three runs, want 1", n)
	}
	h.assertUnchanged("review", before)
	noToken(t, out, errOut, c.Body)
}

// TestCITemplatesUseExistingFlags keeps deploy/ci in step with the command:
// every --flag the templates pass to review must exist.
func TestCITemplatesUseExistingFlags(t *testing.T) {
	cmd := newReviewCmd(&globals{})
	newRootCmd(nil, nil).AddCommand(cmd) // inherit the persistent flags (--repo)
	for _, name := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "deploy", "ci", name))
		if err != nil {
			t.Fatal(err)
		}
		var code []string // the file without its comment lines
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "#") {
				code = append(code, l)
			}
		}
		_, after, ok := strings.Cut(strings.Join(code, "\n"), "switchyard\" review")
		if !ok {
			_, after, ok = strings.Cut(strings.Join(code, "\n"), "switchyard review")
		}
		if !ok {
			t.Fatalf("%s does not run switchyard review", name)
		}
		seen := 0
		for _, f := range strings.Fields(after) {
			flag, ok := strings.CutPrefix(f, "--")
			if !ok {
				continue
			}
			seen++
			if cmd.Flags().Lookup(flag) == nil && cmd.InheritedFlags().Lookup(flag) == nil {
				t.Errorf("%s passes --%s, which review does not have", name, flag)
			}
		}
		if seen < 4 {
			t.Errorf("%s: only %d flags found after review", name, seen)
		}
	}
}
