//go:build peers

// Package peertest starts independent protocol peers for the peer tests
// (`make test-peers`, build tag peers): Debian's netconfd (yuma123) behind
// an OpenSSH sshd, on 127.0.0.1 in a test's temporary directory, serving
// the OpenConfig modules it can load from the project's vendored copy
// (models/openconfig/yang/public). See
// ../shared/PEERS.md for what the peer is and the facts learned running it.
//
// The helpers fail the test, never skip it, when a binary is missing, and
// the failure names the apt-get command that installs it. They import no
// switchyard transport, so that the transport's own tests can use them.
package peertest
