// The fast reading of a plain scenario file. The `yaml` package, which reads every scenario and
// reports its mistakes with their lines and field paths, takes about 35 ms for a 28 KB file of
// 50 skills once warm and 160-180 ms on a command's first call (its lexer runs interpreted);
// js-yaml reads the same in about 5 ms warm, 30 ms cold. So a file is read by js-yaml first
// when nothing in it could make the two readers differ, and by `yaml` whenever js-yaml refuses
// it or the file uses what only `yaml` handles the way osh-sim documents: merge keys and
// aliases (`yaml` bounds their expansion), tags (refused with their name), directives (a
// `%YAML 1.1` would change what `yes` means). Those refusals and every error message, with
// its position or path, stay `yaml`'s. Plain scalars resolve as `yaml`'s core schema resolves
// them (the same patterns and conversions), so both readers give the same value; a test reads
// every scenario of the project both ways. Exports `readPlainYaml`.
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';

/** `yaml`'s core schema (YAML 1.2), as js-yaml types: null, bool, int (octal, decimal, hex), float. */
const CORE_AS_YAML_READS_IT = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
      construct: () => null,
    }),
    new Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
      construct: (text: string) => text[0] === 't' || text[0] === 'T',
    }),
    new Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (text: string) => /^0o[0-7]+$/.test(text) || /^[-+]?[0-9]+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text),
      construct: (text: string) => (text.startsWith('0o') ? parseInt(text.substring(2), 8) : text.startsWith('0x') ? parseInt(text.substring(2), 16) : parseInt(text, 10)),
    }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (text: string) =>
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text) ||
        /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) ||
        /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text),
      construct: (text: string) =>
        /\.(?:nan|NaN|NAN)$/.test(text) ? Number.NaN : /\.(?:inf|Inf|INF)$/.test(text) ? (text[0] === '-' ? -Infinity : Infinity) : parseFloat(text),
    }),
  ],
});

/**
 * Aliases, merge keys, tags and directives, and keys the two readers name differently (a null
 * key, a collection as a key, an explicit `? ` key): a file with any of these marks anywhere (in
 * a comment or a string too, which only costs the fast path) is left to `yaml`.
 */
const LEFT_TO_YAML = /[*!]|<<|^%|[\]}]\s*:(?:\s|$)|(?:^|[\s[{,])\?(?:\s|$)|(?:^|[\s{,-])(?:~|null|Null|NULL)\s*:(?:\s|$)/m;

/**
 * The file's value read by js-yaml, or undefined when `yaml` must read it: it holds what is left
 * to `yaml`, js-yaml refuses it (a syntax error, a duplicate key, several documents), it holds
 * no document, or it nests deeper than `maxDepth` (whose message is `yaml`'s reader's).
 */
export function readPlainYaml(text: string, maxDepth: number): unknown {
  if (LEFT_TO_YAML.test(text)) return undefined;
  let value: unknown;
  try {
    let warned = false;
    value = load(text, { schema: CORE_AS_YAML_READS_IT, onWarning: () => (warned = true) });
    if (warned) return undefined;
  } catch {
    return undefined;
  }
  if (value === undefined || nestsDeeper(value, maxDepth, 0)) return undefined;
  return value;
}

function nestsDeeper(value: unknown, maxDepth: number, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= maxDepth) return true;
  for (const child of Object.values(value)) if (nestsDeeper(child, maxDepth, depth + 1)) return true;
  return false;
}
