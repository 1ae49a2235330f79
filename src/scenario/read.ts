// Reading a scenario: text → value (YAML or JSON, duplicate keys and alias bombs refused)
// → shape → rules → normalised `Scenario`. `checkScenario` is the pure part; `readScenario`
// adds the file. Every problem is collected and thrown at once as an `InputError`.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { type Trace, parseTraces } from './trace.js';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { InputError, InputErrors, type InputIssue } from '../errors.js';
import { horizonStartMinute } from './horizon.js';
import type { Scenario } from './model.js';
import { writtenSkills } from './skills.js';
import { normalizeScenario } from './normalize.js';
import { type PlannerIssues, type PlannerTexts, withPlannerFiles } from './planner-files.js';
import { readPlainYaml } from './quick-yaml.js';
import { checkRules } from './rules.js';
import { LIMITS, scenarioShape, type WrittenScenario } from './schema.js';
import { joinPath } from './shape.js';
import * as messages from './messages.js';
import { type ScenarioFileKind, fileTooLarge, notARegularFile, plannerMessages, traceOutsideFolders } from './messages.js';

/** Larger files are refused before parsing: no real scenario comes near it. */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;
/** YAML aliases allowed in one file; a "billion laughs" document needs far more. */
const MAX_ALIASES = 1000;
const MAX_DEPTH = 64;

/** Parses YAML or JSON (JSON is YAML) into a plain value, or pushes issues and returns undefined. */
export function parseScenarioText(text: string, issues: InputIssue[]): unknown {
  if (text.includes('\u0000')) {
    issues.push({ path: '', message: messages.notText() });
    return undefined;
  }
  if (text.trim() === '') {
    issues.push({ path: '', message: messages.emptyScenario() });
    return undefined;
  }
  // Most files are read by js-yaml, several times faster; `yaml` reads the rest and reports
  // every mistake (see quick-yaml.ts).
  const plain = readPlainYaml(text, MAX_DEPTH);
  if (plain !== undefined) return plain;
  // Merge keys (`<<: *voice`) let tens of skills share one definition, as YAML tools commonly allow.
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: true, strict: true, merge: true });
  for (const error of document.errors) {
    const at = error.linePos?.[0];
    issues.push({ path: at ? `line ${at.line}, column ${at.col}` : '', message: messages.notYaml(oneLine(error.message).replace(/ at line \d+, column \d+:?$/, '')) });
  }
  if (issues.length > 0) return undefined;
  findDuplicateKeys(document.contents as YamlNode | null, '', 0, issues);
  if (issues.length > 0) return undefined;
  try {
    return document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    issues.push({
      path: '',
      message: /alias/i.test(message)
        ? messages.tooManyAliases(MAX_ALIASES)
        : oneLine(message),
    });
    return undefined;
  }
}

function oneLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** The tags plain data needs; any other (!!js/function, !!binary, !include, …) is refused. */
const PLAIN_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** Walks the parsed document: duplicate keys, nesting depth and explicit tags. */
function findDuplicateKeys(node: YamlNode | null, path: string, depth: number, issues: InputIssue[]): void {
  if (node === null || node === undefined) return;
  if (depth > MAX_DEPTH) {
    issues.push({ path, message: messages.nestedTooDeep(MAX_DEPTH) });
    return;
  }
  const tag = (node as { tag?: string }).tag;
  if (tag !== undefined && !PLAIN_TAGS.has(tag)) {
    const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    issues.push({ path, message: messages.yamlTag(shown) });
    return;
  }
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const raw = isScalar(pair.key) ? pair.key.value : pair.key;
      // A merge key is a symbol to the parser; `<<` to the person who wrote it.
      const key = typeof raw === 'symbol' ? (raw.description ?? '') : String(raw);
      const keyPath = joinPath(path, key);
      if (seen.has(key)) issues.push({ path: keyPath, message: messages.fieldTwice() });
      seen.add(key);
      findDuplicateKeys(pair.value as YamlNode | null, keyPath, depth + 1, issues);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => findDuplicateKeys(item as YamlNode | null, joinPath(path, i), depth + 1, issues));
  }
}

/** Reads a trace file named in a scenario (the reader decides where it lives). */
export type TraceReader = (path: string, kind?: ScenarioFileKind) => { readonly text: string; readonly shownAs: string };

/**
 * The whole pipeline on a parsed value: shape, rules, traces, defaults. Throws InputError
 * (naming the trace file for a bad trace row). Without a reader, a trace is an error.
 */
export function checkScenario(value: unknown, file: string, readTrace?: TraceReader): Scenario {
  const issues: InputIssue[] = [];
  const asWritten = scenarioShape.check(value, '', issues) as WrittenScenario | undefined;
  if (asWritten === undefined || issues.length > 0) throw new InputError(file, issues);
  const planner: PlannerIssues = { scenario: [], files: new Map() };
  const { written, tables } = withPlannerFiles(asWritten, readPlannerTexts(asWritten, file, readTrace), PLANNER_LIMITS, planner);
  const fileErrors = [...planner.files].map(([shownAs, fileIssues]) => new InputError(shownAs, fileIssues));
  if (planner.scenario.length > 0) fileErrors.unshift(new InputError(file, planner.scenario));
  if (fileErrors.length === 1) throw fileErrors[0]!;
  if (fileErrors.length > 1) throw new InputErrors(fileErrors);
  const ruleIssues = checkRules(written);
  if (ruleIssues.length > 0) throw new InputError(file, ruleIssues);
  const traces = new Map<string, Trace>();
  const startMinute = horizonStartMinute(written);
  const horizonSec = written.horizon.intervals * written.horizon.intervalMinutes * 60;
  // A file replayed by several skills is parsed once for all of them (each skill still gets
  // the rows and the problems it would alone), when its first skill comes.
  const readingsByPath = new Map<string, ReadonlyMap<string, { trace: Trace; issues: InputIssue[] }>>();
  for (const queue of writtenSkills(written)) {
    const path = queue.entry.arrivals?.trace;
    if (path === undefined) continue;
    const at = `${queue.path}.arrivals.trace`;
    if (readTrace === undefined) throw new InputError(file, [{ path: at, message: messages.traceNeedsAFile() }]);
    let source: { text: string; shownAs: string };
    try {
      source = readTrace(path);
    } catch (error) {
      const reason = error instanceof InputError ? error.issues[0]!.message : messages.cannotBeRead();
      throw new InputError(file, [{ path: at, message: messages.traceUnusable(path, reason) }]);
    }
    let readings = readingsByPath.get(path);
    if (readings === undefined) {
      const knownSkills = writtenSkills(written).map((q) => ({ name: q.skill, channel: q.channel }));
      const fileSkills = writtenSkills(written).filter((q) => q.entry.arrivals?.trace === path).map((q) => ({ name: q.skill, channel: q.channel }));
      // Sweep variants read the same source object: what it gave under the same horizon and
      // skills is taken again instead of parsing the file once per variant.
      const key = JSON.stringify([startMinute, horizonSec, fileSkills, knownSkills]);
      const known = parsedSources.get(source);
      readings = known?.get(key);
      if (readings === undefined) {
        const fileChannels = [...new Set(fileSkills.map((k) => k.channel))];
        const asked = fileSkills.map((k) => ({ channel: k.channel, issues: [] as InputIssue[], options: { fileChannels, skill: k.name, fileSkills, knownSkills } }));
        const parsed = parseTraces(source.text, startMinute, horizonSec, asked);
        readings = new Map(fileSkills.map((k, i) => [k.name, { trace: parsed[i]!, issues: asked[i]!.issues }]));
        if (known === undefined) parsedSources.set(source, new Map([[key, readings]]));
        else known.set(key, readings);
      }
      readingsByPath.set(path, readings);
    }
    const reading = readings.get(queue.skill)!;
    traces.set(queue.skill, reading.trace);
    if (reading.issues.length > 0) throw new InputError(source.shownAs, reading.issues);
  }
  return normalizeScenario(written, traces, tables);
}

/**
 * Traces parsed from a source a trace reader handed out, by horizon and skills: a reader hands
 * out one object per file, so its sweep variants parse each file once. Traces are never changed
 * once parsed (the model only reads them), so variants may share them.
 */
const parsedSources = new WeakMap<{ readonly text: string }, Map<string, ReadonlyMap<string, { trace: Trace; issues: InputIssue[] }>>>();

/** A forecast row's volume and handle time, and a schedule row's agents, are bounded like inline figures. */
const PLANNER_LIMITS = { ahtSec: LIMITS.durationSec, volume: LIMITS.arrivalsPerReplication, agents: LIMITS.agentsPerGroup } as const;

/** The forecast and schedule texts a scenario names, read beside it like traces. */
function readPlannerTexts(written: WrittenScenario, file: string, readFile: TraceReader | undefined): PlannerTexts {
  const read = (field: 'forecast' | 'schedule') => {
    const path = written[field];
    if (path === undefined) return undefined;
    if (readFile === undefined) throw new InputError(file, [{ path: field, message: plannerMessages.needsAFile(field) }]);
    try {
      return readFile(path, field);
    } catch (error) {
      const reason = error instanceof InputError ? error.issues[0]!.message : plannerMessages.cannotBeRead();
      throw new InputError(file, [{ path: field, message: plannerMessages.unusableFile(path, reason) }]);
    }
  };
  const forecast = read('forecast');
  const schedule = read('schedule');
  return { ...(forecast === undefined ? {} : { forecast }), ...(schedule === undefined ? {} : { schedule }) };
}

/**
 * Parses scenario text (YAML or JSON) and checks it; traces are read beside `file` or below
 * one of `traceRoots`. Throws InputError.
 */
export function scenarioFromText(text: string, file: string, traceRoots: readonly string[] = []): Scenario {
  const issues: InputIssue[] = [];
  const value = parseScenarioText(text, issues);
  if (issues.length > 0) throw new InputError(file, issues);
  return checkScenario(value, file, traceReaderBeside(file, traceRoots));
}

/**
 * Reads traces from the scenario file's folder or below it, each file once however many
 * channels or sweep variants replay it. A trace elsewhere (`../x.csv`, an absolute path, a
 * link leading out) is read only below one of `traceRoots`, folders the user named.
 */
export function traceReaderBeside(file: string, traceRoots: readonly string[] = []): TraceReader {
  const read = new Map<string, { text: string; shownAs: string }>();
  const scenarioFolder = dirname(resolve(file));
  return (path, kind = 'trace') => {
    const full = resolve(scenarioFolder, path);
    let source = read.get(full);
    if (source === undefined) {
      const real = realPath(full);
      const folders = [...(isAbsolute(path) ? [] : [scenarioFolder]), ...traceRoots];
      if (!folders.some((folder) => isBelow(real, realPath(resolve(folder))))) {
        throw new InputError(full, [{ path: '', message: traceOutsideFolders(scenarioFolder, kind) }]);
      }
      source = { text: readTextFile(full, MAX_TRACE_BYTES, kind), shownAs: full };
      read.set(full, source);
    }
    return source;
  };
}

/** The path with every link resolved (the path itself when it does not exist: reading says why). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isBelow(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Reads, parses and checks a scenario file. Throws InputError naming the file. */
export function readScenario(file: string, traceRoots: readonly string[] = []): Scenario {
  return scenarioFromText(readScenarioText(file), file, traceRoots);
}

export const MAX_TRACE_BYTES = 512 * 1024 * 1024;

export function readScenarioText(file: string): string {
  return readTextFile(file, MAX_SCENARIO_BYTES, 'scenario');
}

/**
 * Reads a regular file as UTF-8, counting bytes as they arrive: a device (/dev/zero), a pipe
 * or a file that grows while read is refused at once or at `limit`, never read to the end.
 * Opened non-blocking so a FIFO without a writer cannot hang the open.
 */
function readTextFile(file: string, limit: number, what: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError(file, [{ path: '', message: messages.isAFolder(what) }]);
    throw new InputError(file, [{ path: '', message: code === 'ENOENT' || code === 'ENOTDIR' ? messages.noSuchFile() : messages.cannotBeReadBecause(code ?? 'error') }]);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(file, [{ path: '', message: messages.isAFolder(what) }]);
    if (!stat.isFile()) throw new InputError(file, [{ path: '', message: notARegularFile(what) }]);
    if (stat.size > limit) throw new InputError(file, [{ path: '', message: fileTooLarge(limit, what) }]);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw new InputError(file, [{ path: '', message: fileTooLarge(limit, what) }]);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, [{ path: '', message: messages.cannotBeReadBecause((error as NodeJS.ErrnoException).code ?? 'error') }]);
  } finally {
    closeSync(fd);
  }
}
