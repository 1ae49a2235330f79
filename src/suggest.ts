// Suggestions for near misses: the known name nearest to what was typed, within a small edit
// distance, shared by every message that names a field, metric, group or value. Pure.

/**
 * ` (did you mean 'x'?)` for the nearest known word within a small edit distance, else ''.
 * `shown` writes the suggestion as the user would type it (a figure with its `@interval`).
 */
export function suggestion(word: string, known: readonly string[], shown: (nearest: string) => string = (n) => n): string {
  const nearest = nearestName(word, known);
  return nearest === undefined ? '' : ` (did you mean '${shown(nearest)}'?)`;
}

export function nearestName(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  // Allow about a third of the word to be wrong; beyond that a suggestion misleads.
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters costs 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
