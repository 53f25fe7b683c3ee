import { problem, type Problem } from '../problems/problem.js';
import type { ValidityPeriod } from './validity-period.js';
import { toFen } from './money-fen.js';
import type { OfferingDocument } from './offering.document.js';

/** Keys, bands, validity and bundles of the offerings. */
export function checkOfferings(offerings: readonly OfferingDocument[]): Problem[] {
  const problems: Problem[] = [];
  const byKey = new Map<string, OfferingDocument>();
  for (const offering of offerings) {
    const path = `offerings[${offering.key}]`;
    if (byKey.has(offering.key)) problems.push(problem('tariff.duplicate-key', `${path}.key`, `two offerings have the key "${offering.key}"`));
    byKey.set(offering.key, offering);
    problems.push(...checkValidity(offering, path));
    duplicates(offering.components.map((c) => c.key), `${path}.components`, problems);
    duplicates((offering.allowances ?? []).map((a) => a.key), `${path}.allowances`, problems);
    for (const component of offering.components) problems.push(...checkBand(component.amount, component.overridable, `${path}.components[${component.key}]`));
    for (const allowance of offering.allowances ?? []) problems.push(...checkBand(allowance.overageRate, allowance.overridable, `${path}.allowances[${allowance.key}]`));
  }
  for (const offering of offerings) {
    const path = `offerings[${offering.key}].includes`;
    if (offering.includes?.length && offering.type !== 'bundle') {
      problems.push(problem('tariff.includes-not-bundle', path, `only a bundle includes other offerings; "${offering.key}" is a ${offering.type} offering`));
    }
    for (const included of offering.includes ?? []) {
      const target = byKey.get(included);
      if (!target) problems.push(problem('tariff.unknown-offering', path, `no offering "${included}"`));
      else if (target.type === 'bundle') problems.push(problem('tariff.nested-bundle', path, `"${included}" is itself a bundle; a bundle includes single offerings`));
    }
  }
  return problems;
}

export function checkValidity(element: ValidityPeriod, path: string): Problem[] {
  return element.validFrom && element.validTo && element.validFrom > element.validTo
    ? [problem('tariff.bad-validity', `${path}.validTo`, `valid to ${element.validTo} is before valid from ${element.validFrom}`)]
    : [];
}

function checkBand(amount: string, band: { min: string; max: string } | undefined, path: string): Problem[] {
  if (!band) return [];
  if (toFen(band.min) > toFen(band.max)) return [problem('tariff.bad-band', `${path}.overridable`, `the band's min ${band.min} is above its max ${band.max}`)];
  const fen = toFen(amount);
  return fen < toFen(band.min) || fen > toFen(band.max) ? [problem('tariff.out-of-band', path, `HQ's own amount ${amount} is outside its band ${band.min}–${band.max}`)] : [];
}

function duplicates(keys: readonly string[], path: string, problems: Problem[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) problems.push(problem('tariff.duplicate-key', `${path}[${key}]`, `the key "${key}" is used twice`));
    seen.add(key);
  }
}
