// Report folders appear whole or not at all, and a scenario name never steers where they go.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagedFolder, folderName } from '../../src/report/folder.js';

/** The marker of a run folder: what makes a folder osh-sim's own, to be replaced. */
const RUN_JSON = JSON.stringify({ version: '0.1.0', command: 'osh-sim run day.yaml', replications: 1 });

describe('staged report folders', () => {
  it('replace an earlier folder whole on commit', () => {
    const root = mkdtempSync(join(tmpdir(), 'osh-folder-'));
    const destination = join(root, 'report');
    mkdirSync(destination);
    writeFileSync(join(destination, 'run.json'), RUN_JSON);
    const staged = new StagedFolder(destination, 'test');
    writeFileSync(staged.path('new.txt'), 'new');
    expect(readdirSync(destination)).toEqual(['run.json']);
    staged.commit();
    expect(readdirSync(destination)).toEqual(['new.txt']);
    expect(readdirSync(root)).toEqual(['report']);
  });

  it('put the earlier folder back when the new one cannot take its place', () => {
    const root = mkdtempSync(join(tmpdir(), 'osh-folder-'));
    const destination = join(root, 'report');
    mkdirSync(destination);
    writeFileSync(join(destination, 'run.json'), RUN_JSON);
    const staged = new StagedFolder(destination, 'test');
    rmSync(staged.staging, { recursive: true }); // the rename into place will fail
    let thrown: unknown;
    try {
      staged.commit();
    } catch (error) {
      thrown = error;
    }
    // The rename's own failure, passed on: the staged folder it could not find.
    expect(thrown).toMatchObject({ code: 'ENOENT', syscall: 'rename', path: staged.staging });
    staged.abandon();
    expect(readFileSync(join(destination, 'run.json'), 'utf8')).toBe(RUN_JSON);
    expect(readdirSync(root)).toEqual(['report']);
  });

  it('leave nothing behind when abandoned', () => {
    const root = mkdtempSync(join(tmpdir(), 'osh-folder-'));
    const staged = new StagedFolder(join(root, 'report'), 'test');
    writeFileSync(staged.path('half.txt'), 'half');
    staged.abandon();
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(join(root, 'report'))).toBe(false);
  });
});

describe('folder names from scenario names', () => {
  it.each([
    ['../../etc/x', 'etc-x'],
    ['<img src=x onerror=alert(1)>', 'img-src-x-onerror-alert-1'],
    ['..', 'scenario'],
    ['Café day 2', 'Cafe-day-2'],
    ['a'.repeat(300), 'a'.repeat(100)],
  ])('%s → %s', (name, folder) => {
    expect(folderName(name)).toBe(folder);
  });
});
