// What-if edits of a written scenario: a field path (`agents.blended.count`,
// `osh.elevation.policies[0].probability`) and a value, applied to the parsed file before it
// is checked, so every variant goes through the same validation as a scenario file. Agent
// groups are addressed by name. Exports `parseFieldPath`, `setField`, `parseValues`.
import { InputError } from '../errors.js';
import { suggestion } from '../suggest.js';
import * as messages from './messages.js';

export type PathStep = string | number;

/** `a.b[0].c` → ['a', 'b', 0, 'c']; throws a one-line error naming the option otherwise. */
export function parseFieldPath(path: string, where: string): PathStep[] {
  const steps: PathStep[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/gy;
  let expectDot = false;
  let i = 0;
  while (i < path.length) {
    if (expectDot && path[i] === '.') {
      i++;
      expectDot = false;
      continue;
    }
    pattern.lastIndex = i;
    const match = pattern.exec(path);
    if (match === null || (expectDot && match[2] === undefined)) {
      throw new InputError(where, [{ path: '', message: messages.notAFieldPath(path) }]);
    }
    steps.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
    i = pattern.lastIndex;
    expectDot = true;
  }
  if (steps.length === 0) throw new InputError(where, [{ path: '', message: messages.emptyFieldPath() }]);
  return steps;
}

/**
 * Sets the field at `steps` in a parsed scenario (a deep copy is returned). Under `agents`, a
 * name step picks the group of that name. A path that leads nowhere is refused with the
 * nearest existing name; a new leaf field, and the mapping just above it, may be created (a
 * default made explicit).
 */
export function setField(scenario: unknown, steps: readonly PathStep[], value: unknown, where: string): unknown {
  const copy = structuredClone(scenario) as Record<string, unknown>;
  let node: unknown = copy;
  const shown: string[] = [];
  const fail = (message: string): never => {
    throw new InputError(where, [{ path: shown.join('.') || '(top)', message }]);
  };
  let group: Record<string, unknown> | null = null;
  for (let s = 0; s < steps.length; s++) {
    let step = steps[s]!;
    const last = s === steps.length - 1;
    if (s === 1 && steps[0] === 'agents' && Array.isArray(node) && typeof step === 'number') group = node[step] as Record<string, unknown>;
    if (Array.isArray(node) && typeof step === 'string' && shown.join('.') === 'agents') {
      const index = node.findIndex((g) => typeof g === 'object' && g !== null && (g as Record<string, unknown>)['group'] === step);
      if (index < 0) {
        const names = node.map((g) => String((g as Record<string, unknown>)['group']));
        fail(messages.noSuchGroup(step, suggestion(step, names), names));
      }
      step = index;
      group = node[index] as Record<string, unknown>;
    }
    shown.push(String(steps[s]));
    if (Array.isArray(node)) {
      if (typeof step !== 'number' || step >= node.length) fail(messages.noSuchItem(String(step), node.length));
      if (last) node[step as number] = value;
      else node = node[step as number];
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (typeof step !== 'string') fail(messages.notAList());
      // Own fields only, and a new field defined rather than assigned: `__proto__.polluted`
      // must neither reach Object.prototype nor swap the copy's prototype.
      if (last) {
        Object.defineProperty(record, step as string, { value, enumerable: true, writable: true, configurable: true });
      } else {
        if (!Object.hasOwn(record, step as string)) {
          // A mapping just above the leaf may be created (`arrivals.scale` on a scenario with no
          // `arrivals:`): the variant's shape check refuses it if the field is not one.
          // Never a name every object inherits (`__proto__`, `constructor`): those are refused.
          if (s !== steps.length - 2 || typeof steps[s + 1] !== 'string' || (step as string) in Object.prototype) {
            fail(messages.noSuchField(suggestion(step as string, Object.keys(record)), Object.keys(record)));
          }
          Object.defineProperty(record, step as string, { value: {}, enumerable: true, writable: true, configurable: true });
        }
        node = record[step as string];
      }
    } else {
      fail(messages.hasNoFields());
    }
  }
  // A group's count stands for its whole day: it replaces the staffing or shifts it had.
  if (group !== null && steps.length === 3 && steps[2] === 'count') {
    delete group['staffing'];
    delete group['shifts'];
  }
  return copy;
}

/**
 * Values of a what-if: a list `1,2,3` (words too: `focus,sharing`) or an inclusive range
 * `40..60:2` (step 1 when omitted). Numbers become numbers, `true`/`false` booleans.
 */
export function parseValues(text: string, where: string): unknown[] {
  const range = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*(?::\s*([\d.]+))?\s*$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] === undefined ? 1 : Number(range[3]);
    if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from) {
      throw new InputError(where, [{ path: '', message: messages.notARange(text) }]);
    }
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 1000) throw new InputError(where, [{ path: '', message: messages.tooManyValues(text, count, 1000) }]);
    // Values are computed from the start, not accumulated, so 0.1 steps do not drift.
    return Array.from({ length: count }, (_, k) => Number((from + k * step).toFixed(10)));
  }
  const items = text.split(',').map((t) => t.trim());
  if (items.some((t) => t === '')) throw new InputError(where, [{ path: '', message: messages.emptyValue(text) }]);
  return items.map((t) => (t === 'true' ? true : t === 'false' ? false : /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t) ? Number(t) : t));
}
