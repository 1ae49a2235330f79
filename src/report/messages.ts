// Messages of the report room, one builder each: a report or shard folder that cannot be read
// back, a folder that cannot be written, and (in `reportMessages`) the refusals of `--out`,
// locks, links and values read back that do not hold. Code and tests build the same text here.
// Exports one function per message, and `reportMessages`.

export function notAReportFolder(): string {
  return 'is missing; is this an osh-sim report folder?';
}

export function notAShardFolder(): string {
  return 'is missing: this is not a shard folder (written by osh-sim run or sweep with --shard)';
}

/** `reason`: the JSON parser's own words. */
export function notValidJson(reason: string): string {
  return `is not valid JSON (${reason})`;
}

/** `reason`: what the file system said, in words (see `folderProblem`). */
export function cannotWriteReportFolder(reason: string): string {
  return `cannot write the report folder here (${reason})`;
}

const FOLDER_PROBLEMS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file',
  EEXIST: 'a file of that name exists',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'the path cannot be created',
  ENOSPC: 'the disk is full',
};

/** A file-system error code in words (the code itself when it has none). */
export function folderProblem(code: string): string {
  return FOLDER_PROBLEMS[code] ?? code;
}

/** Output safety: where a report folder may be written, and values read back from one. */
export const reportMessages = {
  outIsNotAFolderName: (given: string) => `'${given}' names the current folder, one above it or the root; give a folder of its own, e.g. reports/day`,
  outIsEmpty: () => 'is empty; give a folder for the report, e.g. reports/day',
  outHoldsInput: (input: string) => `would replace ${input}, which this command reads; give another folder`,
  outIsLink: () => 'is a link; osh-sim writes a report folder only in its own place, never through a link',
  outNotOurs: () => 'holds files osh-sim did not write (no run.json, sweep.json, shard.json or compare.csv of its own); osh-sim replaces only its own report folders, so give a new or empty folder',
  locked: (pid: number) => `is being written by another osh-sim (process ${pid}); wait for it to finish, or give another --out`,
  holdsLink: (entry: string) => `${entry} is a link; osh-sim does not write into a report folder holding links (copy the folder's files instead)`,
  wrongType: (expected: string, got: string) => `must be ${expected}, got ${got}`,
  notNumber: (column: string, value: string) => `column ${column} must be a number, got '${value}'`,
  hashMismatch: (field: string, of: string) => `${field} does not match ${of}: the file was edited after osh-sim wrote it`,
  tooMany: (what: string, max: number, got: number) => `holds ${got} ${what}, more than the ${max} allowed`,
  checkpointFailed: (folder: string, why: string) => `cannot save the sweep's checkpoint in ${folder} (${why}); nothing was written`,
} as const;

/**
 * The capacity headline's split of the saving against Erlang C (agent-intervals): pooling
 * (Erlang C less the plan with OSH off) and concurrency (the rest). Either may be negative
 * (an occupancy cap or a minimum can make the plan need more than Erlang C).
 */
export function capacitySavingSplit(erlangC: number, oshOff: number, required: number): string {
  const share = (x: number) => (erlangC > 0 ? ` (${((100 * x) / erlangC).toFixed(0)} % of Erlang C)` : '');
  return `saving against Erlang C: ${erlangC - required} agent-intervals = pooling skills and channels in groups ${erlangC - oshOff}${share(erlangC - oshOff)} + OSH concurrency ${oshOff - required}${share(oshOff - required)}; the same plan with OSH off would need about ${oshOff}`;
}
