import { isEscalationChoice, workflowRoleProblems, type EscalationTarget, type TimeLimitTarget, type MetadataSet, type Problem, type TimeLimit, type WorkflowAction, type WorkflowDocument, type WorkflowStateDocument, type WorkflowTransitionDocument } from '@lattice/runtime';

export type { WorkflowDocument, WorkflowStateDocument, WorkflowTransitionDocument };

/** The set with one workflow put in (replacing the one with its key, or appended): what the runtime checks while it is edited. */
export function withWorkflow(set: MetadataSet, workflow: WorkflowDocument): MetadataSet {
  const workflows = ((set.workflows ?? []) as WorkflowDocument[]).slice();
  const at = workflows.findIndex((w) => w.key === workflow.key);
  if (at >= 0) workflows[at] = workflow;
  else workflows.push(workflow);
  return { ...set, workflows } as MetadataSet;
}

export const fromList = (from: string | readonly string[]): string[] => (typeof from === 'string' ? [from] : [...from]);

/** `from` as the document writes it: one key alone, several as a list. */
export const fromValue = (states: readonly string[]): string | string[] => (states.length === 1 ? states[0]! : [...states]);

export function transitionsFrom(workflow: WorkflowDocument, state: string): WorkflowTransitionDocument[] {
  return workflow.transitions.filter((t) => fromList(t.from).includes(state));
}

/**
 * The states in the order a record meets them: a breadth-first walk from
 * the initial state along the transitions as written, then the states no
 * transition reaches, in document order (they are the ones to fix).
 */
export function statesInOrder(workflow: WorkflowDocument): WorkflowStateDocument[] {
  const byKey = new Map(workflow.states.map((s) => [s.key, s]));
  const seen = new Set<string>();
  const queue = byKey.has(workflow.initial) ? [workflow.initial] : [];
  const ordered: WorkflowStateDocument[] = [];
  while (queue.length) {
    const key = queue.shift()!;
    if (seen.has(key)) continue;
    seen.add(key);
    ordered.push(byKey.get(key)!);
    for (const t of transitionsFrom(workflow, key)) if (byKey.has(t.to) && !seen.has(t.to)) queue.push(t.to);
  }
  return [...ordered, ...workflow.states.filter((s) => !seen.has(s.key))];
}

/** Problems of one workflow, at or below `workflows[key]`, from the local check and the server's draft check, each once. */
export function workflowProblems(key: string, ...lists: readonly (readonly Problem[])[]): Problem[] {
  const prefix = `workflows[${key}]`;
  const seen = new Set<string>();
  return lists.flat().filter((p) => {
    if (p.path !== prefix && !p.path.startsWith(`${prefix}.`)) return false;
    const id = `${p.code}|${p.path}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Roles the workflow names that the organisation does not have: the
 * runtime's own check, with the roles the designer loaded (roles are the
 * organisation's, not metadata, so compiling the set cannot know them;
 * the plan checks them again). None while the roles are not known.
 */
export function orgRoleProblems(workflow: WorkflowDocument, roles: readonly { key: string }[]): Problem[] {
  if (!roles.length) return [];
  return workflowRoleProblems(workflow, new Set(roles.map((r) => r.key))).map((p) => ({ ...p, path: `workflows[${workflow.key}].${p.path}` }));
}

/** The problems that belong beside a state: its own, and those of the workflow's lists that name it (clock stops, locks). */
export function stateProblems(problems: readonly Problem[], workflow: WorkflowDocument, state: string): Problem[] {
  const prefix = `workflows[${workflow.key}]`;
  const listed = (list: readonly string[] | undefined, name: string) => (list ?? []).flatMap((k, i) => (k === state ? [`${prefix}.${name}[${i}]`] : []));
  const paths = new Set([...listed(workflow.clockStops, 'clockStops'), ...listed(workflow.lock, 'lock'), ...(workflow.initial === state ? [`${prefix}.initial`] : [])]);
  return problems.filter((p) => under(p.path, `${prefix}.states[${state}]`) || paths.has(p.path));
}

export function transitionProblems(problems: readonly Problem[], workflow: WorkflowDocument, transition: string): Problem[] {
  return problems.filter((p) => under(p.path, `workflows[${workflow.key}].transitions[${transition}]`));
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/** A state's time limit in the editor's terms: an amount, in hours on the clock or in business hours. */
export type LimitUnit = 'hours' | 'businessHours';
export const limitUnit = (limit: TimeLimit): LimitUnit => (limit.businessHours !== undefined ? 'businessHours' : 'hours');
export const limitAmount = (limit: TimeLimit): number => limit.businessHours ?? limit.hours ?? 0;

/** The time limit with its amount or unit changed; the other unit is dropped (a limit is one or the other). */
export function withLimit(limit: TimeLimit, unit: LimitUnit, amount: number): TimeLimit {
  const { hours: _h, businessHours: _b, ...rest } = limit;
  return { ...rest, [unit]: amount } as TimeLimit;
}

/** Warn at, as the admin types it (a percentage) and as the document keeps it (a share). */
export const warnPercent = (limit: TimeLimit): number | undefined => (limit.warnAt === undefined ? undefined : Math.round(limit.warnAt * 100));
export const warnShare = (percent: number | null | undefined): number | undefined => (percent === null || percent === undefined ? undefined : percent / 100);

/** `rule`: a target chosen by rule when the breach fires; shown here, edited in YAML. */
export type TargetKind = 'assigneeSupervisor' | 'unitHeadAbove' | 'role' | 'rule';
export const targetKind = (target: TimeLimitTarget): TargetKind => (typeof target === 'string' ? target : isEscalationChoice(target) ? 'rule' : 'role');

/** A rule-chosen target in one line: each branch's name (or "a condition") and its target, then the fallback. */
export function choiceSummary(target: TimeLimitTarget, words: { when: string; otherwise: string; condition: string; target: (t: EscalationTarget) => string }): string {
  if (!isEscalationChoice(target)) return '';
  const branches = target.choose.map((b) => `${words.when} ${b.name ?? words.condition} → ${words.target(b.to)}`);
  return [...branches, `${words.otherwise} → ${words.target(target.otherwise)}`].join('; ');
}
export function targetOf(kind: Exclude<TargetKind, 'rule'>, role = '', unitLevel?: string): EscalationTarget {
  if (kind !== 'role') return kind;
  return unitLevel ? { role, unitLevel } : { role };
}

/** The list with the item at `index` moved one place up (escalations run in order). */
export function movedUp<T>(list: readonly T[], index: number): T[] {
  if (index <= 0 || index >= list.length) return [...list];
  const next = [...list];
  [next[index - 1], next[index]] = [next[index]!, next[index - 1]!];
  return next;
}

/** States that stop the clock: the workflow's `clockStops`, kept without duplicates and dropped when empty. */
export function withClockStop(workflow: WorkflowDocument, state: string, stops: boolean): string[] | undefined {
  const rest = (workflow.clockStops ?? []).filter((k) => k !== state);
  const next = stops ? [...rest, state] : rest;
  return next.length ? next : undefined;
}

/** The workflow without a state, and without it in the clock stops; transitions naming it stay, so the check says where. */
export function withoutState(workflow: WorkflowDocument, state: string): WorkflowDocument {
  const clockStops = withClockStop(workflow, state, false);
  const { clockStops: _c, ...rest } = workflow;
  return { ...rest, states: workflow.states.filter((s) => s.key !== state), ...(clockStops ? { clockStops } : {}) };
}

/** What an action does, in one line (actions are shown, not edited, here). */
export function actionSummary(action: WorkflowAction): string {
  const value = (v: unknown) => (v && typeof v === 'object' && 'from' in v ? `← ${String((v as { from: unknown }).from)}` : v && typeof v === 'object' && 'fromItem' in v ? `← item.${String((v as { fromItem: unknown }).fromItem)}` : `= ${JSON.stringify(v)}`);
  if ('setFields' in action) return `set ${Object.entries(action.setFields).map(([k, v]) => `${k} ${value(v)}`).join(', ')}`;
  if ('create' in action) return `create ${action.create.entity}${action.create.each ? ` for each ${action.create.each}` : ''}`;
  if ('assign' in action) {
    const to = action.assign;
    return `assign to ${'queue' in to ? `queue ${to.queue}` : 'user' in to ? `user ${to.user}` : `${to.role}${to.unitLevel ? ` (${to.unitLevel})` : ''}`}`;
  }
  if ('notify' in action) return `notify ${typeof action.notify.to === 'string' ? action.notify.to : action.notify.to.role}`;
  return `plugin ${action.plugin.action}`;
}

/** Keys as the runtime takes them: lower snake case, starting with a letter. */
export const isKey = (key: string) => /^[a-z][a-z0-9_]*$/.test(key);

type Text = WorkflowStateDocument['label'];

/** One language of a localized label (a plain string counts as English). */
export function textOf(value: Text | undefined, language: 'en' | 'zh-CN'): string {
  if (value && typeof value === 'object') return (value as Record<string, string>)[language] ?? '';
  return language === 'en' && typeof value === 'string' ? value : '';
}

/** The label with one language set (or removed when blank); undefined when no language is left. */
export function withText(value: Text | undefined, language: 'en' | 'zh-CN', text: string): Text | undefined {
  const next = { ...(value && typeof value === 'object' ? value : typeof value === 'string' && value ? { en: value } : {}) } as Record<string, string>;
  if (text) next[language] = text;
  else delete next[language];
  return Object.keys(next).length ? (next as Text) : undefined;
}
