// Every message the workbench server says, as small builders: the server and its tests use the
// same functions, so a rewording breaks no test. Exports one function per message.

export const notANumber = (given: string): string => `must be a number, got '${given.slice(0, 40)}'`;

export const outOfRange = (expected: string, given: string): string => `must be ${expected}, got '${given.slice(0, 40)}'`;

export const listening = (url: string): string => `osh-sim workbench: ${url} (loopback only unless --host; Ctrl-C to stop)`;

export const listeningOpenly = (url: string, host: string): string => `osh-sim workbench: ${url} (listening on ${host}: reachable by other machines; Ctrl-C to stop)`;

export const openFailed = (url: string): string => `osh-sim workbench: could not open a browser; open ${url} yourself`;

export const portInUse = (port: number): string => `--port: port ${port} is in use; choose another with --port (0 picks a free one)`;

export const hostUnusable = (host: string, reason: string): string => `--host: cannot listen on '${host}' (${reason})`;

export const stopped = (cancelled: number): string =>
  `the workbench stopped${cancelled > 0 ? `: ${cancelled} run${cancelled === 1 ? '' : 's'} cancelled` : ''}; its temporary report folders are removed`;

export const hostRefused = (host: string): string => `refused: the Host header '${host.slice(0, 80)}' is not this server's (a page on another site may be trying to reach it)`;

export const originRefused = (origin: string): string => `refused: a request that changes something must come from this server's own page, not from '${origin.slice(0, 80)}'`;

export const notFound = (): string => 'no such page or file';

export const methodNotAllowed = (method: string): string => `${method.slice(0, 10)} is not accepted here`;

export const jsonRequired = (): string => 'the request body must be JSON (Content-Type: application/json)';

export const badJson = (reason: string): string => `the request body is not valid JSON (${reason.slice(0, 120)})`;

export const badRequest = (what: string): string => `the request is missing ${what}`;

export const bodyTooLarge = (limitMB: number): string => `the upload is larger than ${limitMB} MB; scenario files are limited to ${limitMB} MB`;

export const scenarioTooLarge = (sizeMB: number, limitMB: number): string => `is ${sizeMB.toFixed(1)} MB; scenario files are limited to ${limitMB} MB`;

export const tabQueueFull = (waiting: number): string => `this tab already has ${waiting} runs waiting; cancel one or wait for it`;

export const runNotFound = (): string => 'no such run (runs are kept while the workbench runs, the latest few only)';

export const runNotFinished = (state: string): string => `the run is ${state}, not finished`;

export const runCancelled = (): string => 'cancelled';

export const traceOutsideScenarios = (path: string): string => `'${path.slice(0, 80)}' is outside the scenarios folder; the workbench reads traces only beside its shipped scenarios`;

export const pastedFileName = (): string => 'pasted scenario';

export const internalError = (reason: string): string => `internal error: ${reason.slice(0, 200)}`;
