// How numbers look in every file osh-sim writes: at most six decimals (rounded half away from
// zero on the exact binary value, trailing zeros dropped), no exponent for ordinary magnitudes,
// and an empty cell (CSV) or null (JSON) for "no figure". One place, so the same run gives
// the same bytes everywhere.

/**
 * A number as text: integers as is, others to 6 decimals without trailing zeros; '' for NaN
 * and infinities. Built with toFixed rather than String(): String() goes through V8's
 * number-to-string cache, which keeps millions of log cells alive long enough to be promoted
 * to the old generation, and a million-contact log then doubles the heap.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return value.toFixed(0);
  const text = value.toFixed(6);
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  const trimmed = end === text.length ? text : text.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}

/** A number for JSON: rounded like `formatNumber`, null when there is no figure. */
export function jsonNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Number(formatNumber(value));
}
