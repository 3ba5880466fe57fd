package cli

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/iostreams"
)

// waymark __calibrate serves what it reads and says where; it ends when
// its input does.
func TestCalibrateCommand(t *testing.T) {
	io, in, out, errOut := iostreams.Test()
	in.WriteString(`{"replies": [{"status": 200, "body": "e30="}]}` + "\n")
	f := NewFactory(io, os.Getenv, time.Now)
	if code := Run(context.Background(), f, []string{"__calibrate"}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out.String(), `{"ready": true, "addr": "127.0.0.1:`) {
		t.Errorf("stdout = %q", out)
	}
	if calibrator() != nil {
		t.Error("a test binary was given as the calibrator")
	}
}
