// Charts and sweep.html for a sweep's folder, rebuilt from its sweep.json alone (what
// `osh-sim report` does for a sweep): every value read back is type-checked first. New files
// are written beside the old ones and renamed over them, so the folder is never left half
// re-rendered. Exports `isSweepFolder`, `readSweepPage`, `renderSweepFolder`.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type InputIssue } from '../errors.js';
import { variantLabel } from '../experiments/sweep.js';
import { type SweepPage, writeSweepPage } from './sweep-files.js';

/** A folder a sweep wrote: sweep.json, and no run's summary.json. */
export function isSweepFolder(folder: string): boolean {
  return existsSync(join(folder, 'sweep.json')) && !existsSync(join(folder, 'summary.json'));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isValue = (v: unknown) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
const isFigure = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

/** sweep.json back into what the charts and the page need; every problem named by its field path. */
export function readSweepPage(folder: string): SweepPage {
  const file = join(folder, 'sweep.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(file, [{ path: '', message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` }]);
  }
  const issues: InputIssue[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) issues.push({ path, message });
    return ok;
  };
  if (!need(isObject(json), '', 'must be an object, as a sweep writes it')) throw new InputError(file, issues);
  const root = json as Json;
  need(typeof root['scenario'] === 'string', 'scenario', 'must be the scenario name (text)');
  need(Number.isInteger(root['seed']), 'seed', 'must be a whole number');
  need(Number.isInteger(root['replications']) && (root['replications'] as number) >= 1, 'replications', 'must be a whole number >= 1');
  const vary = Array.isArray(root['vary']) ? root['vary'] : [];
  need(Array.isArray(root['vary']) && vary.length > 0, 'vary', 'must list the varied fields');
  vary.forEach((v, i) => {
    need(isObject(v) && typeof v['path'] === 'string', `vary[${i}].path`, 'must be a field path (text)');
    need(isObject(v) && Array.isArray(v['values']) && v['values'].every(isValue), `vary[${i}].values`, 'must be a list of numbers, texts or booleans');
  });
  const paths = vary.map((v) => (isObject(v) ? String(v['path']) : ''));
  const variants = Array.isArray(root['variants']) ? root['variants'] : [];
  need(Array.isArray(root['variants']) && variants.length > 0, 'variants', 'must list the variants');
  variants.forEach((v, i) => {
    need(isObject(v) && Number.isInteger(v['variant']), `variants[${i}].variant`, 'must be the variant number');
    const values = isObject(v) ? v['values'] : undefined;
    for (const path of paths) need(isObject(values) && Object.hasOwn(values, path) && isValue(values[path]), `variants[${i}].values`, `must give a number, text or boolean for '${path}'`);
  });
  const charted = Array.isArray(root['charted']) ? root['charted'] : [];
  need(Array.isArray(root['charted']), 'charted', 'must list the charted figures');
  charted.forEach((c, i) => {
    need(isObject(c) && typeof c['figure'] === 'string', `charted[${i}].figure`, 'must be a figure name (text)');
    const figures = isObject(c) && Array.isArray(c['variants']) ? c['variants'] : null;
    if (!need(figures !== null && figures.length === variants.length, `charted[${i}].variants`, `must hold one figure per variant (${variants.length})`)) return;
    figures!.forEach((f, k) => need(isObject(f) && isFigure(f['mean']) && isFigure(f['ci95']), `charted[${i}].variants[${k}]`, 'must be { mean, ci95 }, each a number or null'));
  });
  if (issues.length > 0) throw new InputError(file, issues);

  const varies = vary.map((v) => ({ path: String((v as Json)['path']), values: (v as Json)['values'] as unknown[] }));
  const number = (x: unknown) => (typeof x === 'number' ? x : Number.NaN);
  return {
    scenario: root['scenario'] as string,
    seed: root['seed'] as number,
    replications: root['replications'] as number,
    vary: varies,
    variants: variants.map((v) => {
      const values = paths.map((path) => ((v as Json)['values'] as Json)[path]);
      return { index: (v as Json)['variant'] as number, values, label: variantLabel(varies, values) };
    }),
    charted: charted.map((c) => {
      const name = String((c as Json)['figure']);
      const figures = ((c as Json)['variants'] as Json[]).map((f) => ({ name, mean: number(f['mean']), ci95: number(f['ci95']), replications: root['replications'] as number }));
      return { name, figures };
    }),
  };
}

/** Re-renders a sweep folder's charts/ and sweep.html from its sweep.json; the chart names. */
export async function renderSweepFolder(folder: string): Promise<readonly string[]> {
  const page = readSweepPage(folder);
  const staging = join(folder, '.sweep-page.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const charts = await writeSweepPage((name) => join(staging, name), page);
    const chartsDir = join(folder, 'charts');
    if (existsSync(chartsDir)) rmSync(chartsDir, { recursive: true, force: true });
    renameSync(join(staging, 'charts'), chartsDir);
    renameSync(join(staging, 'sweep.html'), join(folder, 'sweep.html'));
    return charts;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
