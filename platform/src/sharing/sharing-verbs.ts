import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { readAccessLog, type AccessLogEntryView, type AccessLogWriter } from './access-log.js';
import { revokeShare, shareRecord, sharesOf, type ShareRequest, type ShareView } from './record-sharing.js';
import { withScope } from '../security/row-scope.js';
import { serveAnywhere, type ServeGrant } from './serve-anywhere.js';
import { RecordShareEntity } from '../security/sharing-entities.js';
import type { AccessParts } from '../records/access-parts.js';
import { accessPart } from '../records/access-part.js';

/** `access.part(SHARING)`: registered by the composition root with `sharingVerbs`. */
export const SHARING = accessPart<RecordSharing>('sharing');

export interface SharingSettings {
  /** Called when records were shared with a user (null: with a unit, so possibly anyone), whose cached grants must be reloaded. */
  readonly sharesChanged: (userId: string | null) => Promise<void>;
  /** The node's access log, flushed before it is read. */
  readonly accessLog: AccessLogWriter;
}

/** Makes the sharing verbs of one access point. */
export function sharingVerbs(settings: SharingSettings): (parts: AccessParts) => RecordSharing {
  return (parts) => new RecordSharing(parts, settings);
}

/**
 * Records reached beyond the actor's row scope: shares of one record,
 * serve-anywhere grants, and the access log that records both. The rules
 * a share is checked by live in `record-sharing.ts` and `serve-anywhere.ts`;
 * this checks who may ask and tells the node whose cached grants changed.
 */
export class RecordSharing {
  constructor(
    private readonly parts: AccessParts,
    private readonly settings: SharingSettings,
  ) {}

  /**
   * Serves a record from outside the actor's scope, identified by an exact
   * combination of identifiers their role allows, for the reason they give:
   * a time-limited share, logged for the owning unit (`serve-anywhere.ts`).
   */
  async serveAnywhere(entityName: string, match: Record<string, unknown>, reason: string): Promise<ServeGrant> {
    const entity = this.parts.model.entityByName(entityName);
    if (!entity) throw LatticeError.notFound(`Entity ${entityName}`);
    const { em, schemas, actor } = this.parts;
    for (const name of Object.keys(match)) {
      if (!entity.fieldByName(name)?.column) throw LatticeError.invalidInput(`match.${name}`, `${entity.name} has no stored field "${name}"`);
    }
    const grant = await serveAnywhere(em, schemas, entity, actor, match, reason);
    if (actor.id) await this.settings.sharesChanged(actor.id);
    return grant;
  }

  /**
   * Shares one record with a user or a unit: whoever may change the record
   * by their own rights may share it; a record reached through a share (a
   * serve-anywhere grant is one) is not passed on.
   */
  async share(entityName: string, id: string, request: ShareRequest): Promise<ShareView> {
    const entity = this.parts.authorize(entityName, 'update');
    const record = await this.#ownRecord(entity, id);
    const { share, userId } = await shareRecord(this.#fork(), this.parts.options.directory, entity, record, request, this.parts.actor);
    await this.settings.sharesChanged(userId);
    return share;
  }

  async revokeShare(entityName: string, shareId: string): Promise<boolean> {
    const entity = this.parts.authorize(entityName, 'update');
    const em = this.#fork();
    const share = await em.findOne(RecordShareEntity, { id: shareId, entityKey: entity.key, revokedAt: null });
    if (!share) throw LatticeError.notFound(`Share ${shareId}`);
    const record = await this.#ownRecord(entity, share.recordId);
    const { userId } = await revokeShare(em, shareId, record.orgUnitId, this.parts.actor);
    await this.settings.sharesChanged(userId);
    return true;
  }

  /** The live shares of a record, to whoever may share it (not to those it is shared with: who else holds it is not theirs to see). */
  async shares(entityName: string, id: string): Promise<ShareView[]> {
    const entity = this.parts.authorize(entityName, 'update');
    await this.#ownRecord(entity, id);
    return sharesOf(this.#fork(), this.parts.options.directory, entity, id);
  }

  /** The serve-anywhere and personal-data access log of the units the actor audits. */
  async accessLog(query: { first?: number | null; after?: string | null; kind?: string | null }): Promise<{ entries: AccessLogEntryView[]; hasNextPage: boolean }> {
    const { em, actor, options } = this.parts;
    await this.settings.accessLog.flush();
    return readAccessLog(em, actor.grants, options.directory, query, options.maxPageSize);
  }

  #fork(): EntityManager {
    return this.parts.em.fork() as EntityManager;
  }

  /**
   * A record within the actor's own update scope (their roles and sharing
   * rules, not a share they were given), with its unit; else FORBIDDEN when
   * they can see it, and NOT_FOUND when they cannot, as for a write.
   */
  async #ownRecord(entity: CompiledEntity, id: string): Promise<{ id: string; orgUnitId: string | null }> {
    const { em, schemas, guard, reader } = this.parts;
    if (/^[0-9a-f-]{36}$/i.test(id)) {
      const own = withScope({ id, deletedAt: null }, guard.filter(entity, 'update', false));
      const [row] = (await em.find(schemas.of(entity), own as never, { fields: ['id', 'orgUnitId'] as never, disableIdentityMap: true })) as { id: string; orgUnitId: string | null }[];
      if (row) return { id: row.id, orgUnitId: row.orgUnitId ?? null };
      if ((await reader.visibleIds(entity, [id], 'update')).length) throw LatticeError.reshareForbidden(entity.name, id);
      if (await reader.get(entity, id, true, ['id'])) throw LatticeError.recordReadOnly(entity.name, id, 'share');
    }
    throw LatticeError.recordNotFound(entity.name, id);
  }
}
