// A shard's folder: `shard.json` holds what its part of a run or sweep computed (every
// replication's figures, exactly), the scenario text and the options, so `osh-sim merge` can
// write, from all the parts, what the unsharded command writes. Log rows stay in part files.
// A shard folder may come from elsewhere: every field is checked for its type, counts are
// bounded, and the scenario text and the results must match the hashes written beside them.
// Exports `SHARD_FILE`, `ShardRecord`, `writeShardFile`, `readShardFile`.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type InputIssue } from '../errors.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { fromJson, toJson } from '../stats/serialize.js';
import { writeNewFile } from './folder.js';
import * as messages from './messages.js';
import { reportMessages } from './messages.js';

export const SHARD_FILE = 'shard.json';

/** Bounds a shard file is held to: as many shards as --shard allows, tasks as a sweep may have. */
export const SHARD_LIMITS = { shards: 10_000, tasks: 10_000_000, bytes: 4 * 2 ** 30 } as const;

export interface ShardRecord {
  readonly kind: 'run' | 'sweep';
  readonly version: string;
  readonly scenarioFile: string;
  /** The scenario file's absolute path: merge reads the traces it replays beside it. */
  readonly scenarioPath: string;
  readonly scenarioText: string;
  readonly scenarioSha256: string;
  /** Per channel, the replayed trace's fingerprint (null: no trace), to refuse an edited trace. */
  readonly tracesSha256: readonly (string | null)[];
  /** Command-line overrides of the scenario. */
  readonly seed: number | null;
  readonly replications: number | null;
  readonly shard: { readonly index: number; readonly count: number };
  readonly contacts: boolean;
  readonly charts: boolean;
  /** Sweep only: the --vary and --metric options as given. */
  readonly vary: readonly string[];
  readonly metrics: readonly string[];
  /** The tasks of this shard, in order, and their results. */
  readonly tasks: readonly { readonly variant: number; readonly replication: number }[];
  readonly results: readonly ReplicationResult[];
  readonly wallTimeSec: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function writeShardFile(folder: string, record: ShardRecord): void {
  const json = toJson(record) as Record<string, unknown>;
  // The results' fingerprint: a number edited by hand afterwards is refused by merge.
  json['resultsSha256'] = sha256(JSON.stringify(json['results']));
  writeNewFile(join(folder, SHARD_FILE), `${JSON.stringify(json)}\n`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const shown = (v: unknown) => (typeof v === 'string' ? `text '${v.slice(0, 40)}'` : v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`);

/** The type of every field of a parsed shard.json: one issue per wrong field. */
function shardIssues(json: unknown): InputIssue[] {
  if (!isObject(json)) return [{ path: '(whole file)', message: reportMessages.wrongType('an object', shown(json)) }];
  const issues: InputIssue[] = [];
  const want = (path: string, ok: boolean, expected: string, value: unknown) => {
    if (!ok) issues.push({ path, message: reportMessages.wrongType(expected, shown(value)) });
  };
  const j = json;
  want('kind', j['kind'] === 'run' || j['kind'] === 'sweep', "'run' or 'sweep'", j['kind']);
  for (const key of ['version', 'scenarioFile', 'scenarioPath', 'scenarioText']) want(key, typeof j[key] === 'string', 'text', j[key]);
  for (const key of ['scenarioSha256', 'resultsSha256']) want(key, isHash(j[key]), 'a SHA-256 in hex', j[key]);
  const traces = j['tracesSha256'];
  want('tracesSha256', Array.isArray(traces) && traces.length <= 16 && traces.every((t) => t === null || isHash(t)), 'a list of SHA-256 hashes or nulls', traces);
  want('seed', j['seed'] === null || isWhole(j['seed']), 'a whole number or null', j['seed']);
  want('replications', j['replications'] === null || isWhole(j['replications'], 1), 'a whole number >= 1 or null', j['replications']);
  const shard = j['shard'];
  const count = isObject(shard) ? shard['count'] : undefined;
  const index = isObject(shard) ? shard['index'] : undefined;
  want('shard.count', isWhole(count, 1) && count <= SHARD_LIMITS.shards, `a whole number from 1 to ${SHARD_LIMITS.shards}`, count);
  want('shard.index', isWhole(index, 1) && (!isWhole(count, 1) || index <= count), 'a whole number from 1 to shard.count', index);
  for (const key of ['contacts', 'charts']) want(key, typeof j[key] === 'boolean', 'true or false', j[key]);
  for (const key of ['vary', 'metrics']) {
    const list = j[key];
    want(key, Array.isArray(list) && list.length <= 1_000 && list.every((v) => typeof v === 'string'), 'a list of text', list);
  }
  want('wallTimeSec', typeof j['wallTimeSec'] === 'number' && Number.isFinite(j['wallTimeSec']) && j['wallTimeSec'] >= 0, 'a number >= 0', j['wallTimeSec']);
  const tasks = j['tasks'];
  const results = j['results'];
  if (!Array.isArray(tasks) || tasks.length > SHARD_LIMITS.tasks) {
    want('tasks', false, `a list of at most ${SHARD_LIMITS.tasks} tasks`, tasks);
  } else {
    const bad = tasks.findIndex((t) => !isObject(t) || !isWhole(t['variant']) || !isWhole(t['replication']));
    if (bad >= 0) want(`tasks.${bad}`, false, 'an object of whole numbers variant and replication', tasks[bad]);
    if (!Array.isArray(results) || results.length !== tasks.length) {
      want('results', false, `a list of ${tasks.length} results, one per task`, results);
    } else {
      const wrong = results.findIndex((r, i) => !isObject(r) || r['replication'] !== (tasks[i] as Record<string, unknown> | undefined)?.['replication'] || !isWhole(r['events']) || !isObject(r['channels']) || !isObject(r['ledger']));
      if (wrong >= 0) want(`results.${wrong}`, false, `the result of task ${wrong} (its replication, events, channels and ledger)`, results[wrong]);
    }
  }
  return issues;
}

export function readShardFile(folder: string): ShardRecord {
  const file = join(folder, SHARD_FILE);
  let text: string;
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) throw new InputError(folder, [{ path: SHARD_FILE, message: 'is not a regular file (a link, a device or a pipe)' }]);
    if (stat.size > SHARD_LIMITS.bytes) throw new InputError(folder, [{ path: SHARD_FILE, message: reportMessages.tooMany('bytes', SHARD_LIMITS.bytes, stat.size) }]);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(folder, [{ path: SHARD_FILE, message: messages.notAShardFolder() }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(folder, [{ path: SHARD_FILE, message: messages.notValidJson(error instanceof Error ? error.message.slice(0, 200) : String(error)) }]);
  }
  const issues = shardIssues(json);
  if (issues.length === 0) {
    const j = json as Record<string, unknown>;
    if (sha256(j['scenarioText'] as string) !== j['scenarioSha256']) issues.push({ path: 'scenarioSha256', message: reportMessages.hashMismatch('scenarioSha256', 'scenarioText') });
    if (sha256(JSON.stringify(j['results'])) !== j['resultsSha256']) issues.push({ path: 'resultsSha256', message: reportMessages.hashMismatch('resultsSha256', 'results') });
  }
  if (issues.length > 0) throw new InputError(file, issues.slice(0, 20));
  const record = fromJson(json as Parameters<typeof fromJson>[0]) as ShardRecord & { resultsSha256?: string };
  delete record.resultsSha256;
  return record;
}
