// Reading a scenario: text → value (YAML or JSON, duplicate keys and alias bombs refused)
// → shape → rules → normalised `Scenario`. `checkScenario` is the pure part; `readScenario`
// adds the file. Every problem is collected and thrown at once as an `InputError`.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { CHANNELS, type ChannelName } from '../osh/channels.js';
import { type Trace, parseTrace } from './trace.js';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { InputError, type InputIssue } from '../errors.js';
import { horizonStartMinute } from './horizon.js';
import type { Scenario } from './model.js';
import { normalizeScenario } from './normalize.js';
import { checkRules } from './rules.js';
import { scenarioShape, type WrittenScenario } from './schema.js';
import { joinPath } from './shape.js';
import * as messages from './messages.js';

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
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: true, strict: true });
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
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
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
export type TraceReader = (path: string) => { readonly text: string; readonly shownAs: string };

/**
 * The whole pipeline on a parsed value: shape, rules, traces, defaults. Throws InputError
 * (naming the trace file for a bad trace row). Without a reader, a trace is an error.
 */
export function checkScenario(value: unknown, file: string, readTrace?: TraceReader): Scenario {
  const issues: InputIssue[] = [];
  const written = scenarioShape.check(value, '', issues) as WrittenScenario | undefined;
  if (written === undefined || issues.length > 0) throw new InputError(file, issues);
  const ruleIssues = checkRules(written);
  if (ruleIssues.length > 0) throw new InputError(file, ruleIssues);
  const traces = new Map<ChannelName, Trace>();
  const startMinute = horizonStartMinute(written);
  const horizonSec = written.horizon.intervals * written.horizon.intervalMinutes * 60;
  for (const channel of CHANNELS) {
    const path = written.channels[channel]?.arrivals.trace;
    if (path === undefined) continue;
    if (readTrace === undefined) throw new InputError(file, [{ path: `channels.${channel}.arrivals.trace`, message: messages.traceNeedsAFile() }]);
    let source: { text: string; shownAs: string };
    try {
      source = readTrace(path);
    } catch (error) {
      const reason = error instanceof InputError ? error.issues[0]!.message : messages.cannotBeRead();
      throw new InputError(file, [{ path: `channels.${channel}.arrivals.trace`, message: messages.traceUnusable(path, reason) }]);
    }
    const traceIssues: InputIssue[] = [];
    traces.set(channel, parseTrace(source.text, channel, startMinute, horizonSec, traceIssues));
    if (traceIssues.length > 0) throw new InputError(source.shownAs, traceIssues);
  }
  return normalizeScenario(written, traces);
}

/** Parses scenario text (YAML or JSON) and checks it; traces are read beside `file`. Throws InputError. */
export function scenarioFromText(text: string, file: string): Scenario {
  const issues: InputIssue[] = [];
  const value = parseScenarioText(text, issues);
  if (issues.length > 0) throw new InputError(file, issues);
  return checkScenario(value, file, traceReaderBeside(file));
}

/**
 * Reads traces relative to the scenario file's folder, each file once however many channels
 * or sweep variants replay it.
 */
export function traceReaderBeside(file: string): TraceReader {
  const read = new Map<string, { text: string; shownAs: string }>();
  return (path) => {
    const full = isAbsolute(path) ? path : join(dirname(file), path);
    let source = read.get(full);
    if (source === undefined) {
      source = { text: readTextFile(full, MAX_TRACE_BYTES, 'trace'), shownAs: full };
      read.set(full, source);
    }
    return source;
  };
}

/** Reads, parses and checks a scenario file. Throws InputError naming the file. */
export function readScenario(file: string): Scenario {
  return scenarioFromText(readScenarioText(file), file);
}

export const MAX_TRACE_BYTES = 512 * 1024 * 1024;

export function readScenarioText(file: string): string {
  return readTextFile(file, MAX_SCENARIO_BYTES, 'scenario');
}

function readTextFile(file: string, limit: number, what: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(file, [{ path: '', message: messages.isAFolder(what) }]);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, [{ path: '', message: messages.noSuchFile() }]);
  }
  if (size > limit) {
    throw new InputError(file, [{ path: '', message: messages.fileTooLarge(size / 1048576, what, limit / 1048576) }]);
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(file, [{ path: '', message: messages.cannotBeReadBecause(code) }]);
  }
}
