// Loaded with `node --import` into every benchmarked process: reports the process's peak
// resident memory (worker threads included) on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
