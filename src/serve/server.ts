// The workbench's HTTP server (Node's `http`): the page's files, held in memory from the built
// assets folder (no path from a request ever reaches the file system), the scenario API, runs
// with progress as server-sent events, comparisons, downloads. Every request is checked first:
// its Host must be this server's (DNS rebinding), a POST must come from this server's page
// (cross-site forgery) with a JSON body of at most the scenario limit. Exports `startWorkbench`.
import { readFileSync, readdirSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LoadedScenario } from '../cli/run-command.js';
import { STYLE as REPORT_STYLE } from '../report/html.js';
import { keepOptimisingWhileDrawing } from '../report/render.js';
import { RunsFolder } from '../report/runs-folder.js';
import { MAX_SCENARIO_BYTES } from '../scenario/read.js';
import type { ErrorBody, RunAccepted, ScenarioRequest, WhatIfValues } from './api.js';
import { type ServerNames, hostAllowed, originAllowed, serverNames } from './guard.js';
import * as messages from './messages.js';
import { MAX_WAITING_PER_TAB, RunQueue, TabQueueFull } from './runs.js';
import { ShippedScenarios, inspectResponse, prepareScenario } from './scenario-source.js';
import { tarGzOfFolder } from './tar.js';

export interface WorkbenchOptions {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly jobs: number;
  /** The built page (index.html, app.js, app.css). */
  readonly assetsFolder: string;
  readonly scenariosFolder: string;
}

export interface Workbench {
  readonly url: string;
  readonly port: number;
  /** Stops at once: cancels the runs, closes every connection, removes the run folders. Returns the runs cancelled. */
  stop(): number;
}

/** Bodies may hold a whole scenario file, JSON-escaped (up to twice as long), and the form. */
const MAX_BODY_BYTES = 2 * MAX_SCENARIO_BYTES + 64 * 1024;

/** No script but the page's own, no request but to this server, no framing, no form posting elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Vega's SVG renderer and the report's tiles set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

/** The page's files by URL path, read once: a request can only name one of these. */
function loadAssets(folder: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(folder)) {
    const extension = name.slice(name.lastIndexOf('.'));
    const type = TYPES[extension];
    if (type === undefined) continue;
    assets.set(`/${name}`, { body: readFileSync(join(folder, name)), type });
  }
  const index = assets.get('/index.html');
  if (index === undefined) throw new Error(`the workbench page is not built (${folder} has no index.html); run npm run build`);
  assets.set('/', index);
  assets.set('/report.css', { body: Buffer.from(REPORT_STYLE), type: TYPES['.css']! });
  return assets;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...extra,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function refuse(response: ServerResponse, status: number, message: string): void {
  const body: ErrorBody = { error: message };
  sendJson(response, status, body);
}

/** Reads a JSON body of at most MAX_BODY_BYTES; stops reading (and refuses) past it. */
function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return Promise.reject(new HttpRefusal(415, messages.jsonRequired()));
  const declared = Number(request.headers['content-length'] ?? '0');
  const limitMB = MAX_SCENARIO_BYTES / 1048576;
  if (declared > MAX_BODY_BYTES) return Promise.reject(new HttpRefusal(413, messages.bodyTooLarge(limitMB)));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpRefusal(413, messages.bodyTooLarge(limitMB)));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(new HttpRefusal(400, messages.badJson(error instanceof Error ? error.message : String(error))));
      }
    });
    request.on('error', reject);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scenario request from a parsed body, its types checked (a body is untrusted input). */
function scenarioRequest(body: unknown): ScenarioRequest {
  if (!isRecord(body) || typeof body['text'] !== 'string') throw new HttpRefusal(400, messages.badRequest('the scenario text'));
  const source = isRecord(body['source']) ? body['source'] : {};
  const file = typeof source['file'] === 'string' ? source['file'] : '';
  const kind = source['kind'] === 'shipped' ? 'shipped' : 'pasted';
  const values: Record<string, number | string> = {};
  if (isRecord(body['values'])) {
    for (const [key, value] of Object.entries(body['values'])) if (typeof value === 'number' || typeof value === 'string') values[key] = value;
  }
  return { source: { kind, file }, text: body['text'], values: values as WhatIfValues };
}

export function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  // Reports are drawn while other runs simulate on worker threads (V8's flags are the process's).
  keepOptimisingWhileDrawing();
  const assets = loadAssets(options.assetsFolder);
  const shipped = new ShippedScenarios(options.scenariosFolder);
  const folders = new RunsFolder();
  const commandLine = (loaded: LoadedScenario) => `osh-sim run ${loaded.scenario.name.replace(/[^\w.-]+/g, '-')}.yaml`;
  const runs = new RunQueue(folders, options.jobs, commandLine);
  const streams = new Set<ServerResponse>();
  let names: ServerNames = serverNames(options.host, options.port);

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    if (!hostAllowed(names, request.headers.host)) throw new HttpRefusal(403, messages.hostRefused(request.headers.host ?? ''));
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://workbench').pathname);
    } catch {
      throw new HttpRefusal(400, messages.notFound());
    }
    const query = new URL(request.url ?? '/', 'http://workbench').searchParams;
    if (method === 'POST') {
      const origin = request.headers.origin;
      const site = request.headers['sec-fetch-site'];
      if (!originAllowed(names, origin, typeof site === 'string' ? site : undefined)) throw new HttpRefusal(403, messages.originRefused(origin ?? String(site)));
      return post(path, request, response);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpRefusal(405, messages.methodNotAllowed(method));
    const asset = assets.get(path);
    if (asset !== undefined) return send(response, 200, asset.type, asset.body);
    if (path === '/api/scenarios') return sendJson(response, 200, shipped.list);
    let match = /^\/api\/scenarios\/([^/]+)$/.exec(path);
    if (match) {
      const text = shipped.text(match[1]!);
      if (text === undefined) throw new HttpRefusal(404, messages.notFound());
      return sendJson(response, 200, { text });
    }
    if (path === '/api/compare') {
      const result = runs.compare(query.get('baseline') ?? '', query.get('current') ?? '');
      if (result === undefined) throw new HttpRefusal(404, messages.runNotFound());
      return sendJson(response, 200, result);
    }
    match = /^\/api\/runs\/([A-Za-z0-9-]+)(\/events|\/report\.tar\.gz)?$/.exec(path);
    if (match) {
      const id = match[1]!;
      if (!runs.has(id)) throw new HttpRefusal(404, messages.runNotFound());
      if (match[2] === '/events') return stream(id, response);
      if (match[2] === '/report.tar.gz') {
        const found = runs.folderOf(id);
        if (found === undefined) throw new HttpRefusal(409, messages.runNotFinished(runs.event(id)!.state));
        const archive = tarGzOfFolder(found.folder, found.name, Math.floor(Date.now() / 1000));
        return send(response, 200, 'application/gzip', archive, { 'Content-Disposition': `attachment; filename="${found.name}.tar.gz"` });
      }
      const result = runs.result(id);
      if (typeof result === 'string' || result === undefined) throw new HttpRefusal(409, messages.runNotFinished(String(result)));
      return sendJson(response, 200, result);
    }
    throw new HttpRefusal(404, messages.notFound());
  }

  async function post(path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const cancel = /^\/api\/runs\/([A-Za-z0-9-]+)\/cancel$/.exec(path);
    if (cancel) {
      request.resume();
      if (!runs.has(cancel[1]!)) throw new HttpRefusal(404, messages.runNotFound());
      runs.cancel(cancel[1]!);
      return sendJson(response, 200, runs.event(cancel[1]!));
    }
    if (path !== '/api/inspect' && path !== '/api/runs' && path !== '/api/scenario.yaml') {
      request.resume();
      throw new HttpRefusal(404, messages.notFound());
    }
    const body = await readJson(request);
    const scenario = scenarioRequest(body);
    const prepared = prepareScenario(scenario, shipped);
    if (path === '/api/inspect') return sendJson(response, 200, inspectResponse(prepared));
    if (path === '/api/scenario.yaml') {
      if (prepared.text === null) return sendJson(response, 422, inspectResponse(prepared));
      const text = prepared.text;
      const name = (prepared.loaded?.scenario.name ?? 'scenario').replace(/[^\w.-]+/g, '-');
      return send(response, 200, 'application/yaml; charset=utf-8', text, { 'Content-Disposition': `attachment; filename="${name}.yaml"` });
    }
    if (prepared.loaded === null) return sendJson(response, 422, inspectResponse(prepared));
    const tab = isRecord(body) && typeof body['tab'] === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(body['tab']) ? body['tab'] : null;
    if (tab === null) throw new HttpRefusal(400, messages.badRequest('the tab'));
    try {
      const accepted: RunAccepted = runs.submit(tab, prepared.loaded, prepared.whatIfs);
      return sendJson(response, 202, accepted);
    } catch (error) {
      if (error instanceof TabQueueFull) throw new HttpRefusal(429, messages.tabQueueFull(MAX_WAITING_PER_TAB));
      throw error;
    }
  }

  /** Server-sent events: the run's state now, then every change, until the page closes it. */
  function stream(id: string, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    const write = (event: unknown) => response.write(`event: state\ndata: ${JSON.stringify(event)}\n\n`);
    write(runs.event(id));
    const forget = runs.subscribe(id, write);
    // A comment now and then keeps idle connections from being closed by the browser or a proxy.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    streams.add(response);
    response.on('close', () => {
      clearInterval(keepAlive);
      forget();
      streams.delete(response);
    });
  }

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpRefusal) return refuse(response, error.status, error.message);
      refuse(response, 500, messages.internalError(error instanceof Error ? error.message : String(error)));
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;

  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      folders.removeAll();
      reject(error);
    });
    server.listen(options.port, options.host, () => {
      const port = (server.address() as AddressInfo).port;
      names = serverNames(options.host, port);
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${shown}:${port}/`,
        port,
        stop() {
          const cancelled = runs.stop();
          for (const response of streams) response.end();
          server.close();
          server.closeAllConnections();
          folders.removeAll();
          return cancelled;
        },
      });
    });
  });
}
