import { problem, type Problem } from '../problems/problem.js';
import { periodsOverlap } from './validity-period.js';
import type { GroupTariffDocument } from './group-tariff.document.js';
import { checkValidity } from './check-offerings.js';
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
 * Group tariffs: each names known components, and at most one approved
 * tariff per group and offering is in force on any day.
 */
export function checkOverrides(overrides: readonly PlacedOverride[], groupTariffs: readonly GroupTariffDocument[], offerings: ReadonlyMap<string, OfferingDocument>): Problem[] {
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
  groupTariffs.forEach((tariff, index) => {
    const path = `groupTariffs[${tariff.key}]`;
    problems.push(...checkValidity(tariff, path));
    const offering = offerings.get(tariff.offering);
    if (!offering) {
      problems.push(problem('tariff.unknown-offering', `${path}.offering`, `no offering "${tariff.offering}"`));
      return;
    }
    for (const component of Object.keys(tariff.prices)) {
      if (!offering.components.some((c) => c.key === component)) problems.push(problem('tariff.unknown-component', `${path}.prices.${component}`, `${offering.key} has no price component "${component}"`));
    }
    if (tariff.status !== 'approved') return;
    for (const other of groupTariffs.slice(0, index)) {
      const meet = other.status === 'approved' && other.groupCustomer === tariff.groupCustomer && other.offering === tariff.offering && periodsOverlap(other, tariff);
      if (meet) problems.push(problem('group-tariff.overlapping', path, `"${tariff.key}" and "${other.key}" are both approved for ${tariff.groupCustomer} on ${tariff.offering} at the same time`));
    }
  });
  return problems;
}
