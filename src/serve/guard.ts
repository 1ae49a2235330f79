// The rules of a local server that a web page on another site must not be able to use:
// the Host header must name this server (a DNS-rebinding page sends its own name), and a
// request that changes something must come from this server's own page (Origin, and the
// browser's Sec-Fetch-Site). Pure functions over header values. Exports `ServerNames`,
// `serverNames`, `hostAllowed`, `originAllowed`, `isLoopback`.
import { hostname, networkInterfaces } from 'node:os';

export interface ServerNames {
  /** `name:port` values the Host header may carry, lower case. */
  readonly hosts: ReadonlySet<string>;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * The names this server answers to: the loopback names always; the address it listens on;
 * and, listening on every interface (0.0.0.0 or ::), each interface address and the machine's name.
 */
export function serverNames(listenHost: string, port: number): ServerNames {
  const names = new Set<string>(LOOPBACK_NAMES);
  names.add(bracketed(listenHost.toLowerCase()));
  if (listenHost === '0.0.0.0' || listenHost === '::') {
    for (const list of Object.values(networkInterfaces())) for (const entry of list ?? []) names.add(bracketed(entry.address.toLowerCase()));
    names.add(hostname().toLowerCase());
  }
  return { hosts: new Set([...names].map((n) => `${n}:${port}`)) };
}

export function hostAllowed(names: ServerNames, host: string | undefined): boolean {
  return host !== undefined && names.hosts.has(host.toLowerCase());
}

/**
 * A state-changing request is allowed when its Origin is this server's, or when it carries no
 * Origin at all and the browser does not call it cross-site (a command-line client sends neither).
 */
export function originAllowed(names: ServerNames, origin: string | undefined, fetchSite: string | undefined): boolean {
  if (origin === undefined) return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
  const match = /^http:\/\/([^/]+)$/i.exec(origin);
  return match !== null && names.hosts.has(match[1]!.toLowerCase()) && (fetchSite === undefined || fetchSite === 'same-origin');
}
