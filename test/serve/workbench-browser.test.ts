// The workbench in a real browser, as a planner uses it: headless Chromium opens the page,
// runs the default day, changes chat concurrency, runs again and reads the comparison; every
// chart has tooltips; runs are cancellable; the YAML behind the form and the report folder
// download. No console error, no request leaves the machine. Screenshots go to the test's
// temporary folder (printed) for a human look.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.js';
import { type RunningWorkbench, startWorkbench } from '../helpers/workbench.js';
import { ROOT } from '../helpers/cli.js';

const executable = findChromium();
const underCi = Boolean(process.env['CI']);
const shots = mkdtempSync(join(tmpdir(), 'osh-workbench-shots-'));

describe('the workbench page in Chromium', () => {
  let workbench: RunningWorkbench;
  let browser: Browser | null = null;
  let page: Page;
  const problems: string[] = [];
  const offMachine: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench(['--jobs', '2']);
    if (executable === null) return;
    browser = await chromium.launch({ executablePath: executable, args: ['--headless', ...CHROMIUM_ARGS] });
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(workbench.origin) && !url.startsWith('blob:') && !url.startsWith('data:')) offMachine.push(url);
    });
    console.info(`workbench screenshots: ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
    workbench?.child.kill('SIGTERM');
    await workbench?.exited;
  });

  it('has Chromium to drive (required under CI)', () => {
    if (underCi) expect(executable, 'CI must provide Chromium').not.toBeNull();
    if (executable === null) console.warn('Chromium not found: the workbench browser tests are skipped (set OSH_SIM_CHROMIUM or install chromium).');
  });

  it('opens with the shipped scenarios and the default day’s what-ifs', async (ctx) => {
    if (browser === null) return ctx.skip();
    await page.goto(workbench.url, { waitUntil: 'load' });
    await page.locator('[data-field="chat:osh-default"] input').waitFor();
    expect(await page.locator('#scenario-select').inputValue()).toBe('default.yaml');
    expect(await page.locator('#scenario-select option').count()).toBeGreaterThanOrEqual(9);
    expect(await page.locator('[data-field="chat:osh-default"] input').inputValue()).toBe('3');
    expect(await page.locator('[data-field="replications"] input').inputValue()).toBe('10');
    await page.screenshot({ path: join(shots, '1-opened.png'), fullPage: true });
  });

  it('runs the default day and shows it as the report does, tooltips on the charts', async (ctx) => {
    if (browser === null) return ctx.skip();
    await page.locator('#run').click();
    await page.locator('article.run').first().waitFor({ timeout: 90_000 });
    const panel = page.locator('article.run').first();
    expect(await panel.locator('.tile').count()).toBe(4);
    await expect.poll(() => panel.locator('figure.chart svg').count(), { timeout: 30_000 }).toBe(8);
    expect(await page.locator('#run-status').textContent()).toBe('Done.');
    // Hovering a point or bar of each chart gives its container a tooltip (vega's own handler).
    for (const chart of await panel.locator('figure.chart').all()) {
      // The largest bar or point of the chart, so the pointer surely lands on it.
      await chart.locator('svg g.role-mark.mark-symbol path, svg g.role-mark.mark-rect path').evaluateAll((marks) => {
        const area = (m: { getBoundingClientRect(): { width: number; height: number } }) => m.getBoundingClientRect().width * m.getBoundingClientRect().height;
        marks.reduce((a, b) => (area(b) > area(a) ? b : a)).setAttribute('data-hover', 'yes');
      });
      await chart.locator('[data-hover="yes"]').hover({ force: true });
      const name = await chart.getAttribute('data-chart');
      await expect.poll(() => chart.locator('.chart-view').getAttribute('title'), { timeout: 5_000, message: `tooltip of ${name}` }).toBeTruthy();
    }
    await page.screenshot({ path: join(shots, '2-first-run.png'), fullPage: true });
  });

  it('runs again with one chat at a time instead of three and reads the significant difference', async (ctx) => {
    if (browser === null) return ctx.skip();
    await page.locator('[data-field="chat:osh-default"] input').fill('1');
    await expect.poll(() => page.locator('[data-field="chat:osh-default"]').getAttribute('class')).toContain('changed');
    await expect.poll(() => page.locator('#run').isEnabled()).toBe(true);
    await page.locator('#run').click();
    await expect.poll(() => page.locator('article.run').count(), { timeout: 90_000 }).toBe(2);
    await page.locator('#comparison-table').waitFor({ timeout: 30_000 });
    const verdict = await page.locator('#comparison .verdict').textContent();
    expect(verdict).toMatch(/^\d+ of \d+ figures changed significantly \(Welch's t over replications, p < 0.05\): \d+ better, [1-9]\d* worse\.$/);
    const rows = await page.locator('#comparison-table tbody tr').allTextContents();
    // One chat at a time instead of three: chats wait longer, which is worse, and the page says so.
    expect(rows.some((r) => r.startsWith('chat.asa') && r.endsWith('worse'))).toBe(true);
    expect(await page.locator('#comparison-table tr.worse').count()).toBeGreaterThan(0);
    expect(await page.locator('#comparison').textContent()).toContain('same seed');
    expect(await page.locator('article.run.current .what-ifs li.differs').allTextContents()).toEqual(['osh-default: chats at once 1']);
    await page.screenshot({ path: join(shots, '3-compared.png'), fullPage: true });
    await page.mouse.wheel(0, -100_000);
    await page.screenshot({ path: join(shots, '3-compared-top.png'), fullPage: false });
  });

  it('shows a bad value beside its field with its path, and will not run it', async (ctx) => {
    if (browser === null) return ctx.skip();
    const field = page.locator('[data-field="elevation:0"]');
    await field.locator('input').fill('1.5');
    await expect.poll(() => field.locator('.field-error').textContent()).toBe('osh.elevation.policies[0].probability: must be a number >= 0 and <= 1, got 1.5');
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, '4-bad-value.png'), fullPage: false });
    await field.locator('input').fill('0.08');
    await expect.poll(() => page.locator('#run').isEnabled()).toBe(true);
  });

  it('downloads the scenario behind the form as YAML, comments kept', async (ctx) => {
    if (browser === null) return ctx.skip();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-yaml').click()]);
    expect(download.suggestedFilename()).toBe('default.yaml');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('maxPerChannel: { voice: 1, chat: 1, email: 1 }');
    expect(text).toContain('# Run it with `npm start`');
  });

  it('downloads a run as its report folder (.tar.gz)', async (ctx) => {
    if (browser === null) return ctx.skip();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('article.run.current a[download]').click()]);
    expect(download.suggestedFilename()).toBe('default.tar.gz');
    const tar = gunzipSync(readFileSync((await download.path())!)).toString('latin1');
    for (const name of ['default/summary.json', 'default/report.html', 'default/intervals.csv', 'default/charts/service-level.svg']) expect(tar).toContain(name);
  });

  it('cancels a run under way', async (ctx) => {
    if (browser === null) return ctx.skip();
    await page.locator('[data-field="replications"] input').fill('400');
    await expect.poll(() => page.locator('#run').isEnabled()).toBe(true);
    await page.locator('#run').click();
    await expect.poll(() => page.locator('#run-status').textContent(), { timeout: 30_000 }).toMatch(/^Running/);
    await page.screenshot({ path: join(shots, '5-running.png'), fullPage: false });
    await page.locator('#cancel').click();
    await expect.poll(() => page.locator('#run-status').textContent(), { timeout: 30_000 }).toBe('Cancelled.');
    expect(await page.locator('#cancel').isHidden()).toBe(true);
  });

  it('shows each skill against its target for a center with skills, as the report does', async (ctx) => {
    if (browser === null) return ctx.skip();
    await page.selectOption('#scenario-select', 'multi-skill.yaml');
    await expect.poll(() => page.locator('#run').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.locator('#run').click();
    const panel = page.locator('article.run.current');
    await expect.poll(() => panel.locator('h2').textContent(), { timeout: 90_000 }).toContain('multi-skill');
    // Voice, chat and email each hold several skills: a group of tiles each, a tile per skill.
    expect(await panel.locator('section.skill-channel').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-channel')))).toEqual(['voice', 'chat', 'email']);
    expect(await panel.locator('section.skill-channel [data-skill]').count()).toBe(8);
    expect(await panel.locator('h3', { hasText: 'Skills against target' }).count()).toBe(1);
    await panel.locator('section.skill-channel').first().screenshot({ path: join(shots, '6-skill-tiles.png') });
  });

  it('takes an uploaded scenario through the same checks, naming the file', async (ctx) => {
    if (browser === null) return ctx.skip();
    const text = readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8').replace('intervals: 24', 'intervals: 0');
    await page.locator('#scenario-upload').setInputFiles({ name: 'my-day.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await expect.poll(() => page.locator('#scenario-issues li').allTextContents()).toEqual(['my-day.yaml: horizon.intervals: must be a whole number >= 1 and <= 20000, got 0']);
    expect(await page.locator('#scenario-source').textContent()).toBe('uploaded: my-day.yaml');
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, '7-upload-refused.png'), fullPage: false });
  });

  it('had no console error or warning and asked nothing of another machine', (ctx) => {
    if (browser === null) return ctx.skip();
    expect(problems).toEqual([]);
    expect(offMachine).toEqual([]);
  });
});
