// Messages about scenario and trace input that tests compare against, one builder each, so a
// rewording changes one place. Exports one function per message; each returns the text after
// `file: path: ` (see `formatIssue`). Never more than a short, sanitised excerpt of input.

/** At most `length` characters of user input, control and line-separating characters shown as `?`. */
export function excerpt(text: string, length = 40): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > length ? `${clean.slice(0, length)}…` : clean;
}

export function certainElevationCycle(policies: readonly { index: number; from: string; to: string }[]): string {
  const named = policies.map((p) => `policies[${p.index}] (${p.from} > ${p.to})`).join(' and ');
  return `${named} elevate with probability 1 at the end of each contact in a cycle, so every session would elevate forever; make one probability < 1`;
}

export function notARegularFile(what: string): string {
  return `is not a regular file (a device, a pipe or a socket); expected a ${what} file`;
}

export function fileTooLarge(limitBytes: number, what: string): string {
  return `is larger than ${limitBytes / 1048576} MB; ${what} files are limited to ${limitBytes / 1048576} MB`;
}

export function traceOutsideFolders(scenarioFolder: string): string {
  return `is not beside the scenario: a trace is read from the scenario's folder (${excerpt(scenarioFolder, 80)}) or below it, or below a folder named with --trace-root`;
}

export function traceRowsLimit(limit: number): string {
  return `has more than ${limit.toLocaleString('en-US')} rows; traces are limited to ${limit.toLocaleString('en-US')}`;
}

export function traceUnknownChannel(value: string, channels: readonly string[]): string {
  return `'${excerpt(value)}' is not a channel; expected one of ${channels.join(', ')} (any case)`;
}

export function traceDuplicateColumn(name: string): string {
  return `the column '${excerpt(name)}' is given twice; each column may appear once`;
}

export function traceTimeColumns(names: readonly string[]): string {
  return `has ${names.length} time columns (${names.join(', ')}); give one of time, timestamp or arrival`;
}

export function traceImpossibleDate(value: string): string {
  return `'${excerpt(value)}' is not a date of the calendar`;
}

export function traceDuration(value: string, column: string, integer: boolean, maxSec: number): string {
  return integer
    ? `must be a whole number >= 1 and <= ${maxSec.toLocaleString('en-US')}, got '${excerpt(value)}'`
    : `must be a number of seconds >= 0 and <= ${maxSec.toLocaleString('en-US')} (${column}), got '${excerpt(value)}'`;
}

export function replicationFiguresLimit(replications: number, intervals: number, limit: number): string {
  return `${replications.toLocaleString('en-US')} replications × ${intervals.toLocaleString('en-US')} intervals is ${(replications * intervals).toLocaleString('en-US')} interval figures to keep; at most ${limit.toLocaleString('en-US')} (fewer replications or intervals)`;
}

export function traceChannelNotReplaying(channel: string): string {
  return `is ${channel}, but channels.${channel} does not replay this trace; give it arrivals: { trace: … } with this file or remove the row`;
}

// Skills.


export const skillMessages = {
  unknownSkill: (skill: string, hint: string, known: readonly string[]) =>
    `'${skill}' is not a skill of this scenario${hint}; skills: ${known.join(', ') || 'none'}`,
  listedTwice: (skill: string) => `'${skill}' is listed twice (through channels or skills); list it once`,
  nameIsAChannelEntry: (skill: string) => `'${skill}' is already a channels: entry (the skill named after its channel); rename the skill or remove the channel entry`,
  nameIsAnotherChannel: (skill: string, channel: string) => `'${skill}' names a channel, but this skill is of channel ${channel}; name it after what it serves (e.g. ${channel}-${skill})`,
  channelWithoutEntry: (channel: string, skills: readonly string[]) =>
    `'${channel}' has no channels: entry; this scenario's ${channel} skills are ${skills.join(', ')}: list them under the group's skills`,
  needsSkills: () => 'needs channels or skills: what this group is offered',
  nobodyHolds: (skill: string) => `skill '${skill}' is held by no agent group: its contacts wait or abandon`,
  atLeastOneQueue: (channels: readonly string[]) => `must define at least one channel of ${channels.join(', ')}, or skills`,
};

/** A warning about a scenario, as the command line prints it on stderr. */
export function scenarioWarning(file: string, warning: string): string {
  return `warning: ${file}: ${warning}`;
}
