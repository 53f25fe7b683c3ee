import type { Client } from '@urql/core';
import type { MetadataSet, Problem } from '@lattice/runtime';
import { request } from '../api/graphql-client.js';
import type { EntityGrant, RoleInfo } from './roles/role-grant.js';


export interface DraftDocumentInfo {
  section: string;
  key: string | null;
  path: string;
  state: 'edited' | 'removed' | 'live';
  version: number;
  baseVersion: number | null;
  updatedBy: string | null;
  document?: unknown;
}

export interface DraftAnswer {
  source: MetadataSet;
  baseVersion: number | null;
  problems: Problem[];
  documents: DraftDocumentInfo[];
}

export interface PlanAnswer {
  fromVersion: number;
  startedFrom: number | null;
  changes: { kind: string; entity?: string; field?: string; description?: string; [k: string]: unknown }[];
  formChanges: { change: string; path: string; before: unknown; after: unknown }[];
  catalogChanges: { change: string; path: string; before: unknown; after: unknown }[];
  ruleSetChanges: { change: string; path: string; before: unknown; after: unknown }[];
  whereUsed: { entity: string; field: string; change: string; usedBy: string; path: string; breaks: boolean; message: string }[];
  ddl: string[];
  apiChanges: { kind: string; description: string; breaking: boolean }[];
  risks: { id: string; kind: string; entity: string; field: string | null; rows: number; message: string; hint: string | null; blocking: boolean; records: { id: string; title: string | null; values: Record<string, unknown> }[] }[];
  confirmationsRequired: string[];
  layerProblems: Problem[];
  layerConflicts: { layer: string; element: string; property: string; changedBy: string }[];
  blocked: boolean;
  hash: string;
  /** Workflows the plan changes; records in flight keep the version they started on. */
  workflowChanges: WorkflowChange[];
}

export interface WorkflowChange {
  workflow: string;
  entity: string;
  change: 'added' | 'changed' | 'removed';
  states: { added: string[]; removed: string[]; changed: string[] };
  transitions: { added: string[]; removed: string[]; changed: string[] };
  inFlight: 'keep-version';
}

export interface VersionSummary {
  version: number;
  hash: string;
  publishedAt: string;
  publishedBy: string | null;
  comment: string | null;
  restoredFrom: number | null;
}

const PLAN_FIELDS = `fromVersion startedFrom changes formChanges { change path before after } catalogChanges { change path before after }
  ruleSetChanges { change path before after } whereUsed { entity field change usedBy path breaks message } ddl
  apiChanges { kind description breaking } risks { id kind entity field rows message hint blocking records { id title values } }
  confirmationsRequired layerProblems { code path message hint } layerConflicts blocked hash workflowChanges`;
const DOCUMENT_FIELDS = 'section key path state version baseVersion updatedBy';

/** The admin API as the designer uses it: drafts per document, plan, publish, versions, rollback, layers. */
export class AdminApi {
  constructor(private readonly client: Client) {}

  async draft(): Promise<DraftAnswer> {
    const data = await request<{ draft: DraftAnswer }>(this.client, `query { draft { source baseVersion problems { code path message hint } documents { ${DOCUMENT_FIELDS} } } }`);
    return data.draft;
  }

  async document(section: string, key: string | null): Promise<DraftDocumentInfo> {
    const data = await request<{ draftDocument: DraftDocumentInfo }>(this.client, `query($s: String!, $k: String) { draftDocument(section: $s, key: $k) { ${DOCUMENT_FIELDS} document } }`, { s: section, k: key });
    return data.draftDocument;
  }

  async saveDocument(section: string, key: string | null, document: unknown, version: number, baseVersion: number | null): Promise<{ document: DraftDocumentInfo; problems: Problem[] }> {
    const data = await request<{ saveDocument: { document: DraftDocumentInfo; problems: Problem[] } }>(
      this.client,
      `mutation($s: String!, $k: String, $d: JSON!, $v: Int!, $b: Int) { saveDocument(section: $s, key: $k, document: $d, version: $v, baseVersion: $b) { document { ${DOCUMENT_FIELDS} } problems { code path message hint } } }`,
      { s: section, k: key, d: document, v: version, b: baseVersion },
      'mutation',
    );
    return data.saveDocument;
  }

  async discardDocument(section: string, key: string | null, version: number): Promise<void> {
    await request(this.client, `mutation($s: String!, $k: String, $v: Int!) { discardDocument(section: $s, key: $k, version: $v) { document { path } } }`, { s: section, k: key, v: version }, 'mutation');
  }

  async editableLayers(): Promise<string[]> {
    return (await request<{ editableLayers: string[] }>(this.client, 'query { editableLayers }')).editableLayers;
  }

  /** The org tree (each unit with its path, root first) and the roles: what the form preview may act as. */
  async org(): Promise<{ units: { key: string; name: unknown; depth: number; path: string[] }[]; roles: { key: string; label: unknown }[] }> {
    const data = await request<{ orgUnits: { key: string; name: unknown; depth: number; ancestry: { key: string }[] }[]; roles: { key: string; label: unknown }[] }>(
      this.client,
      'query { orgUnits { key name depth ancestry { key } } roles { key label } }',
    );
    return { units: data.orgUnits.map((u) => ({ key: u.key, name: u.name, depth: u.depth, path: u.ancestry.map((a) => a.key).reverse() })), roles: data.roles };
  }

  /** Every role with its permission document (needs `org.manage` or `metadata.read`). */
  async roles(): Promise<RoleInfo[]> {
    return (await request<{ roles: RoleInfo[] }>(this.client, 'query { roles { key label description permissions builtin updatedAt updatedBy } }')).roles;
  }

  /** Sets one entity's grant of a role (null removes it); the server bounds it by what the caller holds. */
  async grantRoleEntity(role: string, entity: string, grant: EntityGrant | null): Promise<RoleInfo> {
    const data = await request<{ grantRoleEntity: RoleInfo }>(
      this.client,
      'mutation($r: String!, $e: String!, $g: JSON) { grantRoleEntity(role: $r, entity: $e, grant: $g) { key label description permissions builtin updatedAt updatedBy } }',
      { r: role, e: entity, g: grant },
      'mutation',
    );
    return data.grantRoleEntity;
  }

  async saveLayer(layer: unknown, version: number, baseVersion: number | null): Promise<void> {
    await request(this.client, `mutation($l: JSON!, $v: Int, $b: Int) { saveLayer(layer: $l, version: $v, baseVersion: $b) { baseVersion } }`, { l: layer, v: version, b: baseVersion }, 'mutation');
  }

  async plan(): Promise<PlanAnswer> {
    return (await request<{ plan: PlanAnswer }>(this.client, `query { plan { ${PLAN_FIELDS} } }`)).plan;
  }

  async publish(plan: PlanAnswer, confirm: string[], comment: string): Promise<{ version: number; unchanged: boolean }> {
    const data = await request<{ publish: { version: number; unchanged: boolean } }>(
      this.client,
      'mutation($h: String!, $b: Int!, $c: [String!], $m: String) { publish(planHash: $h, baseVersion: $b, confirm: $c, comment: $m) { version unchanged } }',
      { h: plan.hash, b: plan.fromVersion, c: confirm, m: comment || null },
      'mutation',
    );
    return data.publish;
  }

  async versions(): Promise<VersionSummary[]> {
    return (await request<{ versions: VersionSummary[] }>(this.client, 'query { versions { version hash publishedAt publishedBy comment restoredFrom } }')).versions;
  }

  async versionSource(version: number): Promise<MetadataSet | null> {
    return (await request<{ version: { source: MetadataSet } | null }>(this.client, 'query($v: Int!) { version(version: $v) { source } }', { v: version })).version?.source ?? null;
  }

  async planRollback(toVersion: number): Promise<PlanAnswer> {
    return (await request<{ planRollback: PlanAnswer }>(this.client, `query($v: Int!) { planRollback(toVersion: $v) { ${PLAN_FIELDS} } }`, { v: toVersion })).planRollback;
  }

  async rollback(toVersion: number, plan: PlanAnswer, confirm: string[]): Promise<{ version: number }> {
    const data = await request<{ rollback: { version: number } }>(
      this.client,
      'mutation($v: Int!, $h: String!, $b: Int!, $c: [String!]) { rollback(toVersion: $v, planHash: $h, baseVersion: $b, confirm: $c) { version } }',
      { v: toVersion, h: plan.hash, b: plan.fromVersion, c: confirm },
      'mutation',
    );
    return data.rollback;
  }
}
