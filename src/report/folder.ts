// Report folders appear whole or not at all: everything is written into a hidden temporary
// folder beside the destination, which then replaces the destination by rename. A scenario
// name becomes a folder name only through `folderName`, so no name escapes `reports/`.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import * as messages from './messages.js';

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

export class StagedFolder {
  readonly destination: string;
  readonly staging: string;
  private done = false;

  constructor(destination: string, tag: string) {
    this.destination = destination;
    this.staging = join(dirname(destination), `.${basename(destination)}.${tag}.partial`);
    try {
      if (existsSync(destination) && !statSync(destination).isDirectory()) {
        throw Object.assign(new Error('exists and is not a folder'), { code: 'EEXIST' });
      }
      makeFolders(dirname(resolve(destination)));
      rmSync(this.staging, { recursive: true, force: true });
      mkdirSync(this.staging);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new InputError(destination, [{ path: '', message: messages.cannotWriteReportFolder(messages.folderProblem(code)) }]);
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

  /** Replaces the destination with the staged folder. */
  commit(): void {
    const previous = `${this.staging}.previous`;
    rmSync(previous, { recursive: true, force: true });
    const replacing = existsSync(this.destination);
    if (replacing) renameSync(this.destination, previous);
    try {
      renameSync(this.staging, this.destination);
    } catch (error) {
      // The earlier folder goes back where it was: a failed write leaves what was there.
      if (replacing) renameSync(previous, this.destination);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
    this.done = true;
  }

  /** Removes the staged folder; the destination is left as it was. */
  abandon(): void {
    if (!this.done) rmSync(this.staging, { recursive: true, force: true });
  }
}
