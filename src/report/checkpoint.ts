// A sweep's checkpoint: every finished (variant, replication) result written as it arrives,
// beside the sweep's folder, under the plan that produced it. An interrupted sweep started
// again with --resume reuses what matches the same plan; the checkpoint goes once the sweep's
// folder is written. Results are stored in V8's structured-clone format, as worker threads
// send them: exact (NaN and -0 included) and about ten times cheaper to write than JSON, which
// matters because the main thread writes one per replication. The plan records the V8 version,
// so a checkpoint is never read by another. Exports `Checkpoint`.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ReplicationResult } from '../stats/metrics.js';

export class Checkpoint {
  /** `resume`: keep a checkpoint made under the same plan; otherwise start a fresh one. */
  constructor(
    private readonly folder: string,
    plan: Readonly<Record<string, unknown>>,
    resume: boolean,
  ) {
    const planText = JSON.stringify({ ...plan, v8: process.versions.v8 });
    const planFile = join(folder, 'plan.json');
    const matches = resume && existsSync(planFile) && readFileSync(planFile, 'utf8') === planText;
    if (!matches) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      writeFileSync(planFile, planText);
    }
  }

  private file(task: { variant: number; replication: number }): string {
    return join(this.folder, `v${task.variant}-r${task.replication}.result`);
  }

  load(task: { variant: number; replication: number }): ReplicationResult | undefined {
    try {
      return deserialize(readFileSync(this.file(task))) as ReplicationResult;
    } catch {
      return undefined;
    }
  }

  /** Written whole or not at all (a temporary name, then a rename). */
  save(task: { variant: number; replication: number }, result: ReplicationResult): void {
    const target = this.file(task);
    writeFileSync(`${target}.tmp`, serialize(result));
    renameSync(`${target}.tmp`, target);
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
