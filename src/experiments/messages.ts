// Messages of the experiments room (replications to a precision, so far): builder functions
// that code and tests share, so a rewording changes one place. Exports `precisionMessages`.

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
