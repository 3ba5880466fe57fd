// word-count reads text on standard input and prints how many lines, words
// and characters it holds: "<lines> <words> <characters>".
'use strict';

// count returns the lines, words and characters (Unicode code points) of
// text.
function count(text) {
  // waymark:begin solution solve
  let lines = 0;
  let words = 0;
  let chars = 0;
  let inWord = false;
  let last = '\n';
  for (const ch of text) { // for…of walks code points, not UTF-16 units
    chars++;
    if (ch === '\n') {
      lines++;
    }
    if (/\s/.test(ch)) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      words++;
    }
    last = ch;
  }
  if (last !== '\n') {
    lines++; // text after the last newline is a line too
  }
  return { lines, words, chars };
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

function main() {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => {
    const { lines, words, chars } = count(Buffer.concat(chunks).toString('utf8'));
    process.stdout.write(`${lines} ${words} ${chars}\n`);
  });
}

main();
