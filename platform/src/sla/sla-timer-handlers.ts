import { addBusinessHours, isEscalationChoice, type EscalationTarget } from '@lattice/runtime';
import { randomUUID } from 'node:crypto';
import type { CalendarStore } from '../calendars/calendar-store.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { TimerFiring, TimerHandlerRegistry } from '../timers/timer-handler-registry.js';
import { resolveEscalationTarget, type EscalateChosen } from '../workflows/escalate.js';
import { chosenBy, EscalationChoices, type ChosenBy, type EscalationChoiceParts } from '../workflows/escalation-choices.js';
import { SLA_BREACH, SLA_WARNING, type SlaTimerPayload } from './sla-timer-payload.js';
import { breachWords } from './breach-words.js';

const HOUR_MS = 3_600_000;

/**
 * The time limits' timer kinds. A warning tells the assignee (or, with no
 * assignee, the unit's queue); a breach escalates to the target of its level
 * and, with `repeatEveryHours`, schedules the next level, in the firing's
 * transaction: the escalation rows, the next timer and `fired_at` commit
 * together. A rule-chosen target is chosen then, on the record as it is in
 * that transaction (`rules`: the model served now; without, `otherwise`).
 */
export function registerSlaTimerHandlers(registry: TimerHandlerRegistry, deps: { directory: () => OrgDirectory; calendars: CalendarStore; escalate?: EscalateChosen; rules?: EscalationChoiceParts }): TimerHandlerRegistry {
  const choices = new EscalationChoices(deps.rules ?? { model: () => undefined });
  return registry
    .register(SLA_WARNING, async (firing) => {
      const payload = firing.timer.payload as unknown as SlaTimerPayload;
      const assignee = payload.instanceId ? await currentAssignee(firing, payload.instanceId) : { userId: payload.assigneeId, unitId: payload.unitId };
      if (assignee) await recordEscalations(firing, payload, 'warning', [{ ...assignee, target: 'assignee' }]);
    })
    .register(SLA_BREACH, async (firing) => {
      const payload = firing.timer.payload as unknown as SlaTimerPayload;
      const chain = payload.escalate;
      const index = Math.min(payload.level, chain.length - 1);
      const planned = chain[index]?.to;
      // The same kind of target met again (a repeat past the end of the chain, or the chain naming it twice) climbs one unit further.
      const step = planned ? chain.slice(0, index).filter((t) => JSON.stringify(t.to) === JSON.stringify(planned)).length + Math.max(0, payload.level - (chain.length - 1)) : 0;
      let target: EscalationTarget | undefined;
      let chosen: ChosenBy | undefined;
      if (planned && isEscalationChoice(planned)) {
        if (!firing.em) throw new Error('time limits fire in a transaction of the platform ORM');
        const taken = await choices.choose(firing.em, payload.entity, payload.recordId, planned);
        target = taken.to;
        chosen = chosenBy(taken, planned);
      } else target = planned;
      if (payload.instanceId && deps.escalate && firing.em) {
        // A workflow's record: the workflow module moves the work, keeps the history and notifies, in this transaction.
        if (target) {
          const words = breachWords(deps.rules?.model(), payload);
          const result = await deps.escalate({ em: firing.em, instanceId: payload.instanceId, to: target, step, reason: words.comment, message: words.message, state: payload.step, at: firing.timer.dueAt, ...(chosen ? { chosenBy: chosen } : {}) });
          if (result.skipped === 'left-state' || result.skipped === 'closed') return;
          await recordEscalations(firing, payload, 'breach', [{ userId: result.assigneeId, unitId: result.assigneeUnitId, target, chosen, ...(result.escalated ? {} : { unresolved: result.skipped ?? 'no target' }) }]);
        } else {
          const assignee = await currentAssignee(firing, payload.instanceId);
          if (!assignee) return;
          await recordEscalations(firing, payload, 'breach', [{ ...assignee, target: 'assignee' }]);
        }
      } else if (target) {
        if (!firing.em) throw new Error('time limits fire in a transaction of the platform ORM');
        const resolved = await resolveEscalationTarget(firing.em, deps.directory(), payload, target, step);
        await recordEscalations(firing, payload, 'breach', resolved.users.length ? resolved.users.map((u) => ({ ...u, target, chosen })) : [{ userId: null, unitId: payload.unitId, target, chosen, unresolved: resolved.unresolved ?? 'nobody' }]);
      } else {
        await recordEscalations(firing, payload, 'breach', [{ userId: payload.assigneeId, unitId: payload.unitId, target: 'assignee' }]);
      }
      if (payload.repeatEveryHours && payload.repeatEveryHours > 0) {
        const from = firing.timer.dueAt;
        const dueAt = payload.businessHours
          ? addBusinessHours(await deps.calendars.calendarOf(deps.directory(), payload.unitId, firing.db), from, payload.repeatEveryHours)
          : new Date(from.getTime() + payload.repeatEveryHours * HOUR_MS);
        const next = payload.level + 1;
        await firing.schedule({ kind: SLA_BREACH, subject: firing.timer.subject, purpose: firing.timer.purpose.replace(/breach:\d+$/, `breach:${next}`), dueAt, payload: { ...payload, level: next } });
      }
    });
}

/** The workflow instance's assignee, or undefined once it is closed (nothing to warn about). */
async function currentAssignee(firing: TimerFiring, instanceId: string): Promise<{ userId: string | null; unitId: string | null } | undefined> {
  const rows = await firing.db.query<{ userId: string | null; unitId: string | null; closedAt: Date | null }>(`select assignee_id as "userId", coalesce(assignee_unit_id, unit_id) as "unitId", closed_at as "closedAt" from lattice_workflow_instance where id = $1`, [instanceId]);
  const row = rows.rows[0];
  return row && !row.closedAt ? { userId: row.userId, unitId: row.unitId } : undefined;
}

/** One escalation row: who it reached (null: nobody, with the reason), through which unit, for which target. */
interface EscalationRecipient {
  readonly userId: string | null;
  readonly unitId: string | null;
  readonly target: EscalationTarget | 'assignee';
  /** How a rule chose the target, when one did. */
  readonly chosen?: ChosenBy | undefined;
  readonly unresolved?: string;
}

async function recordEscalations(firing: TimerFiring, payload: SlaTimerPayload, kind: 'warning' | 'breach', recipients: readonly EscalationRecipient[]): Promise<void> {
  for (const recipient of recipients) {
    await firing.db.query(
      `insert into lattice_sla_escalation (id, timer_id, entity_key, record_id, step, kind, level, target_user_id, target_unit_id, target, due_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [randomUUID(), firing.timer.id, payload.entity, payload.recordId, payload.step, kind, payload.level, recipient.userId, recipient.unitId, JSON.stringify({ to: recipient.target, ...(recipient.chosen ? { chosenBy: recipient.chosen } : {}), ...(recipient.unresolved ? { unresolved: recipient.unresolved } : {}) }), firing.timer.dueAt],
    );
  }
}
