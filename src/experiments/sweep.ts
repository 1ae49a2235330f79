// What-if sweeps: a grid of variants of one scenario (every combination of the --vary values),
// each a checked scenario of its own, and the (variant, replication) tasks that run them.
// Variants keep the scenario's seed, so they draw the same random numbers stream by stream:
// common random numbers, which make a difference between variants their own doing. Reads no
// file: the scenario's text and a trace reader come from the caller.
// Exports `planSweep`, `sweepTasks`, `shardOf`, `parseShard`.
import { InputError, InputErrors, type InputIssue } from '../errors.js';
import type { Scenario } from '../scenario/model.js';
import { type TraceReader, checkScenario, parseScenarioText } from '../scenario/read.js';
import { type PathStep, parseFieldPath, parseValues, setField } from '../scenario/vary.js';
import * as messages from './messages.js';

export interface Vary {
  readonly path: string;
  readonly steps: readonly PathStep[];
  readonly values: readonly unknown[];
}

export interface Variant {
  readonly index: number;
  /** One value per vary, in the order the --vary options were given. */
  readonly values: readonly unknown[];
  readonly label: string;
  readonly scenario: Scenario;
}

export const MAX_VARIANTS = 10_000;

/** `PATH=VALUES` → the vary it describes. */
export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError('--vary', [{ path: '', message: messages.notPathEqualsValues(text) }]);
  const path = text.slice(0, eq).trim();
  return { path, steps: parseFieldPath(path, '--vary'), values: parseValues(text.slice(eq + 1), `--vary ${path}`) };
}

export function variantLabel(varies: readonly Pick<Vary, 'path'>[], values: readonly unknown[]): string {
  return varies.map((v, i) => `${v.path}=${String(values[i])}`).join(', ');
}

/**
 * Every combination of the values (the first --vary changing slowest), each applied to the
 * scenario text and checked like a file; all variants' problems are reported at once.
 * `readTrace` reads the traces the scenario names (once per file, shared by the variants).
 */
export function planSweep(text: string, file: string, varies: readonly Vary[], overrides: (s: Scenario) => Scenario, readTrace: TraceReader): Variant[] {
  const issues: InputIssue[] = [];
  const written = parseScenarioText(text, issues);
  if (issues.length > 0) throw new InputError(file, issues);
  const size = varies.reduce((n, vary) => n * vary.values.length, 1);
  if (size > MAX_VARIANTS) {
    throw new InputError('--vary', [{ path: '', message: messages.gridTooLarge(size, MAX_VARIANTS) }]);
  }
  let combinations: unknown[][] = [[]];
  for (const vary of varies) combinations = combinations.flatMap((c) => vary.values.map((v) => [...c, v]));
  const variants: Variant[] = [];
  const problems: InputError[] = [];
  const seen = new Set<string>();
  combinations.forEach((values, index) => {
    const label = variantLabel(varies, values);
    try {
      let value = written;
      varies.forEach((vary, i) => {
        value = setField(value, vary.steps, values[i], `--vary ${vary.path}`);
      });
      variants.push({ index, values, label, scenario: overrides(checkScenario(value, `${file} [${label}]`, readTrace)) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A problem alike in several variants (a misspelt --vary path) is said once, for the
      // first variant that has it.
      const fresh = error.issues.filter((issue) => {
        const key = `${issue.path}\u0000${issue.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length > 0) problems.push(new InputError(error.file, fresh));
    }
  });
  if (problems.length > 0) throw new InputErrors(problems);
  return variants;
}

export interface Task {
  readonly variant: number;
  readonly replication: number;
}

/** Tasks in order: variant by variant, replication by replication. */
export function sweepTasks(variants: number, replications: number): Task[] {
  const tasks: Task[] = [];
  for (let v = 0; v < variants; v++) for (let r = 0; r < replications; r++) tasks.push({ variant: v, replication: r });
  return tasks;
}

export { type Shard, parseShard, shardOf } from './shard.js';
