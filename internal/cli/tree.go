package cli

import (
	"fmt"
	"io"
	"strings"
)

// printTree prints sorted slash paths as an indented tree.
func printTree(out io.Writer, files []string) {
	var prev []string
	for _, f := range files {
		parts := strings.Split(f, "/")
		dirs := parts[:len(parts)-1]
		common := 0
		for common < len(dirs) && common < len(prev) && dirs[common] == prev[common] {
			common++
		}
		for i := common; i < len(dirs); i++ {
			fmt.Fprintf(out, "  %s%s/\n", strings.Repeat("  ", i), dirs[i])
		}
		fmt.Fprintf(out, "  %s%s\n", strings.Repeat("  ", len(dirs)), parts[len(parts)-1])
		prev = dirs
	}
}
