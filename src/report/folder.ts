// Report folders appear whole or not at all: everything is written into a hidden temporary
// folder beside the destination, which then replaces the destination by rename. A scenario
// name becomes a folder name only through `folderName`, so no name escapes `reports/`.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

export class StagedFolder {
  readonly destination: string;
  readonly staging: string;
  private done = false;

  constructor(destination: string, tag: string) {
    this.destination = destination;
    this.staging = join(dirname(destination), `.${basename(destination)}.${tag}.partial`);
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging, { recursive: true });
  }

  path(...parts: string[]): string {
    return join(this.staging, ...parts);
  }

  removeFile(name: string): void {
    rmSync(join(this.staging, name), { force: true });
  }

  /** Replaces the destination with the staged folder. */
  commit(): void {
    const previous = `${this.staging}.previous`;
    rmSync(previous, { recursive: true, force: true });
    if (existsSync(this.destination)) renameSync(this.destination, previous);
    renameSync(this.staging, this.destination);
    rmSync(previous, { recursive: true, force: true });
    this.done = true;
  }

  /** Removes the staged folder; the destination is left as it was. */
  abandon(): void {
    if (!this.done) rmSync(this.staging, { recursive: true, force: true });
  }
}
