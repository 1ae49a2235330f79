// The command line runs from one bundled script compiled from the code cache the build recorded
// for its kind of command (bin/bundle.js): the caches are this Node's, a command runs the same
// compiled from its cache or afresh, and recording a cache writes one V8 takes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE, type CacheState, cacheFor, cachePath } from '../../bin/bundle.js';
import { writeSealedCache } from '../../src/report/code-cache.js';
import { ROOT, cli } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'osh-sim-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * What V8 made of a cache for the bundle, in a process of its own: a process that compiled the
 * bundle once finds it in V8's compilation cache and reads no code cache again.
 */
function cacheState(cacheFile: string | null): CacheState {
  const probe = `import { compileCommandLine } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin/bundle.js')).href)};
process.stdout.write(compileCommandLine(${JSON.stringify(cacheFile)}).cache);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }) as CacheState;
}

describe('the command line bundle', () => {
  it('starts a command from the cache a run recorded, and the rest from the one --version recorded', () => {
    expect(cacheFor(['run', 'scenarios/default.yaml'])).toBe('work');
    expect(cacheFor(['capacity', 'x.yaml', '--jobs', '2'])).toBe('work');
    expect(cacheFor(['--version'])).toBe('start');
    expect(cacheFor(['--help'])).toBe('start');
    expect(cacheFor(['help', 'run'])).toBe('start');
    expect(cacheFor([])).toBe('start');
  });

  it('takes both of the build’s caches under this Node, and uses no cache made for another script or damaged', () => {
    expect(cacheState(cachePath('start'))).toBe('taken');
    expect(cacheState(cachePath('work'))).toBe('taken');
    expect(cacheState(null)).toBe('none');
    // vega's cache is sealed for vega's bundle: not handed to V8 at all.
    expect(cacheState(join(ROOT, 'dist/vega/vega.cache'))).toBe('none');
    // Damaged bytes would stop V8 (a fatal error, no exception): the seal keeps them from it.
    const damaged = Buffer.from(readFileSync(cachePath('work')));
    for (let at = 1000; at < damaged.length; at += 4099) damaged[at]! ^= 0xff;
    writeFileSync(join(scratch, 'damaged.cache'), damaged);
    expect(cacheState(join(scratch, 'damaged.cache'))).toBe('none');
    // Sealed for this bundle but not V8's for it (as a cache of another Node): V8 rejects it.
    writeSealedCache(join(scratch, 'foreign.cache'), readFileSync(BUNDLE), readFileSync(join(ROOT, 'dist/vega/vega.cache')).subarray(64));
    expect(cacheState(join(scratch, 'foreign.cache'))).toBe('rejected');
    // The run's cache holds what a run compiles beyond starting.
    expect(statSync(cachePath('work')).size).toBeGreaterThan(2 * statSync(cachePath('start')).size);
  });

  it('runs a scenario the same from its cache and compiled afresh, and records a cache V8 takes', () => {
    const scenario = join(ROOT, 'test/bench/scenarios/tiny.yaml');
    const cached = cli(['run', scenario, '--no-charts', '--quiet', '--jobs', '1', '--out', join(scratch, 'cached')]);
    expect(cached.stderr).toBe('');
    expect(cached.status).toBe(0);
    // Recording compiles afresh: the same command without a cache.
    const recorded = join(scratch, 'recorded.cache');
    const fresh = cli(['run', scenario, '--no-charts', '--quiet', '--jobs', '1', '--out', join(scratch, 'fresh')], { env: { OSH_SIM_CODE_CACHE_OUT: recorded } });
    expect(fresh.stderr).toBe('');
    expect(fresh.status).toBe(0);
    const csvs = readdirSync(join(scratch, 'cached')).filter((f) => f.endsWith('.csv'));
    expect(csvs).toContain('intervals.csv');
    for (const file of csvs) expect(readFileSync(join(scratch, 'fresh', file), 'utf8'), file).toBe(readFileSync(join(scratch, 'cached', file), 'utf8'));
    expect(statSync(recorded).size).toBeGreaterThan(statSync(cachePath('start')).size);
    expect(cacheState(recorded)).toBe('taken');
  });
});
