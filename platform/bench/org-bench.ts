import type { EntityManager } from '@mikro-orm/postgresql';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { OrgDirectory } from '../src/org/org-directory.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';

export interface OrgBench {
  units: number;
  importMs: number;
  loadMs: number;
  heapMb: number;
  provinceSubtree: { units: number; firstMs: number; cachedMs: number };
  actorMs: number;
}

/**
 * An organisation of 31 provinces' worth of units (province → 11 cities →
 * 9 counties → 9 halls: 31,063 units) imported as one org file, then: the
 * time and memory to hold the tree in memory, to expand a province's
 * subtree for row scope, and to load a regional admin's grants.
 */
export async function benchOrganisation(platform: LatticePlatform): Promise<OrgBench> {
  const units: { key: string; name: string; kind: string; parent?: string }[] = [{ key: 'nation', name: '集团', kind: 'group' }];
  for (let p = 0; p < 31; p++) {
    units.push({ key: `p${p}`, name: `省${p}`, kind: 'province', parent: 'nation' });
    for (let c = 0; c < 11; c++) {
      units.push({ key: `p${p}_c${c}`, name: `市${c}`, kind: 'city', parent: `p${p}` });
      for (let d = 0; d < 9; d++) {
        units.push({ key: `p${p}_c${c}_d${d}`, name: `区${d}`, kind: 'county', parent: `p${p}_c${c}` });
        for (let h = 0; h < 9; h++) units.push({ key: `p${p}_c${c}_d${d}_h${h}`, name: `厅${h}`, kind: 'hall', parent: `p${p}_c${c}_d${d}` });
      }
    }
  }
  const users = [{ login: 'p7.admin', displayName: '省管理员', positions: [{ unit: 'p7', role: 'regional_admin', primary: true }] }];
  let started = performance.now();
  await platform.org.importDocument({ units, users }, SYSTEM_ACTOR);
  const importMs = performance.now() - started;

  const em = () => (platform.live.current.orm.em.fork() as EntityManager);
  const settle = () => {
    for (let i = 0; i < 3; i++) global.gc?.();
    return process.memoryUsage().heapUsed;
  };
  started = performance.now();
  const directory = await OrgDirectory.load(em());
  const loadMs = performance.now() - started;
  // What the tree holds: the heap with it, then with it and a second copy (garbage from loading excluded).
  const withOne = settle();
  const second = await OrgDirectory.load(em());
  const heapMb = (settle() - withOne) / 1024 / 1024;
  void second.size;

  const province = directory.byKey('p7');
  if (!province) throw new Error('The generated province is missing');
  started = performance.now();
  const subtree = directory.subtreeIds(province.id).length;
  const firstMs = performance.now() - started;
  started = performance.now();
  directory.subtreeIds(province.id);
  const cachedMs = performance.now() - started;

  await platform.org.refresh();
  started = performance.now();
  await platform.org.actorByLogin('p7.admin');
  const actorMs = performance.now() - started;
  return { units: directory.size, importMs, loadMs, heapMb: Math.max(heapMb, 0), provinceSubtree: { units: subtree, firstMs, cachedMs }, actorMs };
}
