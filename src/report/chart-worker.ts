// Worker-thread entry of the chart helper (`ChartHelper` in render.ts): loads vega as soon as
// it starts and says so, then draws the charts of each page it is sent that the main thread has
// not claimed first (both take the next chart through a shared counter) and posts each SVG back.
import { parentPort } from 'node:worker_threads';
import { type ChartHelperMessage, type ChartPage, ChartWarning, rendererOrigin, renderSvg } from './render.js';

const port = parentPort;
if (port === null) throw new Error('chart-worker.js runs only as a worker thread');

const send = (message: ChartHelperMessage) => port.postMessage(message);
// A helper that cannot load vega takes no chart: the main thread draws them all.
const loaded = rendererOrigin().then(
  () => true,
  () => false,
);
void loaded.then((ok) => ok && send({ kind: 'ready' }));
// Fault injection for the test of a helper whose thread dies holding a chart (never set otherwise).
const fault = process.env['OSH_SIM_FAULT'];

port.on('message', (page: ChartPage) => {
  void loaded.then((ok) => (ok ? draw(page) : undefined));
});

/** Takes the page's next chart until none is left, and posts each SVG (or why it failed) back. */
async function draw(page: ChartPage): Promise<void> {
  for (;;) {
    const index = Atomics.add(page.next, 0, 1);
    if (index >= page.charts.length) return;
    const chart = page.charts[index]!;
    if (fault === 'chart-helper-exit') process.exit(70);
    try {
      send({ kind: 'svg', page: page.id, index, svg: await renderSvg(chart.spec, chart.name) });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      send({ kind: 'error', page: page.id, index, name: e.name, message: e.message, warning: e instanceof ChartWarning });
    }
  }
}
