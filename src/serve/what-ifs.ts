// The workbench form's what-ifs: the fields a planner changes every day, found in a scenario
// as written (volume multipliers per channel and skill, agents per group, chats and contacts at
// once per profile, elevation probabilities, attention discipline, replications), and their
// values written back into the YAML document, comments kept. Pure: no files, no clock.
// Exports `whatIfFields`, `applyWhatIfs`, `fieldOfIssue`.
import type { Document } from 'yaml';
import type { InputIssue } from '../errors.js';
import { scaledAgents } from '../scenario/horizon.js';
import { joinPath } from '../scenario/shape.js';
import type { WhatIfField, WhatIfValues } from './api.js';
import { notANumber, outOfRange } from './messages.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const MULTIPLIER = { min: 0, max: 100, step: 0.05 } as const;

/** Arrival sections the volume multiplier scales: `channels.<c>` and `skills.<s>`. */
function arrivalSections(scenario: Json): { path: string; label: string; arrivals: Json }[] {
  const out: { path: string; label: string; arrivals: Json }[] = [];
  for (const section of ['channels', 'skills'] as const) {
    const entries = scenario[section];
    if (!isRecord(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) {
      if (!isRecord(entry) || !isRecord(entry['arrivals'])) continue;
      const arrivals = entry['arrivals'];
      // A recorded trace is replayed as it happened: there is no rate to scale.
      if (arrivals['trace'] !== undefined) continue;
      out.push({ path: joinPath(joinPath(section, name), 'arrivals'), label: section === 'skills' ? `skill ${name}` : name, arrivals });
    }
  }
  return out;
}

/**
 * Entries whose volumes come from the scenario's forecast file (no `arrivals` of their own):
 * the volume multiplier writes their `arrivals.scale`, which scales the forecast's rows as a
 * sweep's `--vary …arrivals.scale` does (a forecast has no backlog to scale).
 */
function forecastSections(scenario: Json): { path: string; label: string; section: 'channels' | 'skills'; name: string }[] {
  if (typeof scenario['forecast'] !== 'string') return [];
  const out: { path: string; label: string; section: 'channels' | 'skills'; name: string }[] = [];
  for (const section of ['channels', 'skills'] as const) {
    const entries = scenario[section];
    if (!isRecord(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) {
      if (!isRecord(entry) || entry['arrivals'] !== undefined) continue;
      out.push({ path: joinPath(joinPath(section, name), 'arrivals'), label: section === 'skills' ? `skill ${name}` : name, section, name });
    }
  }
  return out;
}

/** The form's fields for a scenario as written (the parsed file, before defaults). */
export function whatIfFields(written: unknown): WhatIfField[] {
  if (!isRecord(written)) return [];
  const fields: WhatIfField[] = [];
  for (const { path, label } of arrivalSections(written)) {
    fields.push({ id: `volume:${path}`, section: 'volumes', label: `${label} volume ×`, kind: 'multiplier', value: 1, ...MULTIPLIER, note: 'rate, volumes per interval and backlog', paths: [path] });
  }
  for (const { path, label } of forecastSections(written)) {
    fields.push({ id: `volume:${path}`, section: 'volumes', label: `${label} volume ×`, kind: 'multiplier', value: 1, ...MULTIPLIER, note: 'every row of the forecast file', paths: [path] });
  }
  const agents = Array.isArray(written['agents']) ? written['agents'] : [];
  agents.forEach((group, index) => {
    if (!isRecord(group)) return;
    const name = String(group['group'] ?? `group ${index + 1}`);
    const path = joinPath('agents', index);
    if (finite(group['count'])) {
      fields.push({ id: `agents:${index}`, section: 'agents', label: `${name} agents`, kind: 'number', value: group['count'], min: 0, max: 100_000, step: 1, note: 'logged in all day', paths: [path] });
    } else if (Array.isArray(group['staffing']) || Array.isArray(group['shifts'])) {
      fields.push({
        id: `agents:${index}`,
        section: 'agents',
        label: `${name} agents ×`,
        kind: 'multiplier',
        value: 1,
        ...MULTIPLIER,
        note: Array.isArray(group['staffing']) ? 'staffing of every interval, rounded' : 'every shift’s count, rounded',
        paths: [path],
      });
    } else if (typeof written['schedule'] === 'string') {
      // Agents from the schedule file: the multiplier writes the group's `scale`, which scales
      // the schedule's rows as a sweep's `--vary agents.<group>.scale` does.
      fields.push({ id: `agents:${index}`, section: 'agents', label: `${name} agents ×`, kind: 'multiplier', value: 1, ...MULTIPLIER, note: 'every interval of the schedule file, rounded', paths: [path] });
    }
  });
  const osh = isRecord(written['osh']) ? written['osh'] : null;
  const profiles = osh !== null && isRecord(osh['profiles']) ? osh['profiles'] : {};
  for (const [name, profile] of Object.entries(profiles)) {
    if (!isRecord(profile)) continue;
    const path = joinPath('osh.profiles', name);
    const perChannel = isRecord(profile['maxPerChannel']) ? profile['maxPerChannel'] : null;
    if (perChannel !== null && finite(perChannel['chat'])) {
      const chatPath = joinPath(joinPath(path, 'maxPerChannel'), 'chat');
      fields.push({ id: `chat:${name}`, section: 'concurrency', label: `${name}: chats at once`, kind: 'number', value: perChannel['chat'], min: 0, max: 100, step: 1, paths: [chatPath, path] });
    }
    if (finite(profile['maxTotal'])) {
      fields.push({ id: `total:${name}`, section: 'concurrency', label: `${name}: contacts at once in total`, kind: 'number', value: profile['maxTotal'], min: 1, max: 100, step: 1, paths: [joinPath(path, 'maxTotal')] });
    }
  }
  const elevation = osh !== null && isRecord(osh['elevation']) ? osh['elevation'] : null;
  const policies = elevation !== null && Array.isArray(elevation['policies']) ? elevation['policies'] : [];
  policies.forEach((policy, index) => {
    if (!isRecord(policy) || !finite(policy['probability'])) return;
    const path = joinPath('osh.elevation.policies', index);
    fields.push({
      id: `elevation:${index}`,
      section: 'elevation',
      label: `${String(policy['from'])} → ${String(policy['to'])} probability`,
      kind: 'number',
      value: policy['probability'],
      min: 0,
      max: 1,
      step: 0.01,
      paths: [path],
    });
  });
  if (osh !== null) {
    const attention = isRecord(osh['attention']) ? osh['attention'] : {};
    const discipline = typeof attention['discipline'] === 'string' ? attention['discipline'] : 'focus';
    fields.push({ id: 'discipline', section: 'attention', label: 'attention discipline', kind: 'choice', value: discipline, choices: ['focus', 'sharing'], note: 'focus: one piece of work at a time; sharing: processor sharing', paths: ['osh.attention'] });
  }
  fields.push({ id: 'replications', section: 'run', label: 'replications', kind: 'number', value: finite(written['replications']) ? written['replications'] : 10, min: 1, max: 10_000, step: 1, note: 'each figure gets a 95 % interval over them', paths: ['replications'] });
  return fields;
}

/** Numbers keep at most 6 decimals, so a scaled volume reads as the planner would write it. */
function scaled(value: number, by: number, integer: boolean): number {
  return integer ? scaledAgents(value, by) : Number((value * by).toFixed(6));
}

/** A field's value from the form, checked against the field; null (and an issue) when unusable. */
function valueOf(field: WhatIfField, values: WhatIfValues, issues: InputIssue[]): number | string | null {
  const given = values[field.id];
  if (given === undefined) return null;
  if (field.kind === 'choice') {
    if (typeof given !== 'string' || !field.choices!.includes(given)) {
      issues.push({ path: field.paths[0]!, message: outOfRange(`one of ${field.choices!.join(', ')}`, String(given)) });
      return null;
    }
    return given;
  }
  const number = typeof given === 'number' ? given : typeof given === 'string' && given.trim() !== '' ? Number(given) : Number.NaN;
  if (!Number.isFinite(number)) {
    issues.push({ path: field.paths[0]!, message: notANumber(String(given)) });
    return null;
  }
  if (field.kind === 'multiplier' && (number < field.min! || number > field.max!)) {
    issues.push({ path: field.paths[0]!, message: outOfRange(`from ${field.min} to ${field.max}`, String(given)) });
    return null;
  }
  return number;
}

/**
 * Writes the form's values into the parsed YAML document (comments and layout kept where a
 * value is replaced). Numbers outside a field's range are written as given, so the scenario's
 * own checks refuse them with their usual message; unusable values are pushed to `issues`.
 */
export function applyWhatIfs(document: Document, written: unknown, values: WhatIfValues, issues: InputIssue[]): void {
  if (!isRecord(written)) return;
  const fields = new Map(whatIfFields(written).map((f) => [f.id, f]));
  const set = (path: readonly (string | number)[], value: unknown, flow = false) => {
    document.setIn(path, flow ? document.createNode(value, { flow: true }) : value);
  };
  for (const { path, arrivals } of arrivalSections(written)) {
    const field = fields.get(`volume:${path}`)!;
    const by = valueOf(field, values, issues);
    if (typeof by !== 'number' || by === 1) continue;
    const [section, name] = path.startsWith('channels') ? ['channels', channelOrSkill(written, 'channels', arrivals)] : ['skills', channelOrSkill(written, 'skills', arrivals)];
    const at = [section, name, 'arrivals'];
    if (finite(arrivals['ratePerHour'])) set([...at, 'ratePerHour'], scaled(arrivals['ratePerHour'], by, false));
    if (Array.isArray(arrivals['volumes'])) set([...at, 'volumes'], arrivals['volumes'].map((v) => (finite(v) ? scaled(v, by, false) : v)), true);
    if (finite(arrivals['backlog'])) set([...at, 'backlog'], scaled(arrivals['backlog'], by, true));
    // Volumes from the forecast file beside a backlog written here: the forecast's rows scale too.
    if (!finite(arrivals['ratePerHour']) && !Array.isArray(arrivals['volumes']) && typeof written['forecast'] === 'string') {
      set([...at, 'scale'], scaled(finite(arrivals['scale']) ? arrivals['scale'] : 1, by, false));
    }
  }
  for (const { path, section, name } of forecastSections(written)) {
    const by = valueOf(fields.get(`volume:${path}`)!, values, issues);
    if (typeof by === 'number' && by !== 1) set([section, name, 'arrivals'], { scale: by }, true);
  }
  const agents = Array.isArray(written['agents']) ? written['agents'] : [];
  agents.forEach((group, index) => {
    const field = fields.get(`agents:${index}`);
    if (field === undefined || !isRecord(group)) return;
    const value = valueOf(field, values, issues);
    if (typeof value !== 'number') return;
    if (field.kind === 'number') {
      if (value !== group['count']) set(['agents', index, 'count'], value);
      return;
    }
    if (value === 1) return;
    if (Array.isArray(group['staffing'])) set(['agents', index, 'staffing'], group['staffing'].map((n) => (finite(n) ? scaled(n, value, true) : n)), true);
    if (Array.isArray(group['shifts'])) {
      group['shifts'].forEach((shift, k) => {
        if (isRecord(shift) && finite(shift['count'])) set(['agents', index, 'shifts', k, 'count'], scaled(shift['count'], value, true));
      });
    }
    if (!Array.isArray(group['staffing']) && !Array.isArray(group['shifts'])) set(['agents', index, 'scale'], scaled(finite(group['scale']) ? group['scale'] : 1, value, false));
  });
  for (const field of fields.values()) {
    const [kind, name] = splitId(field.id);
    if (kind === 'chat' || kind === 'total' || kind === 'elevation' || kind === 'discipline' || kind === 'replications') {
      const value = valueOf(field, values, issues);
      if (value === null || value === field.value) continue;
      if (kind === 'chat') set(['osh', 'profiles', name, 'maxPerChannel', 'chat'], value);
      else if (kind === 'total') set(['osh', 'profiles', name, 'maxTotal'], value);
      else if (kind === 'elevation') set(['osh', 'elevation', 'policies', Number(name), 'probability'], value);
      else if (kind === 'discipline') set(['osh', 'attention', 'discipline'], value);
      else set(['replications'], value);
    }
  }
}

function splitId(id: string): [string, string] {
  const colon = id.indexOf(':');
  return colon < 0 ? [id, ''] : [id.slice(0, colon), id.slice(colon + 1)];
}

/** The key under `section` whose arrivals are `arrivals` (the section was walked from the same value). */
function channelOrSkill(written: Json, section: 'channels' | 'skills', arrivals: Json): string {
  const entries = written[section] as Json;
  return Object.keys(entries).find((key) => isRecord(entries[key]) && (entries[key] as Json)['arrivals'] === arrivals)!;
}

function under(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/** The form field an issue belongs to: the one whose path is the longest prefix of the issue's. */
export function fieldOfIssue(fields: readonly WhatIfField[], path: string): string | null {
  let best: { id: string; length: number } | null = null;
  for (const field of fields) {
    for (const prefix of field.paths) {
      if (under(path, prefix) && (best === null || prefix.length > best.length)) best = { id: field.id, length: prefix.length };
    }
  }
  return best?.id ?? null;
}
