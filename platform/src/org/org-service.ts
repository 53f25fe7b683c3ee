import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CompiledModel } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from '../security/actor.js';
import { ActorGrants, type HeldPosition } from '../security/actor-grants.js';
import { BUILTIN_ROLES } from '../security/builtin-roles.js';
import { permissionDocumentSchema } from '../security/permission-document.js';
import { RecordShareEntity, SharingRuleEntity } from '../security/sharing-entities.js';
import { checkSharingRules, sharingRuleSchema, type SharingRule } from '../security/sharing-rule.document.js';
import { OrgDirectory } from './org-directory.js';
import { OrgUnitEntity, PositionEntity, RoleEntity, UserEntity } from './org-entities.js';
import { importOrg, moveSubtree, parseOrgDocument, type OrgImportResult } from './org-import.js';
import { checkOrgEditScope } from './org-edit-scope.js';
import { editRoleEntity } from './role-entity-edit.js';
import type { RoleRow } from './org-entities.js';
import type { VersionNotifier } from '../notices/version-notifier.js';

/**
 * The organisation at run time: the current org tree (a new directory after
 * every change), imports and moves, and the actor of a signed-in user (their
 * current positions and their roles' grants), cached until the org changes.
 */
export class OrgService {
  #directory = new OrgDirectory([]);
  #sharingRules: readonly SharingRule[] = [];
  readonly #actors = new Map<string, Promise<Actor>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly hooks: {
      /** Gives a user created by an import the initial password its file names (rules apply). */
      setInitialPassword: (userId: string, password: string) => Promise<void>;
      /** The metadata being served, if any: sharing rules are checked against it. */
      model?: () => CompiledModel | undefined;
      /** Tells the other nodes that the organisation changed, and hears when they say so. */
      notifier: Pick<VersionNotifier, 'announceOrgChange' | 'onOrgChange'>;
    },
  ) {}

  async start(): Promise<void> {
    const em = this.orm.em.fork();
    const existing = new Set((await em.find(RoleEntity, {})).map((r) => r.key));
    for (const role of BUILTIN_ROLES) {
      if (existing.has(role.key)) continue;
      em.create(RoleEntity, { key: role.key, label: role.label, description: role.description ?? null, permissions: permissionDocumentSchema.parse(role.permissions), builtin: true, updatedAt: new Date() });
    }
    await em.flush();
    await this.refresh();
    this.hooks.notifier.onOrgChange((change) => {
      if (change.kind === 'tree') void this.refresh();
      else this.#forget(change.userId);
    });
  }

  get directory(): OrgDirectory {
    return this.#directory;
  }

  /** Reloads the tree and forgets cached actors: after any change here or on another node. */
  async refresh(): Promise<void> {
    const em = this.orm.em.fork() as EntityManager;
    this.#directory = await OrgDirectory.load(em);
    this.#sharingRules = (await em.find(SharingRuleEntity, {}, { orderBy: { key: 'asc' } })).map((r) => sharingRuleSchema.parse(r.rule));
    this.#actors.clear();
  }

  /** Applies an org file as `actor`: a regional admin only within the subtree they manage. */
  async importDocument(input: unknown, actor: Actor): Promise<OrgImportResult> {
    const doc = parseOrgDocument(input);
    const model = this.hooks.model?.();
    const ruleProblems = model ? checkSharingRules(model, doc.sharingRules) : [];
    if (ruleProblems.length) throw LatticeError.invalidFilter(ruleProblems);
    const result = await this.orm.em.fork().transactional(async (em) => {
      await checkOrgEditScope(em as EntityManager, doc, actor.grants, this.#directory);
      const imported = await importOrg(em as EntityManager, doc, actor.name);
      await this.hooks.notifier.announceOrgChange(em as EntityManager, { kind: 'tree' });
      return imported;
    });
    // Passwords are set once the users exist (committed); a password the rules refuse is reported, the rest stays imported.
    for (const user of result.newUsers) {
      if (!user.password) continue;
      await this.hooks.setInitialPassword(user.id, user.password).catch((error: Error) => {
        throw LatticeError.invalidInput(`users[${user.login}].password`, `The initial password of ${user.login} was refused (the user was imported without one): ${error.message}`);
      });
    }
    await this.refresh();
    return result;
  }

  /** Sets (or with `grant: null` removes) one entity's grant of a role, keeping the rest of it: see `role-entity-edit.ts`. */
  async editRoleEntity(edit: { role: string; entity: string; grant: unknown }, actor: Actor): Promise<RoleRow> {
    const role = await this.orm.em.fork().transactional(async (em) => {
      const saved = await editRoleEntity(em as EntityManager, edit, actor, this.#directory, this.hooks.model?.());
      await this.hooks.notifier.announceOrgChange(em as EntityManager, { kind: 'tree' });
      return saved;
    });
    await this.refresh();
    return role;
  }

  /** Moves a unit (and its subtree, with their records) under another parent; both must be within what `actor` manages. */
  async moveUnit(unitKey: string, parentKey: string, actor: Actor): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const unit = await em.findOne(OrgUnitEntity, { key: unitKey });
      const parent = await em.findOne(OrgUnitEntity, { key: parentKey });
      if (!unit) throw LatticeError.notFound(`Org unit ${unitKey}`);
      if (!parent) throw LatticeError.notFound(`Org unit ${parentKey}`);
      if (!this.manages(actor, unit.id) || !this.manages(actor, parent.id)) throw LatticeError.outsideScope('organisation', 'unit', `Moving "${unitKey}" under "${parentKey}" reaches outside the part of the organisation you manage`);
      await moveSubtree(em as EntityManager, unit, parent, `${parent.path}${unit.key}/`, actor.name, new Date());
      await this.hooks.notifier.announceOrgChange(em as EntityManager, { kind: 'tree' });
    });
    await this.refresh();
  }

  /** Whether the actor holds `org.manage` over a unit (in it or above it). */
  manages(actor: Actor, unitId: string): boolean {
    return actor.grants.isUnrestricted || actor.grants.unitsWith('org.manage').some((m) => this.#directory.contains(m, unitId));
  }

  /**
   * The reporting line of a user, nearest first: their supervisor, theirs,
   * and so on (cycles stop the walk). Escalations and approvals go up it.
   */
  async reportingLine(userId: string): Promise<{ id: string; login: string; displayName: string }[]> {
    const em = this.orm.em.fork();
    const line: { id: string; login: string; displayName: string }[] = [];
    const seen = new Set([userId]);
    let user = await em.findOne(UserEntity, { id: userId });
    while (user?.supervisorId && !seen.has(user.supervisorId)) {
      seen.add(user.supervisorId);
      user = await em.findOne(UserEntity, { id: user.supervisorId });
      if (user) line.push({ id: user.id, login: user.login, displayName: user.displayName });
    }
    return line;
  }

  /**
   * Records were shared with a user (a serve-anywhere grant): their cached
   * actor is dropped here, and every node is told, so the next request sees it.
   */
  async sharesChanged(userId: string | null): Promise<void> {
    this.#forget(userId);
    await this.hooks.notifier.announceOrgChange(this.orm.em.fork() as EntityManager, { kind: 'shares', userId });
  }

  /** Drops one cached actor (null: every one): their grants are loaded again on their next request. */
  #forget(userId: string | null): void {
    if (userId) this.#actors.delete(userId);
    else this.#actors.clear();
  }

  /** The actor of a user: null when the user does not exist or is disabled. */
  async actorFor(userId: string): Promise<Actor | null> {
    let actor = this.#actors.get(userId);
    if (!actor) {
      actor = this.#loadActor(userId);
      this.#actors.set(userId, actor);
    }
    return actor.catch(() => null);
  }

  async actorByLogin(login: string): Promise<Actor | null> {
    const user = await this.orm.em.fork().findOne(UserEntity, { login: login.toLowerCase() });
    return user ? this.actorFor(user.id) : null;
  }

  async #loadActor(userId: string): Promise<Actor> {
    const em = this.orm.em.fork();
    const user = await em.findOne(UserEntity, { id: userId });
    if (!user || user.status !== 'active') {
      this.#actors.delete(userId);
      throw LatticeError.notFound(`User ${userId}`);
    }
    if (user.platformAdmin) return { id: user.id, name: user.login, grants: ActorGrants.unrestricted() };
    const positions = await em.find(PositionEntity, { userId, validTo: null });
    const roles = new Map((await em.find(RoleEntity, { key: { $in: positions.map((p) => p.roleKey) } })).map((r) => [r.key, { permissions: permissionDocumentSchema.parse(r.permissions), label: r.label }]));
    const held: HeldPosition[] = positions.flatMap((p) => {
      const role = roles.get(p.roleKey);
      return role && this.#directory.byId(p.unitId) ? [{ unitId: p.unitId, roleKey: p.roleKey, roleLabel: role.label, isPrimary: p.isPrimary, permissions: role.permissions }] : [];
    });
    const units = [...new Set(held.map((p) => p.unitId))];
    const shares = await em.find(RecordShareEntity, { $or: [{ userId }, ...(units.length ? [{ unitId: { $in: units } }] : [])], revokedAt: null, $and: [{ $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] }] });
    const heldShares = shares.map((s) => ({ entityKey: s.entityKey, recordId: s.recordId, access: s.access, expiresAt: s.expiresAt ?? null }));
    return { id: user.id, name: user.login, grants: ActorGrants.of(held, this.#sharingRules.filter((rule) => this.#sharesWith(rule, held)), heldShares) };
  }

  /** Whether a rule shares with someone holding these positions: everyone, one of its roles, or a unit (subtree) they sit in. */
  #sharesWith(rule: SharingRule, held: readonly HeldPosition[]): boolean {
    const { everyone, roles, units, includeSubtree } = rule.shareWith;
    if (everyone) return held.length > 0;
    return held.some((p) => {
      if (roles.includes(p.roleKey)) return true;
      const unit = this.#directory.byId(p.unitId);
      return !!unit && units.some((key) => {
        const target = this.#directory.byKey(key);
        return !!target && (includeSubtree ? unit.path.startsWith(target.path) : unit.id === target.id);
      });
    });
  }
}
