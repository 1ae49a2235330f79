// The workbench's runs on disk: one temporary folder holding a report folder per run, removed
// when the workbench stops. Only report/ and cli/ write files, so the server asks here.
// Exports `RunsFolder`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class RunsFolder {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'osh-sim-workbench-'));
  }

  /** The report folder of a run; `id` is the server's own (letters, digits, `-`), never a user's. */
  folderOf(id: string): string {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`not a run id: ${id}`);
    return join(this.root, id);
  }

  remove(id: string): void {
    rmSync(this.folderOf(id), { recursive: true, force: true });
  }

  removeAll(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
