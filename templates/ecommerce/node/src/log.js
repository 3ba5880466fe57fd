// One line per event on stdout: text (time level msg key=value) or JSON.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger({ format = 'text', level = 'info', write = (line) => process.stdout.write(line) } = {}) {
  const min = LEVELS[level] ?? LEVELS.info;
  const log =
    (lvl) =>
    (msg, fields = {}) => {
      if (LEVELS[lvl] < min) return;
      const time = new Date().toISOString();
      if (format === 'json') return write(JSON.stringify({ time, level: lvl, msg, ...fields }) + '\n');
      const kv = Object.entries(fields).map(
        ([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`,
      );
      write([time, lvl.toUpperCase(), msg, ...kv].join(' ') + '\n');
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests). */
export const silentLogger = createLogger({ write: () => {} });
