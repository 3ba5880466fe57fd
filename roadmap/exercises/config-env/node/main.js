// config-env reads its configuration from the environment, refuses to
// start when a required variable is missing or a value is wrong, and prints
// a summary of what it will use with its secrets redacted.
'use strict';

// load reads the configuration from env and returns every problem it
// finds, not only the first.
function load(env) {
  // waymark:begin solution solve
  const cfg = { port: 8080, logLevel: 'info', databaseURL: env.DATABASE_URL || '', apiToken: env.API_TOKEN || '' };
  const problems = [];
  if (!cfg.databaseURL) {
    problems.push('DATABASE_URL is required (for example postgres://user:password@host:5432/db)');
  }
  if (!cfg.apiToken) {
    problems.push('API_TOKEN is required');
  }
  if (env.PORT) {
    const port = /^[0-9]+$/.test(env.PORT) ? Number(env.PORT) : NaN;
    if (!(port >= 1 && port <= 65535)) {
      problems.push(`PORT must be a number from 1 to 65535, not ${JSON.stringify(env.PORT)}`);
    }
    cfg.port = port;
  }
  if (env.LOG_LEVEL) {
    if (['debug', 'info', 'warn', 'error'].includes(env.LOG_LEVEL)) {
      cfg.logLevel = env.LOG_LEVEL;
    } else {
      problems.push(`LOG_LEVEL must be debug, info, warn or error, not ${JSON.stringify(env.LOG_LEVEL)}`);
    }
  }
  return { cfg, problems };
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

// summary is what the program prints once its configuration is good: one
// setting a line, no secret in it.
function summary(cfg) {
  // waymark:begin solution solve
  let dbURL = '[unreadable]'; // even a URL that does not parse may hold a password
  try {
    const u = new URL(cfg.databaseURL);
    if (u.password) {
      u.password = 'xxxxx';
    }
    dbURL = u.toString();
  } catch {
    // keep [unreadable]
  }
  return `port=${cfg.port}\nlog_level=${cfg.logLevel}\ndatabase_url=${dbURL}\napi_token=[redacted]\n`;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

function main() {
  const { cfg, problems } = load(process.env);
  if (problems.length > 0) {
    for (const p of problems) {
      console.error(`config: ${p}`);
    }
    process.exitCode = 1;
    return;
  }
  process.stdout.write(summary(cfg));
}

main();
