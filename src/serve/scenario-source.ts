// A scenario as the page sends it (text, where it came from, the form's values) through the
// same pipeline as a file on the command line: parse, what-ifs written into the document,
// shape, rules, defaults, expectation names. Problems come back as issues with their field
// path and the form field they belong to. Shipped scenarios are listed from the scenarios
// folder; a trace is read only beside a shipped one. Exports `ShippedScenarios`, `prepareScenario`.
import { readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Document, parseDocument, stringify, visit } from 'yaml';
import { InputError, type InputIssue, formatIssue } from '../errors.js';
import type { LoadedScenario } from '../cli/run-command.js';
import { expectationIssues } from '../experiments/expectations.js';
import type { Scenario } from '../scenario/model.js';
import { MAX_SCENARIO_BYTES, type TraceReader, checkScenario, parseScenarioText, traceReaderBeside } from '../scenario/read.js';
import type { InspectResponse, Issue, ScenarioRequest, ShippedScenario, WhatIfField } from './api.js';
import { applyWhatIfs, fieldOfIssue, whatIfFields } from './what-ifs.js';
import { pastedFileName, scenarioTooLarge, traceOutsideScenarios } from './messages.js';

/** The scenario files shipped with osh-sim, read once at start. */
export class ShippedScenarios {
  readonly list: readonly ShippedScenario[];
  private readonly texts = new Map<string, string>();

  constructor(readonly folder: string) {
    const files = readdirSync(folder)
      .filter((f) => /\.(ya?ml|json)$/i.test(f))
      .sort((a, b) => (a === 'default.yaml' ? -1 : b === 'default.yaml' ? 1 : a.localeCompare(b)));
    const list: ShippedScenario[] = [];
    for (const file of files) {
      const text = readFileSync(join(folder, file), 'utf8');
      const value = parseScenarioText(text, []) as Record<string, unknown> | undefined;
      this.texts.set(file, text);
      list.push({ file, name: String(value?.['name'] ?? file), description: typeof value?.['description'] === 'string' ? value['description'].trim() : '' });
    }
    this.list = list;
  }

  /** The text of a listed file; undefined for any other name (no path is ever built from it). */
  text(file: string): string | undefined {
    return this.texts.get(file);
  }

  /** Traces beside the shipped scenario, by a plain relative path only. */
  traceReader(file: string): TraceReader {
    const beside = traceReaderBeside(join(this.folder, file));
    return (path, kind) => {
      if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) throw new InputError(path, [{ path: '', message: traceOutsideScenarios(path) }]);
      return beside(path, kind);
    };
  }
}

export interface Prepared {
  readonly fields: readonly WhatIfField[];
  readonly issues: readonly Issue[];
  /** The scenario behind the form: the text with the what-ifs written in (YAML). */
  readonly text: string | null;
  readonly loaded: LoadedScenario | null;
  /** Label and value of every what-if, for the run's header. */
  readonly whatIfs: readonly { label: string; value: string }[];
}

const UTF8 = new TextEncoder();

/** The file name problems are reported under: the shipped file, or the upload's name. */
function displayName(request: ScenarioRequest): string {
  const name = request.source.file.replace(/[^\w .()-]/g, '').slice(0, 80).trim();
  return name === '' ? pastedFileName() : name;
}

export function prepareScenario(request: ScenarioRequest, shipped: ShippedScenarios): Prepared {
  const file = displayName(request);
  const toIssues = (issues: readonly InputIssue[], fields: readonly WhatIfField[], where = file): Issue[] =>
    issues.map((i) => ({ path: i.path, message: i.message, line: formatIssue(where, i), field: fieldOfIssue(fields, i.path) }));
  const bytes = UTF8.encode(request.text).length;
  if (bytes > MAX_SCENARIO_BYTES) {
    return { fields: [], issues: toIssues([{ path: '', message: scenarioTooLarge(bytes / 1048576, MAX_SCENARIO_BYTES / 1048576) }], []), text: null, loaded: null, whatIfs: [] };
  }
  const parseIssues: InputIssue[] = [];
  const written = parseScenarioText(request.text, parseIssues);
  if (parseIssues.length > 0) return { fields: [], issues: toIssues(parseIssues, []), text: null, loaded: null, whatIfs: [] };
  const fields = whatIfFields(written);
  const parsed = parseDocument(request.text, { uniqueKeys: false, strict: true, merge: true });
  // A value reached through an alias (`arrivals: *rate`, `<<: *voice`) lives in the anchored
  // node: changing it there would change every skill that shares it. Such a scenario is edited
  // written out in full (its comments are lost), so each what-if reaches only its own field.
  const document = hasAliases(parsed) ? new Document(written, { aliasDuplicateObjects: false }) : parsed;
  const formIssues: InputIssue[] = [];
  applyWhatIfs(document, written, request.values, formIssues);
  const edited: unknown = document.toJS({ maxAliasCount: 1000 });
  // YAML keeps its comments and layout; a JSON file comes back as plain YAML.
  const text = request.text.trimStart().startsWith('{') ? stringify(edited) : document.toString();
  const whatIfs = fields.map((f) => ({ label: f.label, value: String(request.values[f.id] ?? f.value) }));
  const isShipped = request.source.kind === 'shipped' && shipped.text(request.source.file) !== undefined;
  // A pasted scenario has no folder: a trace in it is refused by the usual check.
  const reader = isShipped ? shipped.traceReader(request.source.file) : undefined;
  let scenario: Scenario;
  try {
    scenario = checkScenario(edited, file, reader);
    const expectations = expectationIssues(scenario);
    if (expectations.length > 0) throw new InputError(file, expectations);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { fields, issues: [...toIssues(formIssues, fields), ...toIssues(error.issues, fields, error.file)], text, loaded: null, whatIfs };
  }
  // A value the form could not use was left out: the scenario is fine, the form is not.
  if (formIssues.length > 0) return { fields, issues: toIssues(formIssues, fields), text, loaded: null, whatIfs };
  return { fields, issues: [], text, loaded: { file, text, scenario }, whatIfs };
}

function hasAliases(document: Document): boolean {
  let found = false;
  visit(document, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

export function inspectResponse(prepared: Prepared): InspectResponse {
  const scenario = prepared.loaded?.scenario;
  return { ok: prepared.issues.length === 0, issues: prepared.issues, fields: prepared.fields, name: scenario?.name ?? null, seed: scenario?.seed ?? null };
}
