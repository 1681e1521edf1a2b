//go:build peers

package peertest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// InstallHint is the command that installs the peers' Debian packages.
const InstallHint = "apt-get update && apt-get install -y --no-install-recommends netconfd openssh-server"

// Modules are the OpenConfig modules netconfd serves: interfaces, VLAN
// membership of ports (switched-vlan), LAG and ACLs. openconfig-system,
// openconfig-network-instance and openconfig-if-ip import the BGP RIB
// modules, which this yuma123 cannot parse, and openconfig-lacp aborts the
// server, so the peer has no system, VLAN database, routes or LACP.
var Modules = []string{"iana-if-type", "openconfig-interfaces", "openconfig-vlan", "openconfig-acl",
	"openconfig-if-aggregate"}

// Netconfd is a running netconfd with an sshd in front of it that starts
// netconf-subsystem for User, who logs in with the key in KeyFile. The
// host key is in KnownHostsFile. Fields are read-only.
type Netconfd struct {
	// Addr is the sshd's host:port on 127.0.0.1.
	Addr string
	// User is the current user, netconfd's superuser.
	User string
	// KeyFile is the client's ed25519 private key, OpenSSH format.
	KeyFile string
	// KnownHostsFile holds the sshd's host key for Addr.
	KnownHostsFile string
	// Dir is the temporary directory with the configuration, sockets and
	// logs (netconfd.log, sshd.log) of both servers.
	Dir string

	stops []func()
	once  sync.Once
}

// StartNetconfd starts netconfd with Modules and an sshd for it, waits
// until both accept connections, and stops them on t's cleanup (or on
// Close, whichever comes first). It fails t when netconfd, sshd or
// netconf-subsystem is missing, or shared/yang cannot be found (see
// YANGDir). NETCONFD_LOG_LEVEL sets netconfd's --log-level (default info).
//
// netconfd checks its confirmed-commit timer only after its event loop has
// been idle for about a second, so a test that waits for a confirm
// timeout must leave quiet gaps rather than poll continuously.
func StartNetconfd(t testing.TB) *Netconfd {
	t.Helper()
	netconfd, sshd, subsystem := Binary(t, "netconfd"), Binary(t, "sshd"), Binary(t, "netconf-subsystem")
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	yang := YANGDir(t)
	dir := t.TempDir()
	p := &Netconfd{User: u.Username, Dir: dir, KeyFile: filepath.Join(dir, "id_ed25519"),
		KnownHostsFile: filepath.Join(dir, "known_hosts")}
	t.Cleanup(p.Close)
	port := FreePort(t)
	p.Addr = fmt.Sprintf("127.0.0.1:%d", port)
	sock := filepath.Join(dir, "ncxserver.sock")
	p.startNetconfd(t, netconfd, sock, yang, port)
	p.startSSHD(t, sshd, fmt.Sprintf("Subsystem netconf %s --ncxserver-sockname=%d@%s", subsystem, port, sock))
	return p
}

// Close stops sshd and netconfd. It is safe to call more than once.
func (p *Netconfd) Close() {
	p.once.Do(func() {
		for i := len(p.stops) - 1; i >= 0; i-- {
			p.stops[i]()
		}
	})
}

// startNetconfd starts netconfd on the socket sock. --port must be the
// sshd's port: netconfd refuses (agt_connect "access denied") sessions that
// netconf-subsystem reports for a port it does not serve, and with a bare
// socket path in the subsystem line the session closes right after the SSH
// handshake. It runs in Dir, where it writes backup-cfg.xml on a
// confirmed commit.
func (p *Netconfd) startNetconfd(t testing.TB, bin, sock, yang string, port int) {
	t.Helper()
	args := []string{"--ncxserver-sockname=" + sock, "--no-startup", "--superuser=" + p.User,
		"--log-level=" + logLevel(), fmt.Sprintf("--port=%d", port),
		"--modpath=" + filepath.Join(yang, "release", "models") + ":" + filepath.Join(yang, "third_party")}
	for _, m := range Modules {
		args = append(args, "--module="+m)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = p.Dir
	cmd.Env = append(os.Environ(), "HOME="+p.Dir)
	p.stops = append(p.stops, startProcess(t, filepath.Join(p.Dir, "netconfd.log"), cmd))
	waitUntil(t, "netconfd socket", 20*time.Second, func() bool { return dials("unix", sock) })
}

// startSSHD writes host and client keys, authorized_keys, known_hosts and
// an sshd_config with the subsystem line, and starts sshd in the
// foreground.
func (p *Netconfd) startSSHD(t testing.TB, bin, subsystem string) {
	t.Helper()
	hostKeyFile := filepath.Join(p.Dir, "ssh_host_ed25519_key")
	hostKey := writeKey(t, hostKeyFile)
	clientKey := writeKey(t, p.KeyFile)
	authorized := filepath.Join(p.Dir, "authorized_keys")
	WriteFile(t, authorized, string(ssh.MarshalAuthorizedKey(clientKey)))
	WriteFile(t, p.KnownHostsFile, knownhosts.Line([]string{knownhosts.Normalize(p.Addr)}, hostKey)+"\n")
	_, port, _ := net.SplitHostPort(p.Addr)
	conf := filepath.Join(p.Dir, "sshd_config")
	WriteFile(t, conf, strings.Join([]string{
		"ListenAddress 127.0.0.1",
		"Port " + port,
		"HostKey " + hostKeyFile,
		"PidFile " + filepath.Join(p.Dir, "sshd.pid"),
		"UsePAM no",
		"PermitRootLogin prohibit-password",
		"PubkeyAuthentication yes",
		"PasswordAuthentication no",
		"KbdInteractiveAuthentication no",
		"AuthorizedKeysFile " + authorized,
		"StrictModes no",
		"LogLevel VERBOSE",
		subsystem,
		"",
	}, "\n"))
	if os.Geteuid() == 0 {
		// sshd started as root insists on its privilege separation
		// directory, which the Debian service would create at boot.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatalf("create sshd privilege separation directory: %v", err)
		}
	}
	p.stops = append(p.stops, startProcess(t, filepath.Join(p.Dir, "sshd.log"), exec.Command(bin, "-D", "-e", "-f", conf)))
	waitUntil(t, "sshd", 10*time.Second, func() bool { return dials("tcp", p.Addr) })
}

// HelloGrace is how long a client pauses after its hello before its first
// request; see SettleSession.
const HelloGrace = 300 * time.Millisecond

// SettleSession works around a netconfd bug on a freshly opened session.
// When the first <rpc> reaches netconfd in the same read as the client's
// <hello> (a client sends it as soon as its Dial returns), netconfd
// handles the hello and silently drops the rest of the buffer, so that
// request never gets a reply ("ses read OK (393)" in its debug log, hello
// and rpc together). SettleSession pauses for HelloGrace, then calls
// probe, a harmless request on the new session, with a 2 s deadline until
// it is answered, at most five times. It returns the last probe error.
func SettleSession(ctx context.Context, probe func(context.Context) error) error {
	select {
	case <-time.After(HelloGrace):
	case <-ctx.Done():
		return ctx.Err()
	}
	var err error
	for range 5 {
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err = probe(pctx)
		cancel()
		if err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("netconfd answers no request on a new session: %w", err)
	}
	return nil
}

func logLevel() string {
	if l := os.Getenv("NETCONFD_LOG_LEVEL"); l != "" {
		return l
	}
	return "info"
}
