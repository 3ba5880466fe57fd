// Command word-count reads text on standard input and prints how many
// lines, words and characters it holds: "<lines> <words> <characters>".
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"unicode"
)

func main() {
	c, err := count(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, "word-count:", err)
		os.Exit(1)
	}
	fmt.Printf("%d %d %d\n", c.lines, c.words, c.chars)
}

// counts are what the program prints.
type counts struct {
	lines, words, chars int
}

// count reads r to its end and counts its lines, words and characters
// (Unicode code points; a byte that is not UTF-8 counts as one).
func count(r io.RuneReader) (counts, error) {
	// waymark:begin solution solve
	var c counts
	inWord := false
	last := '\n'
	for {
		ch, _, err := r.ReadRune()
		if err == io.EOF {
			break
		}
		if err != nil {
			return c, err
		}
		c.chars++
		if ch == '\n' {
			c.lines++
		}
		switch {
		case unicode.IsSpace(ch):
			inWord = false
		case !inWord:
			inWord = true
			c.words++
		}
		last = ch
	}
	if last != '\n' {
		c.lines++ // text after the last newline is a line too
	}
	return c, nil
	// waymark:end
}
