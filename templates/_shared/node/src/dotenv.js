import fs from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * readDotEnv reads the KEY=VALUE settings of a .env file with Node's own
 * parser (util.parseEnv: `#` comments, single, double and back quotes,
 * multi-line double-quoted values, an optional `export `). A missing file
 * has no settings. It leaves process.env alone: the caller decides whether
 * the environment or the file wins.
 *
 * @param {string} file
 * @returns {Record<string, string>} an object without a prototype, so that
 *   no key reads anything but the file
 */
export function readDotEnv(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return Object.create(null);
    throw new Error(`read ${file}: ${err.message}`, { cause: err });
  }
  return Object.assign(Object.create(null), parseEnv(text));
}
