package clitext

import (
	"errors"
	"strings"
)

// ErrNoDelimiter is returned by BannerDelimiter when every candidate
// delimiter occurs in the banner text.
var ErrNoDelimiter = errors.New("every banner delimiter candidate occurs in the text")

// DefaultDelimiter is the delimiter show running-config prints around
// banners: the two characters '^' and 'C', which IOS reads back as the
// ETX (Ctrl-C) delimiter when it loads a configuration file.
const DefaultDelimiter = "^C"

// delimiterFallbacks are tried, in order, when the text contains "^C".
const delimiterFallbacks = "#%&$@~|+"

// BannerDelimiter returns the delimiter to write around text: "^C" unless
// the text contains it (or a raw ETX byte, which IOS treats the same),
// otherwise the first of # % & $ @ ~ | + that does not occur in the text.
// It returns ErrNoDelimiter when none is free.
func BannerDelimiter(text string) (string, error) {
	if !strings.Contains(text, DefaultDelimiter) && !strings.Contains(text, "\x03") {
		return DefaultDelimiter, nil
	}
	for _, c := range delimiterFallbacks {
		if !strings.ContainsRune(text, c) {
			return string(c), nil
		}
	}
	return "", ErrNoDelimiter
}

// BannerText normalises banner text for rendering: CRLF becomes LF and
// leading and trailing blank lines are removed.
func BannerText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Trim(s, "\n")
}
