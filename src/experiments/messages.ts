// Messages of the experiments room, one builder each: refused --vary, --shard and figure
// names, and a capacity search that cannot meet its targets. Code and tests build the same
// text here. Exports one function per message; each returns the text without a newline.

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
