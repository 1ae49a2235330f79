// The figures a scenario's run will have, known before it runs, so names in --metric, expect
// and --fail-on are checked up front, with the nearest valid name when one is misspelt.
import { metricsLayout } from '../center/simulate.js';
import { type Scenario, intervalLabels } from '../scenario/model.js';
import { CHANNEL_METRICS, GROUP_METRICS, SESSION_METRICS, channelRowNames, skillRowNames } from '../stats/metrics.js';
import { parseMetricPath } from '../stats/metric-path.js';
import { suggestion } from '../suggest.js';
import * as messages from './messages.js';

export interface FigureNames {
  readonly names: readonly string[];
  readonly labels: readonly string[];
}

export function figureNames(scenario: Scenario): FigureNames {
  const layout = metricsLayout(scenario);
  const names: string[] = [];
  for (const row of channelRowNames(layout)) for (const metric of CHANNEL_METRICS) names.push(`${row}.${metric}`);
  for (const skill of skillRowNames(layout)) for (const metric of CHANNEL_METRICS) names.push(`skills.${skill}.${metric}`);
  for (const group of layout.groups) {
    for (const metric of GROUP_METRICS) names.push(`groups.${group.name}.${metric}`);
    const maxLevels = Math.max(1, ...layout.groups.map((g) => g.levels));
    for (let l = 0; l < maxLevels; l++) names.push(`groups.${group.name}.level${l}`);
  }
  for (const metric of SESSION_METRICS) names.push(`sessions.${metric}`);
  names.push('sessions.elevationsDeferred', 'sessions.elevationsDropped');
  for (const pair of layout.pairs) names.push(`elevations.${pair.key}`);
  const labels = intervalLabels(scenario);
  return { names, labels };
}

/**
 * Why `text` names no figure of the scenario (with a suggestion), or null when it does.
 * `known`: the scenario's figureNames, worked out once for many names.
 */
export function figureIssue(text: string, known: FigureNames): string | null {
  const path = parseMetricPath(text);
  if (typeof path === 'string') return messages.badFigurePath(text, path);
  const { names, labels } = known;
  const base = text.split('@')[0]!;
  if (!names.includes(base)) {
    return messages.notAFigure(base, suggestion(base, names));
  }
  if (path.kind !== 'elevations' && path.interval.kind === 'at' && !labels.includes(path.interval.label)) {
    return messages.notAnIntervalStart(path.interval.label, String(labels[0]), String(labels[labels.length - 1]), suggestion(path.interval.label, labels, (label) => `${base}@${label}`));
  }
  if ((base === 'sessions.elevationsDeferred' || base === 'sessions.elevationsDropped' || path.kind === 'elevations' || base === 'sessions.sessionDurationP50' || base === 'sessions.sessionDurationP90') && text.includes('@')) {
    return messages.wholeHorizonOnly(base, String(text.split('@')[1]));
  }
  return null;
}
