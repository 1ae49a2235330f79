// `npm run golden:update`: reruns every golden case and rewrites golden.json. Run it only for a
// change meant to move figures, and say in the commit which figures moved and why.
import { writeFileSync } from 'node:fs';
import { type Fingerprints, GOLDEN_FILE, fingerprint, goldenCases } from './cases.js';

const all: Record<string, Fingerprints> = {};
for (const c of goldenCases()) {
  all[c.name] = await fingerprint(c);
  process.stdout.write(`${c.name}\n`);
}
writeFileSync(GOLDEN_FILE, `${JSON.stringify(all, null, 2)}\n`);
process.stdout.write(`wrote ${Object.keys(all).length} cases\n`);
