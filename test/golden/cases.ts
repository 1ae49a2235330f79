// Golden outputs: the sha256 of contacts.csv, intervals.csv and sessions.csv of a short run of
// every shipped scenario and of every bench scenario cut to a few intervals, at a fixed seed.
// Exports the case list, the fingerprinting run and the path of the stored fingerprints.
// The run goes through the command line's own entry (in this thread, one job, no charts).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GOLDEN_FILE = fileURLToPath(new URL('./golden.json', import.meta.url));
export const GOLDEN_FILES = ['contacts.csv', 'intervals.csv', 'sessions.csv'] as const;
/** Seed and replications of every golden run: two replications show the per-replication streams apart. */
const SEED = '7';
const REPLICATIONS = '2';
/** Intervals a bench scenario is cut to: its first hours, so the whole set runs in seconds. */
const BENCH_INTERVALS = 3;

export interface GoldenCase {
  /** The scenario file, relative to the project root: the key in golden.json. */
  readonly name: string;
  readonly file: string;
  /** Cut to BENCH_INTERVALS intervals (bench scenarios). */
  readonly cut: boolean;
}

export function goldenCases(): GoldenCase[] {
  const list = (dir: string, cut: boolean) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, file: join(ROOT, dir, f), cut }));
  return [...list('scenarios', false), ...list('test/bench/scenarios', true)];
}

/** The scenario text cut to its first `intervals` intervals: per-interval lists are cut with it. */
function cutText(text: string, intervals: number): string {
  const doc = parseDocument(text);
  const interval = (doc.getIn(['horizon', 'intervals']) as number | undefined) ?? intervals;
  const keep = Math.min(interval, intervals);
  doc.setIn(['horizon', 'intervals'], keep);
  const channels = doc.get('channels') as { items: { key: { value: string } }[] } | undefined;
  for (const item of channels?.items ?? []) {
    const volumes = doc.getIn(['channels', item.key.value, 'arrivals', 'volumes']) as { items: unknown[] } | undefined;
    if (volumes) volumes.items = volumes.items.slice(0, keep);
  }
  const groups = doc.get('agents') as { items: unknown[] } | undefined;
  for (let g = 0; g < (groups?.items.length ?? 0); g++) {
    const staffing = doc.getIn(['agents', g, 'staffing']) as { items: unknown[] } | undefined;
    if (staffing) staffing.items = staffing.items.slice(0, keep);
  }
  return doc.toString();
}

export type Fingerprints = Record<string, string | null>;

/** Runs one case and returns each golden file's sha256 (null: the run wrote no such file). */
export async function fingerprint(c: GoldenCase): Promise<Fingerprints> {
  const work = mkdtempSync(join(tmpdir(), 'osh-golden-'));
  try {
    let file = c.file;
    if (c.cut) {
      file = join(work, 'scenario.yaml');
      writeFileSync(file, cutText(readFileSync(c.file, 'utf8'), BENCH_INTERVALS));
    }
    const out = join(work, 'out');
    let errors = '';
    const code = await main(['run', file, '--out', out, '--seed', SEED, '--replications', REPLICATIONS, '--jobs', '1', '--contacts', '--no-charts', '--quiet'], {
      out: () => {},
      err: (text) => (errors += text),
    });
    if (code !== 0) throw new Error(`${c.name}: run failed (${code}): ${errors}`);
    const prints: Fingerprints = {};
    for (const name of GOLDEN_FILES) {
      const path = join(out, name);
      prints[name] = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
    }
    return prints;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function readGolden(): Record<string, Fingerprints> {
  return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, Fingerprints>;
}
