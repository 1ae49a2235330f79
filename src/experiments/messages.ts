// Messages of the experiments room, one builder each: refused --vary, --shard and figure
// names, a capacity search that cannot meet its targets, and (in `precisionMessages`)
// replications to a precision. Code and tests build the same text here. Exports one function
// per message, and `precisionMessages`; each returns the text without a newline.

export function notPathEqualsValues(text: string): string {
  return `'${text}' is not PATH=VALUES, e.g. agents.blended.count=40..60:2`;
}

export function gridTooLarge(variants: number, most: number): string {
  return `the grid has ${variants.toLocaleString('en-US')} variants; at most ${most.toLocaleString('en-US')}`;
}

export function notShard(text: string): string {
  return `'${text}' is not i/n with 1 <= i <= n, e.g. 2/3`;
}

/** `problem`: why the figure path does not parse (stats/metric-path). */
export function badFigurePath(text: string, problem: string): string {
  return `'${text}': ${problem}`;
}

/** `suggestion` is suggest.ts's " (did you mean …?)" or ''. */
export function notAFigure(figure: string, suggestion: string): string {
  return `'${figure}' is not a figure of this scenario${suggestion}`;
}

export function notAnIntervalStart(label: string, first: string, last: string, suggestion: string): string {
  return `'${label}' is not the start of a reporting interval (${first} … ${last})${suggestion}`;
}

export function wholeHorizonOnly(figure: string, interval: string): string {
  return `'${figure}' is a figure of the whole horizon only; drop '@${interval}'`;
}

/** `targets`: field paths of the targets, e.g. channels.voice.serviceLevel.target. */
export function noStaffingMeetsTargets(interval: number, tried: readonly number[], targets: readonly string[]): string {
  return `interval ${interval}: no staffing up to ${tried.join(', ')} agents per group meets ${targets.join(', ')}`;
}

function round(x: number): string {
  if (!Number.isFinite(x)) return 'no interval yet';
  return Number(x.toPrecision(3)).toString();
}

export const precisionMessages = {
  notFigureEqualsBound: (text: string) => `'${text}' is not FIGURE=BOUND, e.g. voice.serviceLevel=0.01 or voice.asa=5%`,
  badBound: (text: string) => `'${text}': the bound must be a number > 0 (a half-width in the figure's unit, or a share of its mean such as 5%)`,
  relativeTooLarge: (text: string) => `'${text}': a relative bound must be below 100%`,
  unknownFigure: (text: string, issue: string) => `${text}: ${issue}`,
  maxBelowMinimum: (maximum: number, minimum: number) => `--max-replications ${maximum} is below the ${minimum} replications run before the first precision check`,
  withShard: () => 'cannot be combined with --precision: the stopping rule needs every replication in one place',
  capOnly: () => '--max-replications needs --precision (it caps replications run until figures are precise enough)',
  reached: (replications: number, figures: readonly string[]) =>
    `precision reached after ${replications} replications (${figures.length} figure${figures.length === 1 ? '' : 's'} within bounds)`,
  capReached: (cap: number, wide: readonly { name: string; halfWidth: number; allowed: number }[]) =>
    `precision not reached: stopped at --max-replications ${cap} with ${wide.length} figure${wide.length === 1 ? '' : 's'} still wide: ${wide
      .slice(0, 5)
      .map((w) => `${w.name} ± ${round(w.halfWidth)} > ${round(w.allowed)}${Number.isFinite(w.halfWidth) ? ` (by ${round(w.halfWidth - w.allowed)})` : ''}`)
      .join(', ')}${wide.length > 5 ? `, and ${wide.length - 5} more` : ''}`,
};
