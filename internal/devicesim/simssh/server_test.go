package simssh

import (
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

func TestServerAuthenticatesAndCloses(t *testing.T) {
	served := make(chan string, 1)
	s, err := Listen(t.Context(), Config{Addr: "127.0.0.1:0", Username: "u", Password: "p",
		Channel: func(conn *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
			for req := range reqs {
				if req.Type == "exec" {
					served <- ExecCommand(req.Payload)
					_ = req.Reply(true, nil)
					_ = ch.Close()
				}
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	dial := func(pass string) (*ssh.Client, error) {
		return ssh.Dial("tcp", s.Addr(), &ssh.ClientConfig{User: "u", Auth: []ssh.AuthMethod{ssh.Password(pass)},
			HostKeyCallback: ssh.FixedHostKey(s.HostKey()), Timeout: 5 * time.Second})
	}
	if _, err := dial("wrong"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	c, err := dial("p")
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	_ = sess.Start("show version")
	if got := <-served; got != "show version" {
		t.Errorf("exec command = %q", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Go(func() {}) {
		t.Error("Go ran after Close")
	}
	if _, err := c.NewSession(); err == nil {
		t.Error("the connection survived Close")
	}
}
