// The workbench's safety rules, each over HTTP against the real command: loopback only by
// default; a foreign Host refused (DNS rebinding); a POST from a foreign origin refused
// (cross-site forgery); no file outside the page's assets, encoded `..` included; uploads
// limited to the scenario limit; one run per tab at a time, the others queued; SIGINT and
// SIGTERM stop it, cancelling runs and removing their folders.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';
import { type RunningWorkbench, startWorkbench } from '../helpers/workbench.js';
import * as messages from '../../src/serve/messages.js';
import type { RunAccepted, RunEvent } from '../../src/serve/api.js';
import { MAX_WAITING_PER_TAB } from '../../src/serve/runs.js';

interface Reply {
  status: number;
  body: string;
}

/** A raw HTTP request, so the Host header (which fetch will not set) can be anything. */
function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; host?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent: false, host: options.host ?? '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { Host: `127.0.0.1:${port}`, ...options.headers }, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const defaultText = readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8');

function runBody(tab: string, replications: number): string {
  return JSON.stringify({ tab, source: { kind: 'shipped', file: 'default.yaml' }, text: defaultText, values: { replications } });
}

function json(port: number, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return send(port, { method: 'POST', path, body, headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}`, ...headers } });
}

/** The first server-sent event of a run. */
function firstEvent(port: number, id: string): Promise<RunEvent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ agent: false, host: '127.0.0.1', port, path: `/api/runs/${id}/events` }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
        const match = /data: (.*)\n\n/.exec(text);
        if (match) {
          resolve(JSON.parse(match[1]!) as RunEvent);
          req.destroy();
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function untilState(port: number, id: string, states: readonly string[]): Promise<RunEvent> {
  for (let i = 0; i < 600; i++) {
    const event = await firstEvent(port, id);
    if (states.includes(event.state)) return event;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} never reached ${states.join(' or ')}`);
}

describe('the workbench over HTTP', () => {
  let workbench: RunningWorkbench;
  let port: number;

  beforeAll(async () => {
    workbench = await startWorkbench(['--jobs', '1']);
    port = workbench.port;
  });

  afterAll(async () => {
    workbench.child.kill('SIGTERM');
    await workbench.exited;
  });

  it('listens on the loopback only by default', async () => {
    expect(workbench.url).toBe(`http://127.0.0.1:${port}/`);
    expect(workbench.output()).toContain(messages.listening(workbench.url));
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal);
    // A machine with a network interface besides the loopback must not reach the server on it.
    if (outside !== undefined) await expect(send(port, { host: outside.address, headers: { Host: `${outside.address}:${port}` } })).rejects.toThrow(/ECONNREFUSED/);
    expect((await send(port, {})).status).toBe(200);
  });

  it('answers to its own names and refuses any other Host (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) expect((await send(port, { headers: { Host: host } })).status, host).toBe(200);
    for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1:${port + 1}`, `127.0.0.1`, `localhost.attacker.example:${port}`]) {
      for (const path of ['/', '/api/scenarios', '/api/scenarios/default.yaml']) {
        const reply = await send(port, { path, headers: { Host: host } });
        expect(reply.status, `${host} ${path}`).toBe(403);
        expect(JSON.parse(reply.body).error).toBe(messages.hostRefused(host));
      }
    }
    const post = await send(port, { method: 'POST', path: '/api/inspect', headers: { Host: `attacker.example:${port}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(403);
  });

  it('refuses a POST from another origin (cross-site forgery), accepts its own page and clients without a browser', async () => {
    const body = JSON.stringify({ source: { kind: 'shipped', file: 'default.yaml' }, text: defaultText, values: {} });
    for (const origin of ['http://attacker.example', `http://attacker.example:${port}`, 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
      const reply = await json(port, '/api/inspect', body, { Origin: origin });
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.body).error).toBe(messages.originRefused(origin));
    }
    const crossSite = await send(port, { method: 'POST', path: '/api/runs', body: runBody('t', 1), headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const sameOriginCrossSite = await json(port, '/api/inspect', body, { 'Sec-Fetch-Site': 'cross-site' });
    expect(sameOriginCrossSite.status).toBe(403);
    expect((await json(port, '/api/inspect', body)).status).toBe(200);
    const noBrowser = await send(port, { method: 'POST', path: '/api/inspect', body, headers: { 'Content-Type': 'application/json' } });
    expect(noBrowser.status).toBe(200);
    // A form post from another site cannot even send JSON: a plain-text body is refused as well.
    const textBody = await send(port, { method: 'POST', path: '/api/inspect', body, headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${port}` } });
    expect(textBody.status).toBe(415);
    expect(JSON.parse(textBody.body).error).toBe(messages.jsonRequired());
    const cancel = await send(port, { method: 'POST', path: '/api/runs/0000/cancel', headers: { Origin: 'http://attacker.example' } });
    expect(cancel.status).toBe(403);
    for (const method of ['PUT', 'DELETE', 'PATCH']) expect((await send(port, { method, path: '/api/runs', headers: { Origin: `http://127.0.0.1:${port}` } })).status).toBe(405);
  });

  it('serves no file outside its assets, encoded .. included', async () => {
    const secret = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const paths = [
      '/../package.json',
      '/..%2fpackage.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/..%5cpackage.json',
      '/app.js/../../package.json',
      '/api/scenarios/..%2fpackage.json',
      '/api/scenarios/%2e%2e%2f%2e%2e%2fpackage.json',
      '/api/scenarios/..%2f..%2fpackage.json',
      '/api/scenarios/traces%2frecorded-morning.csv',
      '/api/runs/..%2f..%2f/report.tar.gz',
      '/%2fetc%2fpasswd',
      '//etc/passwd',
      '/dist/cli/main.js',
      '/web/main.ts',
      '/index.html%00.js',
      '/%ff',
    ];
    for (const path of paths) {
      const reply = await send(port, { path });
      expect([400, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain('"name": "osh-sim"');
      expect(reply.body, path).not.toContain('root:');
      expect(reply.body.length, path).toBeLessThan(200);
    }
    expect(secret).toContain('"name": "osh-sim"');
    expect((await send(port, { path: '/app.js' })).status).toBe(200);
    expect((await send(port, { path: '/api/scenarios/default.yaml' })).status).toBe(200);
  });

  it('puts a strict content security policy on every answer', async () => {
    for (const path of ['/', '/app.js', '/api/scenarios', '/missing']) {
      const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
        httpRequest({ agent: false, host: '127.0.0.1', port, path }, (res) => {
          res.resume();
          resolve(res.headers);
        })
          .on('error', reject)
          .end();
      });
      expect(headers['content-security-policy'], path).toContain("default-src 'none'");
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers['content-security-policy'], path).toContain("connect-src 'self'");
      expect(headers['content-security-policy'], path).not.toMatch(/unsafe-eval|https?:/);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('limits uploads to 16 MB, as scenario files are', async () => {
    const over = 'a'.repeat(16 * 1024 * 1024 + 1);
    const reply = await json(port, '/api/inspect', JSON.stringify({ source: { kind: 'pasted', file: 'big.yaml' }, text: over, values: {} }));
    expect(reply.status).toBe(200);
    const issues = JSON.parse(reply.body).issues as { line: string }[];
    expect(issues.map((i) => i.line)).toEqual([`big.yaml: ${messages.scenarioTooLarge(16.0, 16)}`]);
    const huge = Buffer.alloc(33 * 1024 * 1024 + 128 * 1024, 0x20);
    const refused = await json(port, '/api/inspect', huge).catch((error: Error) => ({ status: -1, body: error.message }));
    // The server stops reading and answers 413 (or closes the connection mid-upload).
    if (refused.status !== -1) {
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body).error).toBe(messages.bodyTooLarge(16));
    }
    const declared = await send(port, { method: 'POST', path: '/api/runs', headers: { 'Content-Type': 'application/json', 'Content-Length': String(40 * 1024 * 1024) }, body: '' }).catch(() => ({ status: 413, body: '' }));
    expect(declared.status).toBe(413);
  });

  it('runs one run per tab at a time and queues the others, at most three waiting', async () => {
    const first = JSON.parse((await json(port, '/api/runs', runBody('tab-a', 2000))).body) as RunAccepted;
    await untilState(port, first.id, ['running']);
    const waiting: RunAccepted[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await json(port, '/api/runs', runBody('tab-a', 2));
      expect(reply.status).toBe(202);
      waiting.push(JSON.parse(reply.body) as RunAccepted);
    }
    expect(waiting.map((w) => w.ahead)).toEqual([1, 2, 3]);
    const queued = await firstEvent(port, waiting[0]!.id);
    expect(queued.state).toBe('queued');
    const fourth = await json(port, '/api/runs', runBody('tab-a', 2));
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.body).error).toBe(messages.tabQueueFull(MAX_WAITING_PER_TAB));
    // Another tab queues too; it is served before tab-a's next run, in turn.
    const other = JSON.parse((await json(port, '/api/runs', runBody('tab-b', 2))).body) as RunAccepted;
    expect((await send(port, { method: 'POST', path: `/api/runs/${first.id}/cancel` })).status).toBe(200);
    expect((await untilState(port, first.id, ['cancelled'])).message).toBe(messages.runCancelled());
    await untilState(port, other.id, ['done']);
    const afterOther = await firstEvent(port, waiting[2]!.id);
    expect(['queued', 'running']).toContain(afterOther.state);
    for (const run of waiting) await untilState(port, run.id, ['done']);
    const compared = JSON.parse((await send(port, { path: `/api/compare?baseline=${waiting[0]!.id}&current=${waiting[1]!.id}` })).body) as { sameSeed: boolean; rows: { significant: boolean; difference: number }[] };
    // The same scenario twice, same seed: every figure identical, nothing significant.
    expect(compared.sameSeed).toBe(true);
    expect(compared.rows.every((r) => r.difference === 0 && !r.significant)).toBe(true);
  });

  it('refuses a second workbench on a port in use, with exit 2 and one line', () => {
    const result = cli(['serve', '--port', String(port)]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`osh-sim: ${messages.portInUse(port)}`);
  });
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('the workbench and %s', (signal, code) => {
  it('stops at once, cancelling the run under way and removing its folders', async () => {
    const temporary = mkdtempSync(join(tmpdir(), 'osh-workbench-signal-'));
    // The workbench keeps its runs' folders in the temporary folder it is given.
    const workbench = await startWorkbench(['--jobs', '1'], { TMPDIR: temporary });
    const { port } = workbench;
    const accepted = JSON.parse((await json(port, '/api/runs', runBody('tab', 5000))).body) as RunAccepted;
    await untilState(port, accepted.id, ['running']);
    expect(readdirSync(temporary).filter((name) => name.startsWith('osh-sim-workbench-'))).toHaveLength(1);
    const sentAt = performance.now();
    workbench.child.kill(signal);
    const exit = await workbench.exited;
    expect(performance.now() - sentAt).toBeLessThan(5000);
    expect(exit.code).toBe(code);
    expect(workbench.output()).toContain(messages.stopped(1));
    expect(readdirSync(temporary)).toEqual([]);
  });
});
