// Report folders appear whole or not at all: everything is written into a fresh private
// staging folder (mkdtemp) beside the destination, which then replaces the destination by
// rename, and only when the destination is empty, new, or a folder osh-sim wrote itself.
// A lock file beside the destination keeps two commands from writing one folder at a time.
// A scenario name becomes a folder name only through `folderName`. Exports `folderName`,
// `StagedFolder`, `checkDestination`, `isOutputFolder`, `writeNewFile`.
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import * as messages from './messages.js';
import { reportMessages } from './messages.js';

/** A safe folder name from any scenario name: letters, digits, `.`, `_`, `-`; never `..`. */
export function folderName(scenarioName: string): string {
  const cleaned = scenarioName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
    .replace(/[-.]+$/g, '');
  return cleaned === '' ? 'scenario' : cleaned;
}


/**
 * Creates a folder and its missing parents one level at a time; Node's recursive mkdir can
 * loop forever under special file systems such as /proc.
 */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  let current = folder;
  while (!existsSync(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing.reverse()) mkdirSync(path);
}

/** Writes a new file, never through a link or over an existing file ('wx': exclusive create). */
export function writeNewFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { flag: 'wx' });
}

function readSmallJson(path: string): unknown {
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size > 1 << 26) return undefined;
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A folder osh-sim wrote: it holds the marker file of a run or capacity plan (run.json with
 * version, command and replications), a sweep (sweep.json with scenario and variants), a shard
 * (shard.json of kind run or sweep) or a comparison (compare.csv with its header).
 */
export function isOutputFolder(folder: string): boolean {
  const run = readSmallJson(join(folder, 'run.json'));
  if (isObject(run) && typeof run['version'] === 'string' && typeof run['command'] === 'string' && typeof run['replications'] === 'number') return true;
  const sweep = readSmallJson(join(folder, 'sweep.json'));
  if (isObject(sweep) && typeof sweep['scenario'] === 'string' && Array.isArray(sweep['variants'])) return true;
  const shard = readSmallJson(join(folder, 'shard.json'));
  if (isObject(shard) && (shard['kind'] === 'run' || shard['kind'] === 'sweep') && typeof shard['version'] === 'string') return true;
  try {
    const compare = join(folder, 'compare.csv');
    if (lstatSync(compare).isFile()) {
      const fd = openSync(compare, 'r');
      const head = Buffer.alloc(64);
      const n = readSync(fd, head);
      closeSync(fd);
      if (head.subarray(0, n).toString('utf8').startsWith('figure,baseline,baselineCi95,')) return true;
    }
  } catch {
    // No compare.csv: not a comparison.
  }
  return false;
}

/** True when `inner` is `outer` or lies below it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Refuses a destination a report folder must never replace: empty, the current folder or one
 * above it, the root, a link, a folder the command reads (`reading`), or a non-empty folder
 * osh-sim did not write. Throws InputError naming the destination.
 */
export function checkDestination(destination: string, reading: readonly string[] = []): void {
  const refuse = (message: string): never => {
    throw new InputError(destination === '' ? '--out' : destination, [{ path: '', message }]);
  };
  if (destination.trim() === '') refuse(reportMessages.outIsEmpty());
  const target = resolve(destination);
  if (target === parsePath(target).root || within(process.cwd(), target)) refuse(reportMessages.outIsNotAFolderName(destination));
  for (const input of reading) {
    const read = resolve(input);
    if (within(read, target)) refuse(reportMessages.outHoldsInput(input));
  }
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return; // A new folder.
  }
  if (stat.isSymbolicLink()) refuse(reportMessages.outIsLink());
  if (!stat.isDirectory()) return; // StagedFolder says it is a file.
  if (readdirSync(target).length > 0 && !isOutputFolder(target)) refuse(reportMessages.outNotOurs());
}

/** Is a process of this id alive? (EPERM: alive, but someone else's.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `.<name>.lock` beside the destination, created exclusively and holding this process's id;
 * a lock left by a process that no longer runs is stale and taken over.
 */
function takeLock(destination: string): string {
  const lock = join(dirname(destination), `.${basename(destination)}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    } catch {
      // Gone meanwhile, or unreadable: try again.
    }
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new InputError(destination, [{ path: '', message: reportMessages.locked(holder) }]);
    }
    rmSync(lock, { force: true });
  }
  throw new InputError(destination, [{ path: '', message: reportMessages.locked(0) }]);
}

export class StagedFolder {
  readonly destination: string;
  readonly staging: string;
  private readonly lock: string;
  private done = false;
  private released = false;

  /** `reading`: folders the command reads, which the destination must not replace. */
  constructor(destination: string, tag: string, reading: readonly string[] = []) {
    checkDestination(destination, reading);
    this.destination = destination;
    try {
      if (existsSync(destination) && !statSync(destination).isDirectory()) {
        throw Object.assign(new Error('exists and is not a folder'), { code: 'EEXIST' });
      }
      makeFolders(dirname(resolve(destination)));
    } catch (error) {
      throw folderProblem(destination, error);
    }
    try {
      this.lock = takeLock(destination);
    } catch (error) {
      throw folderProblem(destination, error);
    }
    try {
      // Fresh and private (mode 0700, a name no one could have planted a link under).
      this.staging = mkdtempSync(join(dirname(destination), `.${basename(destination)}.${tag}.partial-`));
    } catch (error) {
      rmSync(this.lock, { force: true });
      throw folderProblem(destination, error);
    }
  }

  path(...parts: string[]): string {
    return join(this.staging, ...parts);
  }

  /** Removes the per-replication `*.part` log files once they are joined. */
  removeParts(): void {
    for (const name of readdirSync(this.staging)) if (name.endsWith('.part')) rmSync(join(this.staging, name), { force: true });
  }

  removeFile(name: string): void {
    rmSync(join(this.staging, name), { force: true });
  }

  /** Has the staged folder taken the destination's place? */
  get committed(): boolean {
    return this.done;
  }

  /** Replaces the destination with the staged folder. */
  commit(): void {
    // Checked again: the destination may have changed while the command ran.
    checkDestination(this.destination);
    const previous = `${this.staging}.previous`;
    const replacing = existsSync(this.destination);
    if (replacing) renameSync(this.destination, previous);
    try {
      renameSync(this.staging, this.destination);
    } catch (error) {
      // The earlier folder goes back where it was: a failed write leaves what was there.
      if (replacing) renameSync(previous, this.destination);
      throw error;
    }
    this.done = true;
    rmSync(previous, { recursive: true, force: true });
    this.release();
  }

  /** Removes the staged folder; the destination is left as it was. */
  abandon(): void {
    if (!this.done) rmSync(this.staging, { recursive: true, force: true });
    this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(this.lock, { force: true });
  }
}

function folderProblem(destination: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new InputError(destination, [{ path: '', message: messages.cannotWriteReportFolder(messages.folderProblem(code)) }]);
}
