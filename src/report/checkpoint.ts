// A sweep's checkpoint: every finished (variant, replication) result written as it arrives,
// beside the sweep's folder, under the plan that produced it. An interrupted sweep started
// again with --resume reuses what matches the same plan; the checkpoint goes once the sweep's
// folder is written. Results are stored in V8's structured-clone format, as worker threads
// send them: exact (NaN and -0 included) and about ten times cheaper to write than JSON, which
// matters because the main thread writes one per replication. The plan records the V8 version,
// so a checkpoint is never read by another. A checkpoint that cannot be written (a full disk)
// is removed and its error, naming the file, ends the sweep. Files are created exclusively,
// never through a link. Exports `Checkpoint`.
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ReplicationResult } from '../stats/metrics.js';

/** A real folder, not a link to one. */
function isPlainFolder(folder: string): boolean {
  try {
    return lstatSync(folder).isDirectory();
  } catch {
    return false;
  }
}

export class Checkpoint {
  /** `resume`: keep a checkpoint made under the same plan; otherwise start a fresh one. */
  constructor(
    private readonly folder: string,
    plan: Readonly<Record<string, unknown>>,
    resume: boolean,
  ) {
    const planText = JSON.stringify({ ...plan, v8: process.versions.v8 });
    const planFile = join(folder, 'plan.json');
    const matches = resume && isPlainFolder(folder) && existsSync(planFile) && readFileSync(planFile, 'utf8') === planText;
    if (!matches) {
      this.guard(() => {
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(folder, { mode: 0o700 });
        writeFileSync(planFile, planText, { flag: 'wx' });
      });
    }
  }

  /** Runs a write; on failure the checkpoint goes (nothing half-saved is left) and the error stands. */
  private guard(write: () => void): void {
    try {
      // Fault injection for the test of a full disk (never set otherwise).
      if (process.env['OSH_SIM_FAULT'] === 'checkpoint-full' && existsSync(join(this.folder, 'plan.json'))) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${this.folder}'`), { code: 'ENOSPC', path: this.folder });
      }
      write();
    } catch (error) {
      this.remove();
      throw error;
    }
  }

  private file(task: { variant: number; replication: number }): string {
    return join(this.folder, `v${task.variant}-r${task.replication}.result`);
  }

  load(task: { variant: number; replication: number }): ReplicationResult | undefined {
    try {
      if (!lstatSync(this.file(task)).isFile()) return undefined;
      return deserialize(readFileSync(this.file(task))) as ReplicationResult;
    } catch {
      return undefined;
    }
  }

  /** Written whole or not at all (a temporary name, then a rename). */
  save(task: { variant: number; replication: number }, result: ReplicationResult): void {
    const target = this.file(task);
    this.guard(() => {
      rmSync(`${target}.tmp`, { force: true });
      writeFileSync(`${target}.tmp`, serialize(result), { flag: 'wx' });
      renameSync(`${target}.tmp`, target);
    });
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
