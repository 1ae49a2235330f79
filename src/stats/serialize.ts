// Replication results as JSON and back, exactly: typed arrays become tagged number lists with
// null for NaN, and come back as the same doubles (JSON numbers round-trip), so figures merged
// from shards are bit for bit those of one unsharded run. Exports `toJson`, `fromJson` and
// `Json`, the type of any JSON value (the report's JSON files use it too).

/** Any value JSON can hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const F64 = '$float64';
const I32 = '$int32';

export function toJson(value: unknown): Json {
  if (value instanceof Float64Array) return { [F64]: Array.from(value, (x) => (Number.isNaN(x) ? null : Object.is(x, -0) ? 0 : x)) };
  if (value instanceof Int32Array) return { [I32]: Array.from(value) };
  if (Array.isArray(value)) return value.map(toJson);
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $number: 'NaN' };
    if (!Number.isFinite(value)) return { $number: value > 0 ? 'Infinity' : '-Infinity' };
    return value;
  }
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return value as Json;
}

export function fromJson(value: Json): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') {
    if (F64 in value) return Float64Array.from(value[F64] as (number | null)[], (x) => (x === null ? Number.NaN : x));
    if (I32 in value) return Int32Array.from(value[I32] as number[]);
    if ('$number' in value && Object.keys(value).length === 1) {
      const text = value['$number'];
      return text === 'NaN' ? Number.NaN : text === 'Infinity' ? Infinity : -Infinity;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromJson(v);
    return out;
  }
  return value;
}
