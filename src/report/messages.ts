// What the report room says to a user about folders it reads back or writes: one builder per
// message, so tests compare against the builder rather than pin the wording. Exports builders.

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
