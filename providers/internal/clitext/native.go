package clitext

import (
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/models"
)

// Native returns the native CLI blocks of c (native.cli) as one text to
// append to the rendered configuration, after checking each block: it must
// parse, and no line may set what rendered (the configuration rendered
// from the structured intent) sets under another text. Problems are
// models.FieldErrors at "native.cli[i]", naming the block's line.
func Native(c *models.Config, rendered string) (string, error) {
	if c.Native == nil || len(c.Native.CLI) == 0 {
		return "", nil
	}
	base, err := cliconf.Parse(rendered)
	if err != nil {
		return "", fmt.Errorf("native.cli: the rendered configuration does not parse: %w", err)
	}
	var b strings.Builder
	for i, block := range c.Native.CLI {
		path := fmt.Sprintf("native.cli[%d]", i)
		extra, err := cliconf.Parse(block)
		if err != nil {
			return "", models.FieldError{Path: path, Message: err.Error()}
		}
		if cs := cliconf.Conflicts(base, extra); len(cs) > 0 {
			x := cs[0]
			where := ""
			if len(x.Path) > 0 {
				where = " under `" + strings.Join(x.Path, " > ") + "`"
			}
			return "", models.FieldError{Path: path, Message: fmt.Sprintf(
				"line %d `%s` sets%s what the structured intent renders as `%s`: set it in one place", x.LineNo, x.Line, where, x.Other)}
		}
		b.WriteString(strings.TrimRight(block, "\n"))
		b.WriteString("\n")
	}
	return b.String(), nil
}
