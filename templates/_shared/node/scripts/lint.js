// npm run lint: `node --check` (a syntax check) on every JavaScript file of
// the project. Add ESLint here when you want more than syntax.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = ['src', 'test', 'scripts'];
const files = roots.flatMap((root) =>
  fs.existsSync(root)
    ? fs
        .readdirSync(root, { recursive: true })
        .map((f) => path.join(root, String(f)))
        .filter((f) => f.endsWith('.js'))
    : [],
);

let failed = 0;
for (const file of files) {
  try {
    execFileSync(process.execPath, ['--check', file], { stdio: 'inherit' });
  } catch {
    failed++;
  }
}
console.log(`${files.length - failed}/${files.length} files pass node --check`);
process.exitCode = failed > 0 ? 1 : 0;
