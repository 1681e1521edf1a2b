package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// labRelease writes a YangModels-style release folder made for the test:
// the vendored OpenConfig modules, a hello that advertises the ones the
// campus uses, and a deviation module that takes the system domain name
// away (at line 9).
func labRelease(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..", "models", "openconfig", "yang", "public")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yang") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, d.Name()), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	dev := `module lab-system-deviations {
  yang-version "1";
  namespace "http://example.net/lab-system-deviations";
  prefix "lab-dev";
  import openconfig-system { prefix oc-sys; }
  revision "2026-01-01" { description "lab"; }


  deviation "/oc-sys:system/oc-sys:config/oc-sys:domain-name" {
    deviate not-supported;
  }
}
`
	var caps strings.Builder
	caps.WriteString(`<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities>
<capability>urn:ietf:params:netconf:base:1.1</capability>
<capability>urn:ietf:params:netconf:capability:candidate:1.0</capability>
<capability>urn:ietf:params:netconf:capability:confirmed-commit:1.1</capability>
`)
	for mod, ns := range map[string]string{
		"openconfig-interfaces": "http://openconfig.net/yang/interfaces", "openconfig-if-ethernet": "http://openconfig.net/yang/interfaces/ethernet",
		"openconfig-if-ip": "http://openconfig.net/yang/interfaces/ip", "openconfig-vlan": "http://openconfig.net/yang/vlan",
		"openconfig-network-instance": "http://openconfig.net/yang/network-instance", "openconfig-acl": "http://openconfig.net/yang/acl",
		"openconfig-if-aggregate": "http://openconfig.net/yang/interfaces/aggregate", "openconfig-lacp": "http://openconfig.net/yang/lacp",
	} {
		caps.WriteString("<capability>" + ns + "?module=" + mod + "</capability>\n")
	}
	caps.WriteString(`<capability>http://openconfig.net/yang/system?module=openconfig-system&amp;deviations=lab-system-deviations</capability>
</capabilities></hello>`)
	for name, data := range map[string]string{"lab-system-deviations.yang": dev, "capability-lab.xml": caps.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// copyCampus copies examples/campus to a temporary folder.
func copyCampus(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("..", "..", "examples", "campus"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestProfilesListsTheShippedReleases(t *testing.T) {
	code, out, errOut := runCLI(t, "profiles", "--repo", "../../examples/campus")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"iosxe     17.18.1  cat9k      netconf, gnmi         cisco-ia-revert-timer",
		"iosxr     26.2.1   asr9k-x64  netconf, gnmi         confirmed-commit",
		"nxos      10.6(3)             netconf, gnmi, nxapi  confirmed-commit",
		"YangModels vendor/cisco/xe/17181 capability-cat9k.xml (shipped)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("profiles output lacks %q:\n%s", want, out)
		}
	}
}

// An imported release works like a shipped one, with no code change: a
// device set to it is validated against its deviations.
func TestProfilesImportThenValidate(t *testing.T) {
	repo, rel := copyCampus(t), labRelease(t)
	code, out, errOut := runCLI(t, "profiles", "import", "--repo", repo, "--platform", "iosxe", "--release", "17.99.1", "--source", "lab", rel)
	if code != exitOK || !strings.Contains(out, "iosxe 17.99.1 from lab capability-lab.xml") {
		t.Fatalf("import exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(repo, "profiles", "iosxe-17.99.1.json")); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "profiles", "--repo", repo)
	if code != exitOK || !strings.Contains(out, "17.99.1") || !strings.Contains(out, "profiles/iosxe-17.99.1.json") {
		t.Fatalf("profiles after import:\n%s", out)
	}
	file := filepath.Join(repo, "devices", "ams.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), `os_version: "17.18.1"`, `os_version: "17.99.1"`, 1))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The lab release has no native model: the access group's native.yang
	// block could not go to ams-acc-1 (validate says so); leave it out here.
	groups := filepath.Join(repo, "groups", "campus.yaml")
	gdata, err := os.ReadFile(groups)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(gdata), "      native:\n        yang:")
	j := strings.Index(string(gdata), "  # Legacy closet switches")
	if i < 0 || j < i {
		t.Fatal("the access group's native.yang block moved")
	}
	if err := os.WriteFile(groups, append(gdata[:i:i], gdata[j:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "validate", "--repo", repo)
	want := `credentials.yaml:15:18: error: domain_name: iosxe 17.99.1 cannot take /system/config/domain-name: ` +
		`not supported by iosxe 17.99.1 (deviate not-supported at lab-system-deviations.yang:9): device ams-acc-1`
	if code != exitFailure || !strings.Contains(errOut, want) {
		t.Fatalf("validate exit %d, want 1 with\n%s\ngot:\n%s", code, want, errOut)
	}
}

func TestValidateRefusesAnUnknownRelease(t *testing.T) {
	repo := copyCampus(t)
	file := filepath.Join(repo, "devices", "fra.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), `os_version: "26.2.1"`, `os_version: "7.11.2"`, 1))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "validate", "--repo", repo)
	want := `devices/fra.yaml:7:17: error: device "fra-core-1": no profile for iosxr 7.11.2; known iosxr releases: 26.2.1`
	if code != exitFailure || !strings.Contains(errOut, want) {
		t.Fatalf("validate exit %d, want 1 with\n%s\ngot:\n%s", code, want, errOut)
	}
}

// native.cli goes to CLI routes only: on a device managed over NETCONF it is
// refused at its YAML line.
func TestValidateRefusesNativeCLIOverNETCONF(t *testing.T) {
	repo := copyCampus(t)
	file := filepath.Join(repo, "devices", "ams.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "      hostname: ams-acc-1\n", "      hostname: ams-acc-1\n      native: {cli: [\"snmp-server location ams\"]}\n", 1))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "validate", "--repo", repo)
	want := `devices/ams.yaml:48:21: error: native.cli: iosxe over netconf is managed through its YANG models, not CLI`
	if code != exitFailure || !strings.Contains(errOut, want) {
		t.Fatalf("validate exit %d, want 1 with\n%s\ngot:\n%s", code, want, errOut)
	}
}
