// A sweep's checkpoint: every finished (variant, replication) result written as it arrives,
// beside the sweep's folder, under the plan that produced it. An interrupted sweep started
// again with --resume reuses what matches the same plan; the checkpoint goes once the sweep's
// folder is written. Exports `Checkpoint`.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplicationResult } from '../stats/metrics.js';
import { fromJson, toJson } from '../stats/serialize.js';

export class Checkpoint {
  /** `resume`: keep a checkpoint made under the same plan; otherwise start a fresh one. */
  constructor(
    private readonly folder: string,
    plan: unknown,
    resume: boolean,
  ) {
    const planText = JSON.stringify(plan);
    const planFile = join(folder, 'plan.json');
    const matches = resume && existsSync(planFile) && readFileSync(planFile, 'utf8') === planText;
    if (!matches) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      writeFileSync(planFile, planText);
    }
  }

  private file(task: { variant: number; replication: number }): string {
    return join(this.folder, `v${task.variant}-r${task.replication}.json`);
  }

  load(task: { variant: number; replication: number }): ReplicationResult | undefined {
    try {
      return fromJson(JSON.parse(readFileSync(this.file(task), 'utf8'))) as ReplicationResult;
    } catch {
      return undefined;
    }
  }

  /** Written whole or not at all (a temporary name, then a rename). */
  save(task: { variant: number; replication: number }, result: ReplicationResult): void {
    const target = this.file(task);
    writeFileSync(`${target}.tmp`, JSON.stringify(toJson(result)));
    renameSync(`${target}.tmp`, target);
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
