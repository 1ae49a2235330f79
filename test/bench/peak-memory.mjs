// Loaded with `node --import` into every benchmarked process: reports the process's peak
// resident memory and its CPU time (user + system, worker threads included) on stderr when it
// exits. CPU time is what a busy shared machine distorts least; wall time is what a user waits.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nbench-peak-rss-kb=${usage.maxRSS}\nbench-cpu-us=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
