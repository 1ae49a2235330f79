// The workbench draws a report while other runs simulate on worker threads; V8's flags belong to
// the process, so it must keep the optimising compiler on while it draws (a command does not).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optimisingWhileDrawing } from '../../src/report/render.js';
import { startWorkbench } from '../../src/serve/server.js';

describe('the workbench drawing reports', () => {
  it('keeps the optimising compiler on while charts are drawn', async () => {
    expect(optimisingWhileDrawing()).toBe(false);
    const workbench = await startWorkbench({
      host: '127.0.0.1',
      port: 0,
      jobs: 1,
      assetsFolder: fileURLToPath(new URL('../../dist/web/', import.meta.url)),
      scenariosFolder: fileURLToPath(new URL('../../scenarios/', import.meta.url)),
    });
    try {
      expect(optimisingWhileDrawing()).toBe(true);
    } finally {
      workbench.stop();
    }
  });
});
