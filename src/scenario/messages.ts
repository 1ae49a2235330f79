// Messages of the scenario room, one builder each: what is wrong with a scenario file, a trace
// or a --vary path, and what is wanted instead. Each is the message part of a
// `file: path: message` line (errors.ts formats the line). Code and tests build the same text
// here. Exports one function per message. Input is quoted only as a short, sanitised excerpt
// (`excerpt`).

// ---------------------------------------------------------------- the file and its text

export function notText(): string {
  return 'is not a text file (it contains NUL bytes); expected a YAML or JSON scenario';
}

export function emptyScenario(): string {
  return 'is empty; expected a YAML or JSON scenario';
}

export function notYaml(reason: string): string {
  return `not valid YAML or JSON: ${reason}`;
}

export function tooManyAliases(most: number): string {
  return `expands YAML aliases too often (more than ${most} nodes through aliases); write the values out instead`;
}

export function nestedTooDeep(most: number): string {
  return `is nested more than ${most} levels deep`;
}

export function yamlTag(tag: string): string {
  return `has the YAML tag ${tag}; a scenario is plain data (text, numbers, lists, mappings), so tags that build objects are not allowed`;
}

export function fieldTwice(): string {
  return 'is given twice; each field may appear once';
}

export function traceNeedsAFile(): string {
  return 'a trace is read from a file: give the scenario as a file';
}

/** `reason`: why the trace file cannot be used (e.g. `cannotBeRead()`). */
export function traceUnusable(path: string, reason: string): string {
  return `'${excerpt(path, 80)}' ${reason}`;
}

export function cannotBeRead(): string {
  return 'cannot be read';
}

export function isAFolder(what: string): string {
  return `is a folder; expected a ${what} file`;
}

export function noSuchFile(): string {
  return 'cannot be read: no such file';
}

export function cannotBeReadBecause(code: string): string {
  return `cannot be read (${code})`;
}

// ---------------------------------------------------------------- rules across fields

export function intervalNotDividingADay(minutes: number): string {
  return `must divide a day into whole intervals (15, 30 or 60 are usual), got ${minutes}`;
}

export function warmupTooLong(horizonMinutes: number, warmupMinutes: number): string {
  return `must be shorter than the horizon (${horizonMinutes} minutes), got ${warmupMinutes}`;
}

export function oneOfFields(fields: string, given: readonly string[]): string {
  return `give one of ${fields}, not ${given.join(' and ')}`;
}

/** `rowsIn`: a planner's file (forecast or schedule) that could give the rows instead. */
export function needsFields(fields: string, rowsIn?: { readonly name: string; readonly file: 'forecast' | 'schedule' }): string {
  return `needs ${fields}${rowsIn === undefined ? '' : `, or rows for ${rowsIn.name} in the ${rowsIn.file}`}`;
}

export function onePerInterval(intervals: number, got: number): string {
  return `must have one value per interval (horizon.intervals = ${intervals}), got ${got}`;
}

export function backlogNotLive(channel: string): string {
  return `is for email, workitem and voicemail only; ${channel} customers do not wait overnight`;
}

export function groupNameTaken(group: string, first: number): string {
  return `'${group}' is already the name of agents[${first}]; group names must be unique`;
}

export function listedTwice(item: string): string {
  return `'${item}' is listed twice`;
}

/** `suggestion` is suggest.ts's " (did you mean …?)" or ''. */
export function notAChannelOfScenario(channel: string, suggestion: string, defined: readonly string[]): string {
  return `'${channel}' is not a channel of this scenario${suggestion}; channels defined: ${defined.join(', ') || 'none'}`;
}

export function channelNotTaken(channel: string): string {
  return `no agent group takes ${channel}; add it to a group's channels or remove the channel`;
}

export function noSuchProfile(profile: string, suggestion: string, names: readonly string[]): string {
  return `no profile named '${profile}' under osh.profiles${suggestion}${names.length > 0 ? `; profiles: ${names.join(', ')}` : ''}`;
}

export function profileRefusesGroupChannel(group: string, channel: string): string {
  return `is 0, but group '${group}' takes ${channel}; allow at least 1 or remove ${channel} from the group`;
}

export function unitsNeededForChannel(group: string, channel: string): string {
  return `is required: group '${group}' takes ${channel} and the profile has a budget`;
}

export function oneCallAtATime(got: number): string {
  return `must be 0 or 1: an agent talks on one call at a time, got ${got}`;
}

export function budgetNeeded(): string {
  return 'is required when units are given: the capacity-unit budget of an agent';
}

export function unitsNeeded(): string {
  return 'is required when a budget is given: the units each channel takes';
}

export function unitsAboveBudget(budget: number, channel: string, units: number): string {
  return `must be <= the budget (${budget}), or no agent could ever take ${channel}; got ${units}`;
}

export function mustNotBeEmpty(): string {
  return 'must not be empty';
}

export function firstEfficiencyNotOne(got: number | undefined): string {
  return `must be 1: e(1) is the speed of one unit of work on its own, got ${got}`;
}

export function elevationNeedsOsh(): string {
  return 'elevation needs Omnichannel Session Handling: every group handles one contact at a time (no profile or maxTotal: 1); give a group a profile that holds more than one contact';
}

/** `refusal`: the OSH rules' reason (osh/messages). */
export function elevationNotAllowed(from: string, to: string, refusal: string): string {
  return `${from} > ${to} is not allowed: ${refusal}`;
}

export function policyNeverApplies(from: string): string {
  return `'${from}' is not a channel of this scenario, so the policy never applies`;
}

export function noOutboundOf(channel: string): string {
  return `there are no outbound ${channel} contacts; outbound contacts are voice or email`;
}

export function exchangeIsForChat(from: string): string {
  return `{ exchange: k } applies to chat only; a ${from} contact is decided at 'end'`;
}

export function oneComparator(given: readonly string[]): string {
  return `needs exactly one of '>=', '<=', '==' with a number, got ${given.length === 0 ? 'none' : given.join(' and ')}`;
}

export function toleranceWithEquals(): string {
  return "goes with '==' only";
}

export function tooManyAgents(agents: number, most: number): string {
  return `add up to ${agents.toLocaleString('en-US')} agents; a scenario may have at most ${most.toLocaleString('en-US')}`;
}

export function tooManyArrivals(arrivals: number, most: number): string {
  return `expect ${Math.round(arrivals).toLocaleString('en-US')} arrivals a replication; at most ${most.toLocaleString('en-US')} (shorten the horizon or split the run)`;
}

// ---------------------------------------------------------------- traces

export function notATime(text: string): string {
  return `'${excerpt(text)}' is not a time: write seconds since the start, 08:03:12, d2 08:03:12 or 2026-03-02T08:03:12`;
}

export function notATimeOfDay(text: string): string {
  return `'${excerpt(text)}' is not a valid time of day`;
}

export function notCsv(reason: string): string {
  return `is not valid CSV (${reason})`;
}

export function emptyTrace(): string {
  return 'is empty; expected a header line with a time column, then one row per arrival';
}

/** `suggestion` is suggest.ts's " (did you mean …?)" or ''. */
export function unknownTraceColumn(name: string, suggestion: string): string {
  return `unknown column '${excerpt(name)}'${suggestion}; columns: time, channel, skill, talk, work, wrap, patience, exchanges`;
}

export function noTimeColumn(): string {
  return "needs a time column ('time', 'timestamp' or 'arrival')";
}

export function beforeHorizonStart(secondsBefore: number): string {
  return `is before the horizon start (${secondsBefore} s before)`;
}

export function pastHorizonEnd(time: number, horizonSec: number): string {
  return `is past the horizon end (${time} s >= ${horizonSec} s); lengthen the horizon or cut the trace`;
}

export function rowsOutOfOrder(): string {
  return 'is earlier than the row before; rows must be in time order';
}

export function columnNotForChannel(channel: string): string {
  return `does not apply to a ${channel} contact`;
}

export function neverAbandons(channel: string): string {
  return `does not apply to a ${channel} contact: it never abandons`;
}

// ---------------------------------------------------------------- --vary field paths and values

export function notAFieldPath(path: string): string {
  return `'${path}' is not a field path like agents.blended.count or osh.elevation.policies[0].probability`;
}

export function emptyFieldPath(): string {
  return 'the field path is empty';
}

export function noSuchGroup(group: string, suggestion: string, names: readonly string[]): string {
  return `no agent group named '${group}'${suggestion}; groups: ${names.join(', ')}`;
}

export function noSuchItem(item: string, length: number): string {
  return `has no item ${item} (the list has ${length})`;
}

export function notAList(): string {
  return 'is not a list';
}

export function noSuchField(suggestion: string, fields: readonly string[]): string {
  return `does not exist${suggestion}; fields here: ${fields.join(', ')}`;
}

export function hasNoFields(): string {
  return 'is not a mapping or a list, so it has no fields';
}

export function notARange(text: string): string {
  return `'${text}' is not a range like 40..60:2 (from <= to, step > 0)`;
}

export function tooManyValues(text: string, count: number, most: number): string {
  return `'${text}' makes ${count} values; at most ${most}`;
}

export function emptyValue(text: string): string {
  return `'${text}' has an empty value; write a list like 1,2,3 or a range like 40..60:2`;
}

// ---------------------------------------------------------------- the schema language (shape.ts)

/** `expected`: what the field holds, e.g. "a number >= 0"; `got`: the value as shown. */
export function mustBe(expected: string, got: string): string {
  return `must be ${expected}, got ${got}`;
}

export function atLeastCharacters(least: number): string {
  return `must be at least ${least} characters`;
}

export function atMostCharacters(most: number, got: number): string {
  return `must be at most ${most} characters, got ${got}`;
}

export function atLeastItems(least: number, got: number): string {
  return `must have at least ${least} items, got ${got}`;
}

export function atMostItems(most: number, got: number): string {
  return `must have at most ${most} items, got ${got}`;
}

/** `suggestion` is suggest.ts's " (did you mean …?)"; without one, the known fields are listed. */
export function unknownField(suggestion: string, known: readonly string[]): string {
  return suggestion === '' ? `unknown field; expected one of ${known.join(', ')}` : `unknown field${suggestion}`;
}

export function required(expected: string): string {
  return `is required: ${expected}`;
}

export function nullGiven(expected: string): string {
  return `must be ${expected}, got null (leave the field out instead)`;
}

export function badName(keyText: string): string {
  return `the name must be ${keyText}`;
}

// ---------------------------------------------------------------- distributions and service levels (schema.ts)

export function uniformNeedsBoth(): string {
  return 'needs both min and max';
}

export function uniformMaxBelowMin(min: number, max: number): string {
  return `must be >= min (${min}), got ${max}`;
}

export function uniformTwoWays(): string {
  return 'give either min and max, or mean and cv, not both';
}

export function uniformNeedsMeanAndCv(): string {
  return 'needs mean and cv (or min and max)';
}

export function uniformCvTooLarge(cv: number): string {
  return `must be <= 0.577 (1/√3) for a uniform distribution that stays >= 0, got ${cv}`;
}

export function shortAbandonNeeded(): string {
  return 'is required when formula is excludeShortAbandons';
}

// ---------------------------------------------------------------- input safety: files, limits, trace rows

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

export function traceOutsideFolders(scenarioFolder: string, kind: ScenarioFileKind = 'trace'): string {
  return `is not beside the scenario: a ${kind} is read from the scenario's folder (${excerpt(scenarioFolder, 80)}) or below it, or below a folder named with --trace-root`;
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

/** `suggestion` is suggest.ts's " (did you mean …?)" or ''. */
export function traceUnknownSkill(value: string, suggestion: string): string {
  return `'${excerpt(value)}' is not a skill of the scenario${suggestion}; name a skill under skills: or a channels: entry`;
}

export function traceSkillNotReplaying(skill: string): string {
  return `is ${excerpt(skill)}, but that skill does not replay this trace; give it arrivals: { trace: … } with this file or remove the row`;
}

export function traceSkillOfOtherChannel(channel: string, skill: string, skillChannel: string): string {
  return `is '${excerpt(channel)}', but the row's skill ${excerpt(skill)} is a ${skillChannel} skill`;
}

/** A file without a skill column replayed by several skills of one channel. */
export function traceSkillsNeedSkillColumn(channel: string, skills: readonly string[]): string {
  return `has no skill column, but ${skills.length} ${channel} skills replay this trace (${skills.join(', ')}); add a skill column naming each row's skill`;
}

/** A row without a skill of a channel that several skills replaying the file share. */
export function traceSkillNeeded(channel: string, skills: readonly string[]): string {
  return `is empty, but ${skills.length} ${channel} skills replay this trace (${skills.join(', ')}); name the row's skill`;
}

// ---------------------------------------------------------------- skills

/** A group's `skills:` entry naming no skill; `hint` is suggest.ts's " (did you mean …?)" or ''. */
export function unknownSkill(skill: string, hint: string, known: readonly string[]): string {
  return `'${skill}' is not a skill of this scenario${hint}; skills: ${known.join(', ') || 'none'}`;
}

export function skillListedTwice(skill: string): string {
  return `'${skill}' is listed twice (through channels or skills); list it once`;
}

export function skillNameIsAChannelEntry(skill: string): string {
  return `'${skill}' is already a channels: entry (the skill named after its channel); rename the skill or remove the channel entry`;
}

export function skillNameIsAnotherChannel(skill: string, channel: string): string {
  return `'${skill}' names a channel, but this skill is of channel ${channel}; name it after what it serves (e.g. ${channel}-${skill})`;
}

/** A group's `channels:` entry for a channel that has skills but no `channels:` entry. */
export function channelWithoutEntry(channel: string, skills: readonly string[]): string {
  return `'${channel}' has no channels: entry; this scenario's ${channel} skills are ${skills.join(', ')}: list them under the group's skills`;
}

export function groupNeedsSkills(): string {
  return 'needs channels or skills: what this group is offered';
}

/** A warning, not an error: the skill's contacts wait or abandon. */
export function skillHeldByNobody(skill: string): string {
  return `skill '${skill}' is held by no agent group: its contacts wait or abandon`;
}

export function noChannelOrSkill(channels: readonly string[]): string {
  return `must define at least one channel of ${channels.join(', ')}, or skills`;
}

/** `arrivals.scale` beside `arrivals.trace`. */
export function traceNotScalable(): string {
  return 'a trace is replayed as recorded, so its volume cannot be scaled; scale a rate, volumes or a forecast instead';
}

/** A profile's maximum for one channel that its total maximum never lets an agent reach. */
export function maxPerChannelAboveTotal(channel: string, most: number, total: number): string {
  return `${channel} allows ${most} at once, but maxTotal is ${total}: an agent never holds more than ${total} ${channel} contacts (lower maxPerChannel.${channel} or raise maxTotal)`;
}

/** A warning about a scenario, as the command line prints it on stderr. */
export function scenarioWarning(file: string, warning: string): string {
  return `warning: ${file}: ${warning}`;
}

// ---------------------------------------------------------------- the planner's files

/** A planner's file or a trace: what a file read beside the scenario is, in messages. */
export type ScenarioFileKind = 'trace' | 'forecast' | 'schedule';

export const plannerMessages = {
  dayZero: (label: string) => `'${excerpt(label)}' names day 0; days count from d1`,
  notACalendarDate: (label: string) => `'${excerpt(label)}' is not a calendar date`,
  notAnIntervalStart: (label: string) => `'${excerpt(label)}' is not an interval start: write 08:30, d2 08:30 or 2026-03-02T08:30`,
  notATimeOfDay: (label: string) => `'${excerpt(label)}' is not a time of day`,
  notOnTheGrid: (label: string, intervalMinutes: number, start: string) =>
    `'${excerpt(label)}' is not the start of a reporting interval (every ${intervalMinutes} min from ${start})`,
  notOnTheHorizon: (label: string, intervals: number, intervalMinutes: number, start: string) =>
    `'${excerpt(label)}' is not on the horizon (${intervals} intervals of ${intervalMinutes} min from ${start} of day 1)`,
  notCsv: (reason: string) => `is not valid CSV (${excerpt(reason)})`,
  emptyFile: (required: readonly string[], rowsPer: string) => `is empty; expected a header line (${required.join(', ')}) and one row per interval and ${rowsPer}`,
  unknownColumn: (column: string, hint: string, known: readonly string[]) => `unknown column '${excerpt(column)}'${hint}; columns: ${known.join(', ')}`,
  columnTwice: (column: string) => `column '${column}' is given twice`,
  missingColumn: (column: string, known: readonly string[]) => `needs a column '${column}' (columns: ${known.join(', ')})`,
  badNumber: (wanted: string, value: string) => `must be ${wanted}, got '${excerpt(value)}'`,
  unknownName: (value: string, what: string, hint: string, known: readonly string[]) => `'${excerpt(value)}' is not a ${what} of the scenario${hint}; known: ${known.join(', ')}`,
  moreProblems: (shown: number, rows: number) => `more problems not shown (first ${shown} of up to ${rows} rows reported)`,
  volumeWanted: (most: number) => `a number of contacts from 0 to ${most}`,
  ahtWanted: (mostSec: number) => `a mean handle time in seconds above 0 and at most ${mostSec}`,
  agentsWanted: (most: number) => `a whole number of agents from 0 to ${most}`,
  shrinkageWanted: () => 'a share from 0 to below 1 (0.3 for 30 %)',
  repeatedSkill: (skill: string, label: string) => `repeats ${skill} at '${excerpt(label)}'; give each interval and skill once`,
  repeatedGroup: (group: string, label: string) => `repeats group ${group} at '${excerpt(label)}'; give each interval and group once`,
  channelOfSeveralSkills: (channel: string, skills: readonly string[]) =>
    `'${channel}' is a channel of ${skills.length} skills (${skills.join(', ')}); name the skill in each row`,
  arrivalsAlsoInForecast: (forecast: string, skill: string) => `is also given by the forecast (${forecast}); give ${skill}'s arrivals in one place`,
  agentsAlsoInSchedule: (schedule: string, group: string) => `is also given by the schedule (${schedule}); give ${group}'s agents in one place`,
  shrinkageAlsoInSchedule: (schedule: string, group: string) => `is also given by the schedule's shrinkage column (${schedule}); give ${group}'s shrinkage in one place`,
  needsAFile: (kind: ScenarioFileKind) => `a ${kind} is read from a file: give the scenario as a file`,
  unusableFile: (path: string, reason: string) => `'${excerpt(path, 200)}' ${reason}`,
  cannotBeRead: () => 'cannot be read',
};

/** `priority.max` below the skill's initial priority (written, or its channel's default). */
export function priorityCapBelowStart(max: number, initial: number, defaulted: boolean): string {
  return `is ${max}, below the initial priority ${initial}${defaulted ? " (the channel's default)" : ''}: a waiting contact's priority only grows, so the cap must be at least ${initial}`;
}
