// A report folder as one download: a gzip-compressed ustar archive (pax records for names over
// 100 bytes) built in memory from the folder's regular files (links are not followed), with
// Node's zlib and no other library.
// Exports `tarGzOfFolder`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtimeSec: number, type: '0' | '5' | 'x'): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(mtimeSec, 12), 136, 'ascii');
  block.fill(' ', 148, 156);
  block.write(type, 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function padded(data: Buffer): Buffer[] {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return pad > 0 ? [data, Buffer.alloc(pad, 0)] : [data];
}

/** An entry's header; a name longer than ustar's 100 bytes goes first in a pax `path` record. */
function entryHeaders(name: string, size: number, mtimeSec: number, directory: boolean): Buffer[] {
  const type = directory ? '5' : '0';
  if (Buffer.byteLength(name) <= 100) return [header(name, size, mtimeSec, type)];
  const body = ` path=${name}\n`;
  // A pax record starts with its own length in bytes, digits included.
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  const record = Buffer.from(`${length}${body}`);
  return [header('PaxHeader', record.length, mtimeSec, 'x'), ...padded(record), header(name.slice(0, 100), size, mtimeSec, type)];
}

function collect(folder: string, relative: string, out: { name: string; path: string | null }[]): void {
  for (const entry of readdirSync(join(folder, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      out.push({ name: `${name}/`, path: null });
      collect(folder, name, out);
    } else if (entry.isFile()) {
      out.push({ name, path: join(folder, name) });
    }
  }
}

/** The folder's files under `top/` in a .tar.gz; `mtimeSec` stamps every entry. */
export function tarGzOfFolder(folder: string, top: string, mtimeSec: number): Buffer {
  const entries: { name: string; path: string | null }[] = [{ name: `${top}/`, path: null }];
  const found: { name: string; path: string | null }[] = [];
  collect(folder, '', found);
  for (const entry of found) entries.push({ name: `${top}/${entry.name}`, path: entry.path });
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.path === null) {
      parts.push(...entryHeaders(entry.name, 0, mtimeSec, true));
      continue;
    }
    const data = readFileSync(entry.path);
    parts.push(...entryHeaders(entry.name, data.length, mtimeSec, false), ...padded(data));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return gzipSync(Buffer.concat(parts));
}
