package clisim

import (
	"fmt"
	"strings"
)

// kw reports whether w abbreviates keyword (at least min characters).
func kw(w, keyword string, min int) bool {
	return len(w) >= min && strings.HasPrefix(keyword, strings.ToLower(w))
}

// exec runs a user or privileged exec command; false ends the session.
func (s *shell) exec(line string) bool {
	f := strings.Fields(line)
	if len(f) == 0 {
		return true
	}
	prompt := s.prompt()
	invalid := func(word int) { s.cmdError(line, prompt, invalidAt(word)) }
	switch {
	case kw(f[0], "enable", 2):
		s.enable()
	case kw(f[0], "disable", 4):
		s.priv = false
	case kw(f[0], "exit", 3) || kw(f[0], "logout", 4) || f[0] == "quit":
		return false
	case kw(f[0], "terminal", 4):
		if len(f) < 2 || !(kw(f[1], "length", 3) || kw(f[1], "width", 3) || kw(f[1], "monitor", 3) || f[1] == "no") {
			invalid(1)
		}
	case kw(f[0], "show", 2):
		s.show(f, invalid)
	case !s.priv && (kw(f[0], "configure", 4) || kw(f[0], "write", 2) || kw(f[0], "copy", 2) ||
		kw(f[0], "dir", 3) || kw(f[0], "more", 2) || kw(f[0], "delete", 3)):
		invalid(0)
	case kw(f[0], "configure", 4):
		s.configureCmd(f, invalid)
	case kw(f[0], "write", 2):
		if len(f) > 1 && !kw(f[1], "memory", 1) {
			invalid(1)
			break
		}
		s.writeMemory()
	case kw(f[0], "copy", 2):
		s.copy(f, invalid)
	case kw(f[0], "dir", 3):
		s.dir()
	case kw(f[0], "more", 2) && len(f) == 2:
		s.d.mu.Lock()
		c, ok := s.d.files[flashPath(f[1])]
		s.d.mu.Unlock()
		if !ok {
			s.printf("%%Error opening %s (No such file or directory)\r\n", flashPath(f[1]))
			break
		}
		s.printf("%s", crlf(c))
	case kw(f[0], "delete", 3) && len(f) == 3 && f[1] == "/force":
		s.d.mu.Lock()
		delete(s.d.files, flashPath(f[2]))
		s.d.mu.Unlock()
	case len(f) == 1:
		s.printf("Translating \"%s\"\r\n%% Unknown command or computer name, or unable to find computer address\r\n", f[0])
	default:
		invalid(0)
	}
	return true
}

func (s *shell) enable() {
	if s.priv {
		return
	}
	s.printf("Password: ")
	s.hidden = true
	s.pending = func(pw string) {
		if pw == s.d.cfg.EnablePassword && pw != "" {
			s.priv = true
			return
		}
		s.printf("%% Access denied\r\n\r\n")
	}
}

func (s *shell) show(f []string, invalid func(int)) {
	if len(f) < 2 {
		s.printf("%% Type \"show ?\" for a list of subcommands\r\n")
		return
	}
	d := s.d
	switch {
	case kw(f[1], "running-config", 3) && s.priv:
		if len(f) > 2 {
			invalid(2)
			return
		}
		d.mu.Lock()
		body := format(d.running)
		stamp := d.lastChangeLine()
		d.mu.Unlock()
		s.printf("Building configuration...\r\n\r\nCurrent configuration : %d bytes\r\n%s%s", len(body), stamp, crlf(body))
	case kw(f[1], "startup-config", 3) && s.priv:
		d.mu.Lock()
		body := format(d.startup)
		d.mu.Unlock()
		s.printf("Using %d out of 524288 bytes\r\n%s", len(body), crlf(body))
	case kw(f[1], "archive", 3) && s.priv && len(f) == 5 && kw(f[2], "config", 3) && kw(f[3], "rollback", 3) && kw(f[4], "timer", 3):
		s.d.showRollbackTimer(s)
	case kw(f[1], "archive", 3) && s.priv && len(f) == 5 && kw(f[2], "log", 3) && kw(f[3], "config", 3) && kw(f[4], "all", 3):
		s.showArchiveLog()
	case kw(f[1], "archive", 3) && s.priv:
		s.showArchive()
	case kw(f[1], "logging", 3):
		d.mu.Lock()
		lines := append([]string(nil), d.logBuf...)
		d.mu.Unlock()
		s.printf("Log Buffer (8192 bytes):\r\n")
		for _, l := range lines {
			s.printf("%s\r\n", l)
		}
	case kw(f[1], "version", 3):
		s.printf("Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)\r\n" +
			"ROM: Bootstrap program is C2960X boot loader\r\n" +
			"Model number                    : WS-C2960X-48FPD-L (simulated)\r\n")
	default:
		invalid(1)
	}
}

func (s *shell) showArchive() {
	d := s.d
	d.mu.Lock()
	defer d.mu.Unlock()
	path, ok := archivePath(d.running)
	if !ok {
		s.printf("Archive feature not enabled\r\n")
		return
	}
	s.printf("The maximum archive configurations allowed is 14.\r\n")
	s.printf("The next archive file will be named %s-%d\r\n Archive #  Name\r\n", path, d.archive+1)
	for i := 1; i <= d.archive; i++ {
		mark := ""
		if i == d.archive {
			mark = " <- Most Recent"
		}
		s.printf("   %-8d %s-%d%s\r\n", i, path, i, mark)
	}
}

func (s *shell) writeMemory() {
	s.d.mu.Lock()
	s.d.startup = s.d.running.Clone()
	s.d.mu.Unlock()
	s.printf("Building configuration...\r\n[OK]\r\n")
}

func (s *shell) copy(f []string, invalid func(int)) {
	if len(f) != 3 {
		s.cmdError(strings.Join(f, " "), s.prompt(), errIncomplete)
		return
	}
	if !kw(f[1], "running-config", 3) {
		invalid(1)
		return
	}
	switch {
	case kw(f[2], "startup-config", 3):
		s.printf("Destination filename [startup-config]? ")
		s.pending = func(string) { s.writeMemory() }
	case strings.HasPrefix(f[2], "flash:"):
		def := strings.TrimPrefix(flashPath(f[2]), "flash:")
		s.printf("Destination filename [%s]? ", def)
		s.pending = func(ans string) {
			name := flashPath(def)
			if a := strings.TrimSpace(ans); a != "" {
				name = flashPath(a)
			}
			s.d.mu.Lock()
			body := format(s.d.running)
			s.d.files[name] = body
			s.d.mu.Unlock()
			s.printf("%d bytes copied in 0.112 secs (%d bytes/sec)\r\n", len(body), len(body)*9)
		}
	default:
		invalid(2)
	}
}

func (s *shell) dir() {
	s.printf("Directory of flash:/\r\n\r\n")
	for i, name := range s.d.Files() {
		c, _ := s.d.File(name)
		s.printf("%4d  -rwx %10d  Jan 1 2025 00:00:00 +00:00  %s\r\n", i+2, len(c), strings.TrimPrefix(name, "flash:"))
	}
	s.printf("\r\n122185728 bytes total (94021632 bytes free)\r\n")
}

// configureCmd handles configure terminal / replace / confirm / revert.
func (s *shell) configureCmd(f []string, invalid func(int)) {
	switch {
	case len(f) == 1 || kw(f[1], "terminal", 1):
		s.printf("Enter configuration commands, one per line.  End with CNTL/Z.\r\n")
		s.config, s.eng.stack, s.archSess = true, nil, 0
	case kw(f[1], "replace", 3):
		s.replaceCmd(f[2:], invalid)
	case kw(f[1], "confirm", 4):
		s.d.confirm(s)
	case kw(f[1], "revert", 3):
		switch {
		case len(f) == 3 && f[2] == "now":
			s.d.revert(s)
		case len(f) == 4 && f[2] == "timer":
			var m int
			if _, err := fmt.Sscanf(f[3], "%d", &m); err != nil || m < 1 || m > 120 {
				invalid(3)
				return
			}
			s.d.resetTimer(s, m)
		default:
			invalid(2)
		}
	default:
		invalid(1)
	}
}

func (s *shell) replaceCmd(args []string, invalid func(int)) {
	if len(args) == 0 {
		s.cmdError("configure replace", s.prompt(), errIncomplete)
		return
	}
	file, force, minutes := flashPath(args[0]), false, 0
	for i := 1; i < len(args); i++ {
		switch args[i] {
		case "force":
			force = true
		case "list", "ignorecase", "nolock":
		case "time":
			if i+1 >= len(args) {
				s.cmdError("configure replace", s.prompt(), errIncomplete)
				return
			}
			i++
			if _, err := fmt.Sscanf(args[i], "%d", &minutes); err != nil || minutes < 1 || minutes > 120 {
				invalid(i + 2)
				return
			}
		default:
			invalid(i + 2)
			return
		}
	}
	if force {
		s.d.replace(s, file, minutes)
		return
	}
	s.printf("This will apply all necessary additions and deletions\r\nto replace the current running configuration with the\r\n" +
		"contents of the specified configuration file, which is\r\nassumed to be a complete configuration, not a partial\r\n" +
		"configuration. Enter Y if you are sure you want to proceed. ? [no]: ")
	s.pending = func(ans string) {
		if a := strings.ToLower(strings.TrimSpace(ans)); a == "y" || a == "yes" {
			s.d.replace(s, file, minutes)
			return
		}
		s.printf("%%Configuration replace aborted\r\n")
	}
}
