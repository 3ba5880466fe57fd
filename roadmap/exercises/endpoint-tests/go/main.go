// Command endpoint-tests runs the tests of package api against the real
// API, or, given the name of a variant, against that broken version:
// exit status 0 when the tests pass, 1 when they fail, 2 when they cannot
// run.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"

	"github.com/waymark-dev/waymark/roadmap/exercises/endpoint-tests/go/api"
)

func main() {
	variant := ""
	if len(os.Args) > 1 {
		variant = os.Args[1]
		if !slices.Contains(api.Variants(), variant) {
			fmt.Fprintf(os.Stderr, "unknown variant %q; the variants are %v\n", variant, api.Variants())
			os.Exit(2)
		}
	}
	cmd := exec.Command("go", "test", "-count=1", "./api")
	cmd.Env = append(os.Environ(), "API_VARIANT="+variant)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	against := "the real API"
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
		fmt.Fprintln(os.Stderr, "endpoint-tests: cannot run go test:", err)
		os.Exit(2)
	}
}
