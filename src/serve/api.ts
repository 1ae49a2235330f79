// The workbench's HTTP API as types, shared by the server (src/serve/) and the page (web/):
// type declarations only, so the page's bundle takes nothing from Node. Every body is JSON.

/** A shipped scenario file the page lists. */
export interface ShippedScenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
}

/** Where the scenario text came from: a shipped file (traces read beside it) or the planner. */
export type ScenarioSource = { readonly kind: 'shipped'; readonly file: string } | { readonly kind: 'pasted'; readonly file: string };

/** One what-if field of the form. `path` is the scenario field it changes (shown, and matched against issues). */
export interface WhatIfField {
  readonly id: string;
  readonly section: 'volumes' | 'agents' | 'concurrency' | 'elevation' | 'attention' | 'run';
  readonly label: string;
  readonly kind: 'number' | 'multiplier' | 'choice';
  /** The value written in the scenario (1 for a multiplier). */
  readonly value: number | string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly choices?: readonly string[];
  /** What the field changes, in words (e.g. "volumes per interval × m"). */
  readonly note?: string;
  /** Issue paths starting with one of these are shown beside this field. */
  readonly paths: readonly string[];
}

/** Form values by field id; a field left out keeps the scenario's value. */
export type WhatIfValues = Readonly<Record<string, number | string>>;

export interface ScenarioRequest {
  readonly source: ScenarioSource;
  readonly text: string;
  readonly values: WhatIfValues;
}

/** An input problem: where, what, and the one-line form the command line prints. */
export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly line: string;
  /** The form field it belongs to, when one does. */
  readonly field: string | null;
}

export interface InspectResponse {
  readonly ok: boolean;
  readonly issues: readonly Issue[];
  /** Fields of the scenario as written (empty when the text cannot be read at all). */
  readonly fields: readonly WhatIfField[];
  readonly name: string | null;
  readonly seed: number | null;
}

export interface RunAccepted {
  readonly id: string;
  /** Runs ahead of this one in the queue. */
  readonly ahead: number;
}

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the server streams about a run (server-sent events, one `state` event each). */
export interface RunEvent {
  readonly id: string;
  readonly state: RunState;
  readonly ahead: number;
  readonly replicationsDone: number;
  readonly replications: number;
  /** Share of the run done, 0…1 (replications finished and progress inside the running ones). */
  readonly fraction: number;
  readonly message: string | null;
}

export interface ChartSpec {
  readonly name: string;
  readonly title: string;
  /** A vega-lite spec, as in the report folder's charts/<name>.vl.json. */
  readonly spec: unknown;
}

/** A finished run as the page shows it: the report's own tiles and tables, and its chart specs. */
export interface RunResult {
  readonly id: string;
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly wallTimeSec: number;
  /** The what-if values of the form behind this run, as label → value. */
  readonly whatIfs: readonly { readonly label: string; readonly value: string }[];
  /** HTML built by the report's builders (every scenario text escaped there). */
  readonly tilesHtml: string;
  /** A tile per skill grouped by channel, for a center whose channels hold several skills; '' otherwise. */
  readonly skillsHtml: string;
  readonly groupsHtml: string;
  readonly sessionsHtml: string;
  readonly charts: readonly ChartSpec[];
}

export interface ComparisonRow {
  readonly figure: string;
  readonly baseline: number | null;
  readonly baselineCi95: number | null;
  readonly current: number | null;
  readonly currentCi95: number | null;
  readonly difference: number;
  readonly p: number | null;
  readonly significant: boolean;
  /** As `osh-sim compare` says it: better or worse by the figure's direction, changed where neither; null when not significant. */
  readonly verdict: 'better' | 'worse' | 'changed' | null;
}

export interface ComparisonResult {
  readonly baseline: string;
  readonly current: string;
  readonly sameSeed: boolean;
  readonly rows: readonly ComparisonRow[];
}

export interface ErrorBody {
  readonly error: string;
}
