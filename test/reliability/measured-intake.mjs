// Runs the built `intake` command in this very process and, as it exits, writes what it cost to file
// descriptor 3 as JSON: its peak resident set size in kilobytes and its CPU time (user + system) in
// milliseconds. process.resourceUsage() counts every thread, the worker pool's included. Killing this
// process on a time limit kills the CLI itself, which a wrapper such as /usr/bin/time would survive.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cost = { maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  try {
    writeSync(3, `${JSON.stringify(cost)}\n`);
  } catch {
    // Started without a pipe on fd 3: nobody is measuring.
  }
});
await import('../../bin/intake.mjs');
