// How numbers look in every file osh-sim writes: at most six decimals, no exponent for
// ordinary magnitudes, and an empty cell (CSV) or null (JSON) for "no figure". One place,
// so the same run gives the same bytes everywhere.

/** A number as text: integers as is, others rounded to 6 decimals; '' for NaN and infinities. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A number for JSON: rounded like `formatNumber`, null when there is no figure. */
export function jsonNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}
