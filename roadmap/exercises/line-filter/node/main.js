// line-filter prints the lines of standard input that contain a pattern,
// like a small grep: -i ignores case, -c prints only the count. It exits 0
// when a line matched, 1 when none did and 2 on a usage error.
'use strict';

const USAGE = 'usage: line-filter [-i] [-c] PATTERN';

// run filters text by the command-line arguments args and returns what to
// print on stdout and stderr and the exit status.
function run(args, text) {
  // waymark:begin solution solve
  let ignoreCase = false;
  let count = false;
  const rest = [];
  for (const arg of args) {
    if (arg === '-i') {
      ignoreCase = true;
    } else if (arg === '-c') {
      count = true;
    } else if (arg.startsWith('-') && arg !== '-' && rest.length === 0) {
      return { stdout: '', stderr: `line-filter: unknown flag ${arg}\n${USAGE}\n`, code: 2 };
    } else {
      rest.push(arg);
    }
  }
  if (rest.length !== 1) {
    return { stdout: '', stderr: `${USAGE}\n`, code: 2 };
  }
  const pattern = ignoreCase ? rest[0].toLowerCase() : rest[0];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop(); // the newline that ends the last line starts no new one
  }
  const matches = lines.filter((line) => (ignoreCase ? line.toLowerCase() : line).includes(pattern));
  const stdout = count ? `${matches.length}\n` : matches.map((line) => `${line}\n`).join('');
  return { stdout, stderr: '', code: matches.length > 0 ? 0 : 1 };
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

function main() {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => {
    const { stdout, stderr, code } = run(process.argv.slice(2), Buffer.concat(chunks).toString('utf8'));
    process.stderr.write(stderr);
    process.stdout.write(stdout, () => process.exit(code));
  });
}

main();
