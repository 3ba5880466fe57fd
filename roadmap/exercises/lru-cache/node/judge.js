'use strict';
// This file is the judge's harness, the same in every kata: it reads one
// case per line on standard input ({"id": 1, "args": [...]}), calls your
// function through main.js and writes one answer per line on standard
// output ({"id": 1, "result": ..., "ns": ...}). You do not need to change
// it; print debugging output with console.error, not console.log.

const path = require('node:path');
const readline = require('node:readline');

const todo = /TODO\(([\w-]+)\): not implemented/;

// serve answers every case on standard input until it ends. prepare takes a
// case's arguments and returns the call to time.
function serve(prepare) {
  write({ ready: true });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() !== '') write(answer(line, prepare));
  });
}

function answer(line, prepare) {
  let c;
  try {
    c = JSON.parse(line);
  } catch (err) {
    return { id: 0, error: `the harness could not read a case: ${err.message}` };
  }
  const call = prepare(c.args);
  const start = process.hrtime.bigint();
  let result;
  try {
    result = call();
  } catch (err) {
    const ns = Number(process.hrtime.bigint() - start);
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const m = todo.exec(message);
    if (m) return { id: c.id, error: 'not implemented', milestone: m[1] };
    return { id: c.id, error: message + site(err), ns };
  }
  const ns = Number(process.hrtime.bigint() - start);
  if (result === undefined) result = null;
  if (!finite(result)) return { id: c.id, error: 'the result holds NaN or Infinity, which JSON cannot hold', ns };
  return { id: c.id, result, ns };
}

// site is " (file.js:line)" of the first frame of the stack outside this
// file: the line of your code that threw.
function site(err) {
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack.split('\n') : [];
  for (const frame of stack.slice(1)) {
    const m = /\(?([^\s()]+\.js):(\d+):\d+\)?$/.exec(frame.trim());
    if (m && path.basename(m[1]) !== 'judge.js' && !m[1].startsWith('node:')) return ` (${path.basename(m[1])}:${m[2]})`;
  }
  return '';
}

function finite(v) {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finite);
  if (v !== null && typeof v === 'object') return Object.values(v).every(finite);
  return true;
}

function write(a) {
  process.stdout.write(`${JSON.stringify(a)}\n`);
}

module.exports = { serve };
