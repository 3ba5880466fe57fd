import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readDotEnv } from '../src/dotenv.js';

const tmpFile = (text) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dotenv-')), '.env');
  if (text !== undefined) fs.writeFileSync(file, text);
  return file;
};

test('readDotEnv reads KEY=VALUE lines the way Node does', () => {
  const vars = readDotEnv(
    tmpFile(
      [
        '# a comment',
        'PORT=9000',
        'export LOG_LEVEL="debug"',
        "QUOTED='a # is kept inside quotes'",
        'TRAILING=value # a comment after the value',
        'SPACED = around the sign ',
        'EMPTY=',
        'CRLF=yes\r',
        'MULTI="one',
        'two"',
        '',
      ].join('\n'),
    ),
  );
  assert.equal(vars.PORT, '9000');
  assert.equal(vars.LOG_LEVEL, 'debug');
  assert.equal(vars.QUOTED, 'a # is kept inside quotes');
  assert.equal(vars.TRAILING, 'value');
  assert.equal(vars.SPACED, 'around the sign');
  assert.equal(vars.EMPTY, '');
  assert.equal(vars.CRLF, 'yes');
  assert.equal(vars.MULTI, 'one\ntwo');
});

test('readDotEnv answers only what the file sets', () => {
  const vars = readDotEnv(tmpFile('A=1\n'));
  assert.deepEqual(Object.keys(vars), ['A']);
  assert.equal(vars.toString, undefined, 'no key reads the prototype');
  assert.equal(vars.constructor, undefined);
});

test('a missing .env has no settings; an unreadable one is an error', () => {
  assert.deepEqual(Object.keys(readDotEnv(tmpFile())), []);
  const dir = path.dirname(tmpFile());
  assert.throws(() => readDotEnv(dir), /EISDIR|illegal operation on a directory/);
});
