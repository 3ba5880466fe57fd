package cli

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// promptChoice asks for one of choices on a line; an empty answer takes the
// first.
func promptChoice(in io.Reader, out io.Writer, question string, choices []string) (string, error) {
	r := bufio.NewReader(in)
	for range 3 {
		fmt.Fprintf(out, "%s (%s) [%s]: ", question, strings.Join(choices, ", "), choices[0])
		line, err := r.ReadString('\n')
		answer := strings.TrimSpace(line)
		if answer == "" && err == nil {
			return choices[0], nil
		}
		if slices.Contains(choices, answer) {
			return answer, nil
		}
		if err != nil {
			return "", fmt.Errorf("no answer: %w", err)
		}
		fmt.Fprintf(out, "%q is not one of them.\n", answer)
	}
	return "", usageErrorf("no valid choice: pass it as a flag instead")
}
