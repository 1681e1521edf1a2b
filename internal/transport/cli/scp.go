package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"io"
	"net"
	"path"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// UploadFile writes content to dst on the device ("flash:switchyard.cfg")
// with SCP over a second SSH connection (the device runs "scp -t dst"; on
// IOS this needs "ip scp server enable"). The content is never logged. ctx
// and the session's timeout bound the transfer.
func (s *Session) UploadFile(ctx context.Context, dst string, content []byte) error {
	if err := s.usable(); err != nil {
		return fmt.Errorf("upload %s to %s: %w", dst, s.cfg.Address, err)
	}
	timeout, err := sshauth.OpTimeout(ctx, s.cfg.Timeout)
	if err != nil {
		return fmt.Errorf("upload %s to %s: %w", dst, s.cfg.Address, err)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client, err := s.sshClient(ctx)
	if err != nil {
		return fmt.Errorf("upload %s to %s: %w", dst, s.cfg.Address, err)
	}
	defer client.Close()
	stop := context.AfterFunc(ctx, func() { _ = client.Close() })
	defer stop()
	if err := scpSend(client, dst, content); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", context.Cause(ctx), err)
		}
		return fmt.Errorf("upload %s to %s: %w", dst, s.cfg.Address, err)
	}
	s.log.Debug("file uploaded", "file", dst, "bytes", len(content))
	return nil
}

// sshClient opens a new SSH connection with the session's credentials
// and host key policy.
func (s *Session) sshClient(ctx context.Context) (*ssh.Client, error) {
	cb := ssh.InsecureIgnoreHostKey() // #nosec G106 -- only when the operator asked for it
	if !s.cfg.InsecureIgnoreHostKey {
		var err error
		if cb, err = s.cfg.Identity.KnownHosts(s.cfg.KnownHostsFile); err != nil {
			return nil, fmt.Errorf("known_hosts file: %w", err)
		}
	}
	var auth []ssh.AuthMethod
	if s.cfg.PrivateKeyFile != "" {
		signer, err := s.cfg.Identity.Signer(s.cfg.PrivateKeyFile)
		if err != nil {
			return nil, err
		}
		auth = append(auth, ssh.PublicKeys(signer))
	}
	if pw := s.cfg.Password; !pw.IsZero() {
		auth = append(auth, ssh.Password(pw.Reveal()), ssh.KeyboardInteractive(
			func(_, _ string, qs []string, _ []bool) ([]string, error) {
				ans := make([]string, len(qs))
				for i := range ans {
					ans[i] = pw.Reveal()
				}
				return ans, nil
			}))
	}
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", s.cfg.Address)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = nc.SetDeadline(dl)
	}
	conn, chans, reqs, err := ssh.NewClientConn(nc, s.cfg.Address, &ssh.ClientConfig{
		User: s.cfg.Username, Auth: auth, HostKeyCallback: cb, Timeout: s.cfg.Timeout,
	})
	if err != nil {
		_ = nc.Close()
		return nil, dialError(s.cfg, err)
	}
	_ = nc.SetDeadline(time.Time{})
	return ssh.NewClient(conn, chans, reqs), nil
}

// scpSend runs the source side of the SCP protocol for one file.
func scpSend(client *ssh.Client, dst string, content []byte) error {
	sess, err := client.NewSession()
	if err != nil {
		return err
	}
	defer sess.Close()
	stdin, err := sess.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return err
	}
	if err := sess.Start("scp -t " + dst); err != nil {
		return fmt.Errorf("%w: the device refused to start scp (is \"ip scp server enable\" configured?): %w", ErrSCP, err)
	}
	r := bufio.NewReader(stdout)
	if err := scpAck(r); err != nil {
		return err
	}
	name := dst
	if i := strings.LastIndexAny(name, ":/"); i >= 0 {
		name = name[i+1:]
	}
	name = path.Base(name)
	if _, err := fmt.Fprintf(stdin, "C0644 %d %s\n", len(content), name); err != nil {
		return err
	}
	if err := scpAck(r); err != nil {
		return err
	}
	if _, err := stdin.Write(append(content[:len(content):len(content)], 0)); err != nil {
		return err
	}
	if err := scpAck(r); err != nil {
		return err
	}
	_ = stdin.Close()
	if err := sess.Wait(); err != nil {
		var ee *ssh.ExitMissingError
		if !errors.As(err, &ee) {
			return fmt.Errorf("%w: %w", ErrSCP, err)
		}
	}
	return nil
}

// scpAck reads the sink's answer: 0 is OK, 1 and 2 carry a message.
func scpAck(r *bufio.Reader) error {
	b, err := r.ReadByte()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%w: the device closed the transfer (is \"ip scp server enable\" configured?)", ErrSCP)
		}
		return err
	}
	if b == 0 {
		return nil
	}
	msg, _ := r.ReadString('\n')
	return fmt.Errorf("%w: device said: %s", ErrSCP, strings.TrimSpace(msg))
}
