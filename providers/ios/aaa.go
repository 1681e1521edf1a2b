package ios

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// privilege returns the IOS privilege level of u: its own, or the one its
// role stands for.
func privilege(u *models.User) int {
	switch {
	case u.Privilege != 0:
		return u.Privilege
	case u.Role == "network-admin":
		return 15
	default:
		return 1
	}
}

func (r *renderer) users() error {
	if len(r.cfg.Users) == 0 {
		return nil
	}
	r.w.Bang()
	for i := range r.cfg.Users {
		u := &r.cfg.Users[i]
		line := "username " + u.Name
		if p := privilege(u); p != 1 {
			line += " privilege " + strconv.Itoa(p)
		}
		if u.Password != nil {
			tok, err := r.secret(providers.FeatureUsers, fmt.Sprintf("users[%d].password", i),
				"username["+u.Name+"]/secret", *u.Password)
			if err != nil {
				return err
			}
			line += " secret " + tok
		}
		r.w.Line(line)
	}
	return nil
}

// sshKeys writes "ip ssh pubkey-chain". IOS stores a key as the MD5 of its
// wire form and prints that hash; classic IOS accepts RSA keys only.
func (r *renderer) sshKeys() error {
	var lines []string
	for i := range r.cfg.Users {
		u := &r.cfg.Users[i]
		if len(u.SSHKeys) == 0 {
			continue
		}
		lines = append(lines, "  username "+u.Name)
		for j, k := range u.SSHKeys {
			path := fmt.Sprintf("users[%d].ssh_keys[%d]", i, j)
			pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k))
			if err != nil {
				return unsupported(providers.FeatureUsers, path, "not an SSH public key: %v", err)
			}
			if pub.Type() != ssh.KeyAlgoRSA {
				return unsupported(providers.FeatureUsers, path,
					"classic IOS accepts only ssh-rsa public keys, this one is %s", pub.Type())
			}
			sum := md5.Sum(pub.Marshal())
			lines = append(lines, "   key-hash ssh-rsa "+strings.ToUpper(hex.EncodeToString(sum[:])))
		}
		lines = append(lines, "  quit")
	}
	if len(lines) == 0 {
		return nil
	}
	r.w.Bang()
	r.w.Line("ip ssh pubkey-chain")
	for _, l := range lines {
		r.w.Line(l)
	}
	r.w.Bang()
	return nil
}

// groupKeyword is the "aaa group server" keyword of each server group type.
var groupKeyword = map[string]string{"tacacs": "tacacs+", "radius": "radius"}

// serverName is the name of the server block of address in group g.
func serverName(g *models.ServerGroup, address string) string { return g.Name + "-" + address }

func (r *renderer) aaaGroups() error {
	a := r.cfg.AAA
	if a == nil || len(a.ServerGroups) == 0 {
		return nil
	}
	if len(r.cfg.Users) == 0 {
		r.w.Bang() // otherwise it follows the usernames, as IOS prints it
	}
	r.w.Line("aaa new-model")
	r.w.Bang()
	for i := range a.ServerGroups {
		g := &a.ServerGroups[i]
		kw, ok := groupKeyword[g.Type]
		if !ok {
			return unsupported(providers.FeatureAAA, fmt.Sprintf("aaa.server_groups[%d].type", i), "unknown server group type %q", g.Type)
		}
		children := make([]string, len(g.Servers))
		for j, s := range g.Servers {
			children[j] = "server name " + serverName(g, s.Address)
		}
		r.w.Block("aaa group server "+kw+" "+g.Name, children...)
	}
	return nil
}

// aaaServers writes the "tacacs server" and "radius server" blocks.
func (r *renderer) aaaServers() error {
	a := r.cfg.AAA
	if a == nil {
		return nil
	}
	for _, typ := range [...]string{"tacacs", "radius"} {
		for i := range a.ServerGroups {
			g := &a.ServerGroups[i]
			if g.Type != typ {
				continue
			}
			for j := range g.Servers {
				if err := r.aaaServer(g, fmt.Sprintf("aaa.server_groups[%d].servers[%d]", i, j), &g.Servers[j]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (r *renderer) aaaServer(g *models.ServerGroup, path string, s *models.AAAServer) error {
	name := serverName(g, s.Address)
	var children []string
	if g.Type == "radius" {
		auth := s.Port
		if auth == 0 {
			auth = 1645
		}
		children = append(children, fmt.Sprintf("address ipv4 %s auth-port %d acct-port %d", s.Address, auth, auth+1))
	} else {
		children = append(children, "address ipv4 "+s.Address)
	}
	if s.Key != nil {
		tok, err := r.secret(providers.FeatureAAA, path+".key", g.Type+"-server["+name+"]/key", *s.Key)
		if err != nil {
			return err
		}
		children = append(children, "key "+tok)
	}
	if g.Type == "tacacs" && s.Port != 0 && s.Port != 49 {
		children = append(children, "port "+strconv.Itoa(s.Port))
	}
	r.w.Bang()
	r.w.Block(g.Type+" server "+name, children...)
	return nil
}
