package check

import (
	"os"
	"strconv"
)

// memoryLimited says whether judge steps enforce their memory limit here.
const memoryLimited = true

// limitMemory wraps a command so that it runs with its data segment limited
// to limit bytes. RLIMIT_DATA, which Linux (4.7 and later) counts as a
// program's private writable mappings, is its heap; RLIMIT_AS would also
// count the address space that Node and Go reserve without using, and stop
// them before they start. A fixed /bin/sh script sets the limit in the
// child, after fork and before exec, so waymark's own limits never change;
// the command's words are the script's arguments, never parsed by the
// shell. Without /bin/sh the command runs unlimited.
func limitMemory(words []string, limit int64) []string {
	if _, err := os.Stat("/bin/sh"); err != nil || limit <= 0 {
		return words
	}
	const script = `ulimit -d "$1" 2>/dev/null; shift; exec "$@"`
	return append([]string{"/bin/sh", "-c", script, "waymark-judge", strconv.FormatInt(limit>>10, 10)}, words...)
}
