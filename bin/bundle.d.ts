// Types of bin/bundle.js (plain JavaScript: it runs the build's bundle).
import type { Script } from 'node:vm';

export declare const BUNDLE: string;
export declare const CHART_LIBRARIES: string;
export type CacheKind = 'start' | 'work';
export type CacheState = 'taken' | 'rejected' | 'none';
export declare function cacheFor(argv: readonly string[]): CacheKind;
export declare function cachePath(kind: CacheKind): string;
export declare function compileCommandLine(cacheFile: string | null): { script: Script; cache: CacheState; source: Buffer };
export declare function recordCache(path: string, script: Script, source: Buffer): void;
