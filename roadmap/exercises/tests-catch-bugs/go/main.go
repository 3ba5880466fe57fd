// Command tests-catch-bugs runs the tests of package slug against the real
// Slugify, or, given the name of a variant, against that broken version:
// exit status 0 when the tests pass, 1 when they fail, 2 when they cannot
// run.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"

	"github.com/waymark-dev/waymark/roadmap/exercises/tests-catch-bugs/go/slug"
)

func main() {
	variant := ""
	if len(os.Args) > 1 {
		variant = os.Args[1]
		if !slices.Contains(slug.Variants(), variant) {
			fmt.Fprintf(os.Stderr, "unknown variant %q; the variants are %v\n", variant, slug.Variants())
			os.Exit(2)
		}
	}
	cmd := exec.Command("go", "test", "-count=1", "./slug")
	cmd.Env = append(os.Environ(), "SLUG_VARIANT="+variant)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	against := "the real Slugify"
	if variant != "" {
		against = "the variant " + variant
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		fmt.Printf("the tests pass against %s\n", against)
	case errors.As(err, &exit):
		fmt.Printf("the tests fail against %s\n", against)
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "tests-catch-bugs: cannot run go test:", err)
		os.Exit(2)
	}
}
