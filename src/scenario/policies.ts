// Elevation policies as written → as the model and the rules read them (numbered, defaults
// filled). Shared by normalisation and the rule that refuses endless chains. Exports `elevationPolicies`.
import type { ElevationPolicy } from '../policies/elevation.js';
import type { WrittenScenario } from './schema.js';

export function elevationPolicies(written: WrittenScenario): ElevationPolicy[] {
  return (written.osh?.elevation?.policies ?? []).map((p, index) => ({
    index,
    from: p.from,
    to: p.to,
    probability: p.probability,
    afterExchange: p.after === 'end' ? 0 : p.after.exchange,
    originAfterElevation: p.origin ?? 'waitThenWrap',
    direction: p.direction ?? 'any',
  }));
}
