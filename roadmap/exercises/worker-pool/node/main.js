// worker-pool runs the jobs read from standard input, one "NAME MS" a line,
// on -workers workers at once, and prints their results in input order. A
// job's work is to wait MS milliseconds, standing in for a call to another
// service.
'use strict';

const { setTimeout: sleep } = require('node:timers/promises');

// runJob does one job: "NAME MS" waits MS milliseconds (0 to 2000).
async function runJob(line) {
  const m = /^(\S+) ([0-9]+)$/.exec(line);
  const n = m ? Number(m[2]) : NaN;
  if (!m || n > 2000) {
    return { text: `error: bad job ${JSON.stringify(line)}`, failed: true };
  }
  await sleep(n);
  return { text: `${m[1]} done in ${n}ms`, failed: false };
}

// runAll runs every job with at most workers at once and resolves to their
// results in the jobs' order.
async function runAll(jobs, workers) {
  // waymark:begin solution solve
  const results = new Array(jobs.length);
  let next = 0;
  async function worker() {
    // Taking the next index never awaits, so no two workers take the same.
    while (next < jobs.length) {
      const i = next++;
      results[i] = await runJob(jobs[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, worker));
  return results;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

function parseWorkers(args) {
  if (args.length === 0) {
    return 4;
  }
  if (args.length === 2 && args[0] === '-workers' && /^-?[0-9]+$/.test(args[1])) {
    return Number(args[1]);
  }
  return NaN;
}

function main() {
  const workers = parseWorkers(process.argv.slice(2));
  if (!(workers >= 1)) {
    console.error('worker-pool: -workers must be at least 1');
    process.exitCode = 1;
    return;
  }
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', async () => {
    const jobs = Buffer.concat(chunks).toString('utf8').split('\n');
    if (jobs[jobs.length - 1] === '') {
      jobs.pop();
    }
    const results = await runAll(jobs, workers);
    process.stdout.write(results.map((r) => `${r.text}\n`).join(''));
    process.exitCode = results.some((r) => r.failed) ? 1 : 0;
  });
}

main();
