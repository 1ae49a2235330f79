// The workbench page: a scenario (shipped, uploaded or pasted) and its what-if fields, a Run
// button streaming progress from the server (server-sent events), and the runs side by side as
// report.html shows them, with the comparison of `osh-sim compare`. Charts are the report's
// vega-lite specs rendered here by vega (the expression interpreter keeps the page within its
// content security policy: no eval). Every text from a scenario goes in as text, never markup,
// except the report's own HTML builders' output, which escapes it on the server.
import { View, parse } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { withTooltipsEverywhere } from './chart-spec.js';
import type {
  ComparisonResult,
  ComparisonRow,
  ErrorBody,
  InspectResponse,
  Issue,
  RunAccepted,
  RunEvent,
  RunResult,
  ScenarioSource,
  ShippedScenario,
  WhatIfField,
} from '../src/serve/api.js';

const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
const SECTIONS: Record<WhatIfField['section'], string> = {
  volumes: 'Volumes',
  agents: 'Agents',
  concurrency: 'Concurrency (OSH profiles)',
  elevation: 'Elevation',
  attention: 'Attention',
  run: 'Run',
};

/** One id per browser tab: the server runs one run of a tab at a time and queues the others. */
const tab = (() => {
  const existing = sessionStorage.getItem('osh-sim-tab');
  if (existing) return existing;
  const id = crypto.randomUUID();
  sessionStorage.setItem('osh-sim-tab', id);
  return id;
})();

interface State {
  source: ScenarioSource;
  text: string;
  fields: readonly WhatIfField[];
  values: Record<string, string>;
  issues: readonly Issue[];
  running: { id: string; events: EventSource } | null;
  baseline: RunResult | null;
  current: RunResult | null;
}

const state: State = { source: { kind: 'shipped', file: 'default.yaml' }, text: '', fields: [], values: {}, issues: [], running: null, baseline: null, current: null };

function $<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

async function api<T>(path: string, body?: unknown): Promise<{ status: number; value: T }> {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const type = response.headers.get('Content-Type') ?? '';
  const value = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { status: response.status, value };
}

function request(): { source: ScenarioSource; text: string; values: Record<string, string> } {
  return { source: state.source, text: state.text, values: state.values };
}

// ---- scenario and form -------------------------------------------------------------------

async function loadShipped(): Promise<void> {
  const { value: list } = await api<ShippedScenario[]>('/api/scenarios');
  const select = $<HTMLSelectElement>('scenario-select');
  for (const s of list) select.append(h('option', { value: s.file }, `${s.name} (${s.file})`));
  select.addEventListener('change', () => void pickShipped(select.value, list));
  await pickShipped(list[0]?.file ?? 'default.yaml', list);
}

async function pickShipped(file: string, list: readonly ShippedScenario[]): Promise<void> {
  const { value } = await api<{ text: string }>(`/api/scenarios/${encodeURIComponent(file)}`);
  $('scenario-description').textContent = list.find((s) => s.file === file)?.description ?? '';
  await useText({ kind: 'shipped', file }, value.text, `shipped: scenarios/${file}`);
}

async function useText(source: ScenarioSource, text: string, where: string): Promise<void> {
  state.source = source;
  state.text = text;
  state.values = {};
  $<HTMLTextAreaElement>('scenario-text').value = text;
  $('scenario-source').textContent = where;
  await inspect(true);
}

let inspecting = 0;

/** Asks the server to check the scenario with the form's values; `rebuild` redraws the fields. */
async function inspect(rebuild: boolean): Promise<void> {
  const ticket = ++inspecting;
  const { value } = await api<InspectResponse>('/api/inspect', request());
  if (ticket !== inspecting) return;
  state.issues = value.issues;
  if (rebuild || value.fields.length !== state.fields.length) {
    state.fields = value.fields;
    renderForm();
  }
  renderIssues();
}

function renderForm(): void {
  const form = $<HTMLFormElement>('what-ifs');
  form.replaceChildren(h('h2', {}, 'What if…'));
  if (state.fields.length === 0) {
    form.append(h('p', { class: 'note' }, 'No fields: the scenario cannot be read (see above).'));
    return;
  }
  for (const section of Object.keys(SECTIONS) as WhatIfField['section'][]) {
    const fields = state.fields.filter((f) => f.section === section);
    if (fields.length === 0) continue;
    const set = h('fieldset', {}, h('legend', {}, SECTIONS[section]));
    for (const field of fields) set.append(fieldElement(field));
    form.append(set);
  }
}

function fieldElement(field: WhatIfField): HTMLElement {
  const id = `field-${field.id.replace(/[^\w-]/g, '_')}`;
  let control: HTMLInputElement | HTMLSelectElement;
  if (field.kind === 'choice') {
    control = h('select', { id, name: field.id });
    for (const choice of field.choices ?? []) control.append(h('option', { value: choice }, choice));
  } else {
    control = h('input', { id, name: field.id, type: 'number', inputmode: 'decimal' });
    if (field.min !== undefined) control.setAttribute('min', String(field.min));
    if (field.max !== undefined) control.setAttribute('max', String(field.max));
    if (field.step !== undefined) control.setAttribute('step', String(field.step));
  }
  control.value = state.values[field.id] ?? String(field.value);
  const wrapper = h(
    'div',
    { class: 'field', 'data-field': field.id },
    h('label', { for: id }, field.label),
    h('div', { class: 'control' }, control, field.note ? h('span', { class: 'note' }, field.note) : null),
    h('p', { class: 'field-error', role: 'alert' }),
  );
  const changed = () => {
    if (control.value === String(field.value)) delete state.values[field.id];
    else state.values[field.id] = control.value;
    wrapper.classList.toggle('changed', field.id in state.values);
    scheduleInspect();
  };
  control.addEventListener('input', changed);
  control.addEventListener('change', changed);
  return wrapper;
}

let timer: number | undefined;
function scheduleInspect(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void inspect(false), 250);
}

/** Issues beside their field; the rest (the file's own problems) under the scenario box. */
function renderIssues(): void {
  for (const wrapper of document.querySelectorAll<HTMLElement>('.field')) {
    const mine = state.issues.filter((i) => i.field === wrapper.dataset['field']);
    wrapper.classList.toggle('invalid', mine.length > 0);
    wrapper.querySelector('.field-error')!.textContent = mine.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
  }
  const rest = state.issues.filter((i) => i.field === null);
  $('scenario-issues').replaceChildren(...rest.map((i) => h('li', {}, i.line)));
  updateButtons();
}

function updateButtons(): void {
  const busy = state.running !== null;
  $<HTMLButtonElement>('run').disabled = state.issues.length > 0 || state.fields.length === 0;
  $<HTMLButtonElement>('cancel').hidden = !busy;
  $<HTMLButtonElement>('download-yaml').disabled = state.fields.length === 0;
}

// ---- runs --------------------------------------------------------------------------------

function status(text: string, fraction: number | null): void {
  $('run-status').textContent = text;
  $('progress').hidden = fraction === null;
  if (fraction !== null) $('progress-fill').style.width = `${(fraction * 100).toFixed(1)}%`;
}

async function run(): Promise<void> {
  if (state.running !== null) {
    // One run per tab at a time: a second press queues behind the first on the server.
    status('A run of this tab is under way; this one is queued behind it.', null);
  }
  const { status: code, value } = await api<RunAccepted | InspectResponse | ErrorBody>('/api/runs', { ...request(), tab });
  if (code === 422) {
    state.issues = (value as InspectResponse).issues;
    renderIssues();
    status('The scenario has problems: see beside the fields.', null);
    return;
  }
  if (code !== 202) {
    status((value as ErrorBody).error, null);
    return;
  }
  follow((value as RunAccepted).id);
}

function follow(id: string): void {
  const events = new EventSource(`/api/runs/${id}/events`);
  state.running = { id, events };
  updateButtons();
  events.addEventListener('state', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as RunEvent;
    if (event.state === 'queued') status(event.ahead > 0 ? `Queued: ${event.ahead} run${event.ahead === 1 ? '' : 's'} ahead.` : 'Starting…', 0);
    else if (event.state === 'running') status(`Running: ${event.replicationsDone} of ${event.replications} replications done (${Math.round(event.fraction * 100)} %).`, event.fraction);
    else {
      events.close();
      if (state.running?.id === id) state.running = null;
      updateButtons();
      if (event.state === 'done') {
        status('Done.', null);
        void showRun(id);
      } else status(event.state === 'cancelled' ? 'Cancelled.' : `The run failed: ${event.message ?? ''}`, null);
    }
  });
}

async function cancel(): Promise<void> {
  if (state.running === null) return;
  await api(`/api/runs/${state.running.id}/cancel`, {});
}

async function showRun(id: string): Promise<void> {
  const { value } = await api<RunResult>(`/api/runs/${id}`);
  if (state.current === null) state.current = value;
  else {
    if (state.baseline === null) state.baseline = state.current;
    state.current = value;
  }
  $('welcome').hidden = true;
  await renderRuns();
}

async function renderRuns(): Promise<void> {
  const container = $('runs');
  container.replaceChildren();
  const shown: [RunResult, 'baseline' | 'current'][] = [];
  if (state.baseline) shown.push([state.baseline, 'baseline']);
  if (state.current) shown.push([state.current, 'current']);
  const panels = shown.map(([result, role]) => runPanel(result, role, shown.length === 2 ? (role === 'baseline' ? state.current! : state.baseline!) : null));
  container.append(...panels.map((p) => p.element));
  await renderComparison();
  for (const panel of panels) await panel.draw();
}

function runPanel(result: RunResult, role: 'baseline' | 'current', other: RunResult | null): { element: HTMLElement; draw: () => Promise<void> } {
  const differs = (label: string, value: string) => other !== null && other.whatIfs.find((w) => w.label === label)?.value !== value;
  const whatIfs = h('ul', { class: 'what-ifs' }, ...result.whatIfs.map((w) => h('li', { class: differs(w.label, w.value) ? 'differs' : '' }, `${w.label} ${w.value}`)));
  const download = h('a', { href: `/api/runs/${result.id}/report.tar.gz`, download: '', class: 'button' }, 'Download report folder (.tar.gz)');
  const head = h(
    'header',
    { class: 'run-head' },
    h('h2', {}, `${role === 'baseline' ? 'Baseline' : state.baseline ? 'Current' : 'Run'}: ${result.scenario}`),
    h('p', {}, `seed ${result.seed} · ${result.replications} replications (means ± 95 % half-widths) · ${result.wallTimeSec.toFixed(1)} s`),
    whatIfs,
    h('div', { class: 'row' }, download, role === 'current' && state.baseline ? makeBaselineButton() : null),
  );
  // The report's own builders wrote this HTML, escaping every scenario text.
  const tiles = h('div', { class: 'tiles' });
  tiles.innerHTML = result.tilesHtml;
  const skills = h('div', { class: 'skills' });
  skills.innerHTML = result.skillsHtml;
  const groups = h('div', { class: 'scroll' });
  groups.innerHTML = result.groupsHtml;
  const sessions = h('div');
  sessions.innerHTML = result.sessionsHtml;
  const charts = h('div', { class: 'charts' });
  const skillSection = result.skillsHtml === '' ? [] : [h('h3', {}, 'Skills against target'), skills];
  const body = h('div', { class: 'run-body' }, h('h3', {}, 'Channels against target'), tiles, ...skillSection, h('h3', {}, 'Agent groups'), groups, sessions, h('h3', {}, 'Charts'), charts);
  const element = h('article', { class: `run ${role}`, 'data-run': result.id }, head, body);
  return { element, draw: () => drawCharts(charts, result) };
}

function makeBaselineButton(): HTMLElement {
  const button = h('button', { type: 'button' }, 'Make this the baseline');
  button.addEventListener('click', () => {
    state.baseline = state.current;
    void renderRuns();
  });
  return button;
}

/** The report's specs, with a tooltip on every mark, drawn as SVG by vega. */
async function drawCharts(container: HTMLElement, result: RunResult): Promise<void> {
  for (const chart of result.charts) {
    const target = h('div', { class: 'chart-view' });
    container.append(h('figure', { class: 'chart', 'data-chart': chart.name }, h('h4', {}, chart.title), target));
    const withTooltips = withTooltipsEverywhere(chart.spec as TopLevelSpec);
    const vegaSpec = compile(withTooltips).spec;
    const view = new View(parse(vegaSpec, undefined, { ast: true }), { renderer: 'svg', container: target, hover: true, expr: expressionInterpreter });
    await view.runAsync();
  }
}

// ---- comparison --------------------------------------------------------------------------

let showAll = false;

async function renderComparison(): Promise<void> {
  const box = $('comparison');
  if (state.baseline === null || state.current === null) {
    box.hidden = true;
    return;
  }
  const { value } = await api<ComparisonResult>(`/api/compare?baseline=${state.baseline.id}&current=${state.current.id}`);
  const significant = value.rows.filter((r) => r.significant);
  const rows = showAll ? value.rows : significant;
  const toggle = h('button', { type: 'button', class: 'secondary' }, showAll ? 'Show the significant changes only' : `Show all ${value.rows.length} figures`);
  toggle.addEventListener('click', () => {
    showAll = !showAll;
    void renderComparison();
  });
  const crn = value.sameSeed
    ? 'Both runs have the same seed: the same customers arrive with the same needs (common random numbers), so what differs is the change, not noise.'
    : 'The runs have different seeds: differences include noise; keep the seed to compare with common random numbers.';
  box.replaceChildren(
    h('h2', {}, 'What changed'),
    h('p', { class: 'verdict' }, `${significant.length} of ${value.rows.length} figures changed significantly (Welch's t over replications, p < 0.05): ${significant.filter((r) => r.verdict === 'better').length} better, ${significant.filter((r) => r.verdict === 'worse').length} worse.`),
    h('p', { class: 'note' }, crn),
    h('div', { class: 'row' }, toggle),
    rows.length === 0 ? h('p', {}, 'No figure changed significantly.') : comparisonTable(rows),
  );
  box.hidden = false;
}

function number(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : Number(x.toPrecision(4)).toString();
}

function signed(x: number): string {
  return Number.isFinite(x) ? `${x > 0 ? '+' : ''}${Number(x.toPrecision(3))}` : '–';
}

function comparisonTable(rows: readonly ComparisonRow[]): HTMLElement {
  const head = h('tr', {}, ...['figure', 'baseline', 'current', 'change', 'p', ''].map((t) => h('th', {}, t)));
  const body = rows.map((r) =>
    h(
      'tr',
      { class: r.verdict ?? '' },
      h('td', { class: 'figure' }, r.figure),
      h('td', {}, `${number(r.baseline)}${r.baselineCi95 !== null ? ` ± ${number(r.baselineCi95)}` : ''}`),
      h('td', {}, `${number(r.current)}${r.currentCi95 !== null ? ` ± ${number(r.currentCi95)}` : ''}`),
      h('td', {}, signed(r.difference)),
      h('td', {}, r.p === null ? '–' : r.p < 0.0001 ? '< 0.0001' : r.p.toPrecision(2)),
      h('td', { class: 'verdict-cell' }, r.verdict ?? ''),
    ),
  );
  return h('div', { class: 'scroll' }, h('table', { id: 'comparison-table' }, h('thead', {}, head), h('tbody', {}, ...body)));
}

// ---- upload, paste, YAML ---------------------------------------------------------------

async function upload(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  if (file.size > MAX_UPLOAD_BYTES) {
    $('scenario-issues').replaceChildren(h('li', {}, `${file.name}: is ${(file.size / 1048576).toFixed(1)} MB; scenario files are limited to 16 MB`));
    return;
  }
  await useText({ kind: 'pasted', file: file.name }, await file.text(), `uploaded: ${file.name}`);
}

async function downloadYaml(): Promise<void> {
  const response = await fetch('/api/scenario.yaml', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request()) });
  if (!response.ok) {
    status('The scenario cannot be read, so there is nothing to download.', null);
    return;
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'scenario.yaml';
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function wire(): void {
  $('run').addEventListener('click', () => void run());
  $('cancel').addEventListener('click', () => void cancel());
  $('download-yaml').addEventListener('click', () => void downloadYaml());
  $<HTMLInputElement>('scenario-upload').addEventListener('change', (e) => void upload(e.target as HTMLInputElement));
  $('paste-toggle').addEventListener('click', () => {
    $('paste-area').hidden = !$('paste-area').hidden;
  });
  $('paste-use').addEventListener('click', () => void useText({ kind: 'pasted', file: 'pasted scenario' }, $<HTMLTextAreaElement>('scenario-text').value, 'pasted'));
  $('what-ifs').addEventListener('submit', (e) => e.preventDefault());
}

wire();
void loadShipped();
