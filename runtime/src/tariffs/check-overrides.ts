import { problem, type Problem } from '../problems/problem.js';
import { toFen } from './money-fen.js';
import type { OfferingDocument } from './offering.document.js';
import type { TariffOverrideDocument } from './tariff-override.document.js';

/** An override with the path its problems are reported at: in the catalog, or in the branch's layer. */
export interface PlacedOverride {
  readonly override: TariffOverrideDocument;
  readonly path: string;
}

/**
 * Lower layers' overrides: each names one overridable component or
 * allowance and stays within HQ's band; one value per org unit and target.
 */
export function checkOverrides(overrides: readonly PlacedOverride[], offerings: ReadonlyMap<string, OfferingDocument>): Problem[] {
  const problems: Problem[] = [];
  const targets = new Set<string>();
  for (const { override, path } of overrides) {
    const offering = offerings.get(override.offering);
    if (!offering) {
      problems.push(problem('tariff.unknown-offering', `${path}.offering`, `no offering "${override.offering}"`));
      continue;
    }
    if ((override.component === undefined) === (override.allowance === undefined)) {
      problems.push(problem('override.bad-target', path, 'an override names either a component or an allowance'));
      continue;
    }
    const target = override.component !== undefined ? offering.components.find((c) => c.key === override.component) : offering.allowances?.find((a) => a.key === override.allowance);
    const targetPath = override.component !== undefined ? `${path}.component` : `${path}.allowance`;
    const name = override.component ?? override.allowance ?? '';
    if (!target) {
      problems.push(problem('tariff.unknown-component', targetPath, `${offering.key} has no ${override.component !== undefined ? 'price component' : 'allowance'} "${name}"`));
      continue;
    }
    if (!target.overridable) {
      problems.push(problem('override.not-overridable', targetPath, `HQ did not mark ${offering.key}.${name} overridable`, 'only parameters with an `overridable` band may be set by lower layers'));
      continue;
    }
    const fen = toFen(override.amount);
    if (fen < toFen(target.overridable.min) || fen > toFen(target.overridable.max)) {
      problems.push(problem('override.out-of-band', `${path}.amount`, `${override.amount} is outside the band HQ allows for ${offering.key}.${name}: ${target.overridable.min}–${target.overridable.max}`));
    }
    const id = `${override.orgUnit}\u0000${offering.key}\u0000${targetPath.endsWith('component') ? 'c' : 'a'}\u0000${name}`;
    if (targets.has(id)) problems.push(problem('override.duplicate', path, `${override.orgUnit} sets ${offering.key}.${name} twice`, 'keep one value per unit: in the catalog or in the unit\'s layer'));
    targets.add(id);
  }
  return problems;
}
