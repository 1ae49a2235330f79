// A report folder as one download: a gzip-compressed ustar archive built in memory from the
// folder's regular files (links are not followed), with Node's zlib and no other library.
// Exports `tarGzOfFolder`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtimeSec: number, directory: boolean): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 154);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  block.write(base, 0, 100, 'utf8');
  block.write(octal(directory ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(mtimeSec, 12), 136, 'ascii');
  block.fill(' ', 148, 156);
  block.write(directory ? '5' : '0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
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
      parts.push(header(entry.name, 0, mtimeSec, true));
      continue;
    }
    const data = readFileSync(entry.path);
    parts.push(header(entry.name, data.length, mtimeSec, false), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return gzipSync(Buffer.concat(parts));
}
