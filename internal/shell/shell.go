// Package shell writes command lines a learner can paste into a POSIX shell.
package shell

import "strings"

// safe are the characters a word may hold and still mean itself to the
// shell, unquoted.
const safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~:@+=,%"

// Quote returns s as one shell word: as it is when every character is
// plain, else in single quotes (a single quote inside becomes '\”).
func Quote(s string) string {
	if s != "" && strings.Trim(s, safe) == "" && s[0] != '~' {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Join quotes each word and joins them with spaces.
func Join(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = Quote(w)
	}
	return strings.Join(q, " ")
}
