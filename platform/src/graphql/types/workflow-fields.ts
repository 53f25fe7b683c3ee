import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import { selection } from '../selection.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import { LatticeError } from '../../errors/lattice-error.js';
import type { WorkflowModule } from '../../workflows/workflow-module.js';
import type { FireArgs } from '../../workflows/workflow-api.js';
import type { TaskView } from '../../workflows/work-queues.js';
import { textIn, type CompiledModel, type CompiledWorkflows, type LocalizedText } from '@lattice/runtime';
import { approvalFields, WorkflowApproval } from './approval-fields.js';

type Fields = Record<string, GraphQLFieldConfig<unknown, RecordContext>>;
type Args = Record<string, unknown>;

const text = { type: new GraphQLNonNull(GraphQLString) };
const optionalText = { type: GraphQLString };
const list = <T extends GraphQLObjectType>(type: T) => ({ type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))) });
const languageArg = { language: { type: GraphQLString, description: 'The language of the labels (en when not given)' } };
const recordArgs = { entity: { type: new GraphQLNonNull(GraphQLString), description: 'The entity (its GraphQL type name)' }, id: { type: new GraphQLNonNull(GraphQLID) } };

const TransitionOption = new GraphQLObjectType({
  name: 'WorkflowTransitionOption',
  description: 'A transition out of the record\'s state that you may fire, with the fields it needs',
  fields: { key: text, label: optionalText, to: text, requiredFields: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))) } },
});

const HistoryEntry = new GraphQLObjectType({
  name: 'WorkflowHistoryEntry',
  fields: { kind: text, transition: optionalText, from: optionalText, to: optionalText, actorName: text, at: text, durationMs: { type: GraphQLFloat, description: 'How long the record stayed in the state it left' }, comment: optionalText, fromLabel: optionalText, toLabel: optionalText },
});

const WorkflowStatus = new GraphQLObjectType({
  name: 'WorkflowStatus',
  description: 'Where a record stands in its workflow',
  fields: {
    entity: text,
    recordId: { type: new GraphQLNonNull(GraphQLID) },
    workflow: text,
    definitionVersion: { type: new GraphQLNonNull(GraphQLInt), description: 'The metadata version of the definition the record started on (it finishes on it)' },
    state: text,
    stateField: { ...text, description: 'The record\'s field holding the state: only a transition writes it' },
    stateLabel: optionalText,
    final: { type: new GraphQLNonNull(GraphQLBoolean) },
    since: text,
    dueAt: optionalText,
    assigneeId: { type: GraphQLID },
    assigneeName: optionalText,
    queue: optionalText,
    queueLabel: optionalText,
    transitions: list(TransitionOption),
    history: list(HistoryEntry),
    approval: { type: WorkflowApproval, description: 'The pending approval of the record, null when none' },
  },
});

const Task = new GraphQLObjectType({
  name: 'WorkflowTask',
  fields: {
    instanceId: { type: new GraphQLNonNull(GraphQLID) },
    entity: text,
    recordId: { type: new GraphQLNonNull(GraphQLID) },
    title: optionalText,
    workflow: text,
    state: text,
    stateLabel: {
      type: GraphQLString,
      description: 'The state\'s label as the current metadata names it',
      args: languageArg,
      resolve: (task: LabelledTask, a: Args) => textIn(task.stateText, (a['language'] as string | null) ?? 'en') ?? null,
    },
    dueAt: optionalText,
    overdue: { type: new GraphQLNonNull(GraphQLBoolean) },
    secondsLeft: { type: GraphQLFloat, description: 'Until due; negative when late' },
    assigneeId: { type: GraphQLID },
    queue: optionalText,
    claimedAt: optionalText,
  },
});

const Notification = new GraphQLObjectType({
  name: 'WorkflowNotification',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) }, entity: text, recordId: { type: new GraphQLNonNull(GraphQLID) }, message: { type: new GraphQLNonNull(SCALARS.JSON) }, createdAt: text, read: { type: new GraphQLNonNull(GraphQLBoolean) } },
});

type LabelledTask = TaskView & { readonly stateText?: LocalizedText };

/** Tasks with their state's label from the metadata the request runs on (a task list spans workflows). */
function labelled(model: CompiledModel, tasks: readonly TaskView[]): LabelledTask[] {
  const workflows = model.section<CompiledWorkflows>('workflows')?.all ?? [];
  return tasks.map((task) => {
    const label = workflows.find((w) => w.key === task.workflow)?.state(task.state)?.label;
    return label ? { ...task, stateText: label } : task;
  });
}

function workflowsOf(context: RecordContext): WorkflowModule {
  if (!context.workflows) throw LatticeError.notFound('Workflows on this node');
  return context.workflows;
}

/** The record API's workflow fields: a record's state and the transitions you may fire, firing one, your tasks and your units' queue, and the approval fields. */
export function workflowFields(version: () => ServedVersion): { query: Fields; mutation: Fields } {
  const access = (context: RecordContext) => context.accessFor(version());
  const first = { first: { type: GraphQLInt } };
  const approvals = approvalFields(version, WorkflowStatus);
  return {
    query: {
      ...approvals.query,
      workflowStatus: {
        type: WorkflowStatus,
        description: 'The record\'s state, the transitions you may fire and its history; null when it follows no workflow',
        args: { ...recordArgs, ...languageArg },
        resolve: (_r, a: Args, c, info) => workflowsOf(c).api.status(access(c), a['entity'] as string, a['id'] as string, a['language'] as string | null, selection.names(info)),
      },
      workflowEntities: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))),
        description: 'The entities that follow a workflow (in some unit): the ones whose records have a workflowStatus',
        resolve: (_r, _a, c) => (c.workflows ? c.workflows.api.entitiesWithWorkflows(access(c)) : []),
      },
      myTasks: { ...list(Task), description: 'Work assigned to you, overdue first', args: first, resolve: async (_r, a: Args, c) => labelled(version().model, await workflowsOf(c).queues.myTasks(access(c), (a['first'] as number | null) ?? 50)) },
      unitQueue: {
        ...list(Task),
        description: 'Unclaimed work for a role you hold, in your units, overdue first',
        args: { ...first, queue: { type: GraphQLString } },
        resolve: async (_r, a: Args, c) => labelled(version().model, await workflowsOf(c).queues.unitQueue(access(c), (a['first'] as number | null) ?? 50, (a['queue'] as string | null) ?? null)),
      },
      myNotifications: { ...list(Notification), description: 'Your in-app notifications, newest first', args: first, resolve: (_r, a: Args, c) => workflowsOf(c).notifications(access(c), (a['first'] as number | null) ?? 50) },
    },
    mutation: {
      ...approvals.mutation,
      fireTransition: {
        type: WorkflowStatus,
        description: 'Fires a transition: an update of the record through the write pipeline (its required fields in input), refused when it does not lead from the record\'s state, is not yours to fire, or its guard does not hold',
        args: { ...recordArgs, ...languageArg, version: { type: new GraphQLNonNull(GraphQLInt), description: 'The record version you read' }, transition: text, input: { type: SCALARS.JSON, description: 'Fields given with the transition, by name' }, comment: optionalText },
        resolve: (_r, a: Args, c, info) => workflowsOf(c).api.fire(access(c), a['entity'] as string, a['id'] as string, a as unknown as FireArgs, selection.names(info)),
      },
      claimTask: { type: new GraphQLNonNull(Task), args: { instanceId: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_r, a: Args, c) => workflowsOf(c).queues.claim(access(c), a['instanceId'] as string) },
      claimNextTask: { type: Task, description: 'The most overdue unclaimed task of your queue, claimed for you', args: { queue: { type: GraphQLString } }, resolve: (_r, a: Args, c) => workflowsOf(c).queues.claimNext(access(c), (a['queue'] as string | null) ?? null) },
      markNotificationRead: {
        type: new GraphQLNonNull(Notification),
        description: 'Marks one of your notifications read; NOT_FOUND for any other id (another user\'s too)',
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: (_r, a: Args, c) => workflowsOf(c).markNotificationRead(access(c), a['id'] as string),
      },
      markAllNotificationsRead: { type: new GraphQLNonNull(GraphQLInt), description: 'Marks all your unread notifications read; answers how many', resolve: (_r, _a, c) => workflowsOf(c).markAllNotificationsRead(access(c)) },
      releaseTask: { type: new GraphQLNonNull(Task), args: { instanceId: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_r, a: Args, c) => workflowsOf(c).queues.release(access(c), a['instanceId'] as string) },
    },
  };
}
