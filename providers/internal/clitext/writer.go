package clitext

import "strings"

// Writer accumulates configuration text one line at a time. A "!" separator
// is never written twice in a row nor as the first line. The zero Writer is
// ready to use; a Writer is not safe for concurrent use.
type Writer struct {
	b    strings.Builder
	last string
}

// Grow grows the buffer to hold at least n more bytes.
func (w *Writer) Grow(n int) { w.b.Grow(n) }

// Line writes s followed by a newline.
func (w *Writer) Line(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.last = s
}

// Linef writes the concatenation of parts as one line, without fmt.
func (w *Writer) Linef(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
	w.last = "" // never "!", the only value last is compared with
}

// Bang writes a "!" separator unless nothing has been written yet or the
// previous line is already one.
func (w *Writer) Bang() {
	if w.b.Len() == 0 || w.last == "!" {
		return
	}
	w.Line("!")
}

// Block writes header, then each child indented by one space, then "!".
func (w *Writer) Block(header string, children ...string) {
	w.Line(header)
	for _, c := range children {
		w.Linef(" ", c)
	}
	w.Bang()
}

// String returns the text written so far.
func (w *Writer) String() string { return w.b.String() }
