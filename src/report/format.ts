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

/**
 * A duration as people read it: seconds below two minutes (`35.2 s`), minutes below two hours
 * (`90 min`), hours above (`4 h`, `1.5 h`); trailing `.0` dropped; `–` for no figure.
 */
export function formatDuration(seconds: number, digits = 1): string {
  if (!Number.isFinite(seconds)) return '–';
  const trim = (x: number) => {
    const text = x.toFixed(digits);
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  };
  const size = Math.abs(seconds);
  if (size < 120) return `${trim(seconds)} s`;
  if (size < 7200) return `${trim(seconds / 60)} min`;
  return `${trim(seconds / 3600)} h`;
}

/** The unit a set of durations reads best in (the largest decides), with its size in seconds. */
export function durationUnit(largestSec: number): { unit: 's' | 'min' | 'h'; seconds: number; name: string } {
  if (!(largestSec >= 120)) return { unit: 's', seconds: 1, name: 'seconds' };
  if (largestSec < 7200) return { unit: 'min', seconds: 60, name: 'minutes' };
  return { unit: 'h', seconds: 3600, name: 'hours' };
}
