// The progress bar: silent unless stderr is a terminal, not in CI, not with --quiet, and not
// before a run has taken two seconds; then replications done, simulated time, events per
// second and time left, on one line that is cleared at the end.
import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/progress.js';

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 200, write: (text: string) => (written.push(text), true) } };
}

describe('progress bar', () => {
  it('stays quiet off a terminal, in CI and with --quiet', () => {
    for (const [isTTY, ci, quiet] of [[false, false, false], [true, true, false], [true, false, true]] as const) {
      const { written, stream } = fakeTerminal(isTTY);
      let now = 0;
      const bar = new ProgressBar({ total: 4, horizonSec: 3600, label: 'x', quiet, ci, stream, clock: () => now });
      now = 10_000;
      bar.update(0, 1800, 1000);
      bar.taskDone(0, 2000);
      bar.finish();
      expect(bar.active).toBe(false);
      expect(written).toEqual([]);
    }
  });

  it('waits two seconds, then shows done, simulated time, rate and time left', () => {
    const { written, stream } = fakeTerminal(true);
    let now = 0;
    const bar = new ProgressBar({ total: 4, horizonSec: 7200, label: 'day', ci: false, stream, clock: () => now });
    now = 1000;
    bar.update(0, 3600, 500_000);
    expect(written).toEqual([]);
    now = 3000;
    bar.taskDone(0, 1_000_000);
    now = 4000;
    bar.update(1, 3600, 1_000_000);
    const last = written[written.length - 1]!;
    expect(last).toContain('day [');
    expect(last).toContain('1/4 done');
    expect(last).toContain('38 %');
    expect(last).toContain('simulated 1.0 h');
    expect(last).toContain('500 k events/s');
    expect(last).toMatch(/\d+ s left/);
    bar.finish();
    expect(written[written.length - 1]).toBe('\r\u001b[2K');
  });
});
