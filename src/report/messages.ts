// Messages of the report room, one builder each: a report or shard folder that cannot be read
// back, a folder that cannot be written. Code and tests build the same text here. Exports one
// function per message.

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
