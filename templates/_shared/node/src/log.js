// A small structured logger: one line per event on stdout, as text
// (time level message key=value ...) or JSON (LOG_FORMAT=json).

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger({ format = 'text', level = 'info', write = (line) => process.stdout.write(line) } = {}) {
  const min = LEVELS[level] ?? LEVELS.info;
  const log = (lvl, msg, fields = {}) => {
    if (LEVELS[lvl] < min) return;
    const time = new Date().toISOString();
    if (format === 'json') {
      write(JSON.stringify({ time, level: lvl, msg, ...fields }) + '\n');
      return;
    }
    const kv = Object.entries(fields).map(
      ([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`,
    );
    write([time, lvl.toUpperCase(), msg, ...kv].join(' ') + '\n');
  };
  return {
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger = createLogger({ write: () => {} });
