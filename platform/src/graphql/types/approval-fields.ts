import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig, type GraphQLOutputType } from 'graphql';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import { LatticeError } from '../../errors/lattice-error.js';
import type { WorkflowModule } from '../../workflows/workflow-module.js';

type Fields = Record<string, GraphQLFieldConfig<unknown, RecordContext>>;
type Args = Record<string, unknown>;

const text = { type: new GraphQLNonNull(GraphQLString) };
const optionalText = { type: GraphQLString };
const int = { type: new GraphQLNonNull(GraphQLInt) };
const list = (type: GraphQLOutputType) => ({ type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))) });

const Decision = new GraphQLObjectType({
  name: 'WorkflowApprovalDecision',
  fields: { approverName: text, decision: { ...text, description: 'approve | reject' }, comment: optionalText, at: text, level: int, onBehalfOf: { ...optionalText, description: 'The approver a delegate decided for' } },
});

const StateOption = new GraphQLObjectType({ name: 'WorkflowStateOption', fields: { key: text, label: optionalText } });

export const WorkflowApproval = new GraphQLObjectType({
  name: 'WorkflowApproval',
  description: 'A pending approval of a record: the level it is at, who may decide, what was decided',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    entity: text,
    recordId: { type: new GraphQLNonNull(GraphQLID) },
    title: optionalText,
    workflow: text,
    state: text,
    stateLabel: optionalText,
    level: { ...int, description: 'The current level, 1-based' },
    levels: { ...int, description: 'How many levels the approval has' },
    levelKey: text,
    levelLabel: optionalText,
    mode: { ...text, description: 'anyOf | allOf, of the current level' },
    approverNames: { ...list(GraphQLString), description: 'Who may decide at the current level' },
    submittedByName: text,
    submittedAt: text,
    dueAt: optionalText,
    decisions: list(Decision),
    rejectTargets: { ...list(StateOption), description: 'The states a rejection may send the record back to' },
    canRecall: { type: new GraphQLNonNull(GraphQLBoolean), description: 'True for the submitter while no level has decided' },
  },
});

const Delegation = new GraphQLObjectType({
  name: 'WorkflowDelegation',
  description: 'Whom your approvals go to while you are away, and when',
  fields: { delegateName: text, delegateId: { type: new GraphQLNonNull(GraphQLID) }, from: text, until: text },
});

const Candidate = new GraphQLObjectType({
  name: 'WorkflowDelegateCandidate',
  description: 'Someone you may name as your delegate',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) }, name: text, login: text },
});

function workflowsOf(context: RecordContext): WorkflowModule {
  if (!context.workflows) throw LatticeError.notFound('Workflows on this node');
  return context.workflows;
}

const optional = (a: Args, name: string) => (a[name] as string | null | undefined) ?? null;

/** The record API's approval fields: the approval inbox, deciding, recalling, and the delegation while away. `status` is the WorkflowStatus type a decision answers. */
export function approvalFields(version: () => ServedVersion, status: GraphQLObjectType): { query: Fields; mutation: Fields } {
  const access = (context: RecordContext) => context.accessFor(version());
  return {
    query: {
      myApprovals: {
        ...list(WorkflowApproval),
        description: 'Approvals waiting for your decision (yours, or as the delegate of an approver who is away), oldest first',
        args: { first: { type: GraphQLInt } },
        resolve: (_r, a: Args, c) => workflowsOf(c).approvals.mine(access(c), (a['first'] as number | null) ?? 50),
      },
      delegateCandidates: {
        ...list(Candidate),
        description: 'The people you may delegate your approvals to: active colleagues in your units and the units above them, by name or login (at most first, 20 by default, up to 50)',
        args: { search: { type: GraphQLString }, first: { type: GraphQLInt } },
        resolve: (_r, a: Args, c) => workflowsOf(c).approvals.delegation.delegates(access(c), optional(a, 'search'), (a['first'] as number | null) ?? 20),
      },
      myApprovalDelegation: { type: Delegation, resolve: (_r, _a, c) => workflowsOf(c).approvals.delegation.get(access(c)) },
    },
    mutation: {
      decideApproval: {
        type: new GraphQLNonNull(status),
        description: 'Approves or rejects at the approval\'s current level (a rejection needs a comment, and goes back to one of its rejectTargets); CONFLICT when it was decided meanwhile',
        args: { id: { type: new GraphQLNonNull(GraphQLID) }, decision: text, comment: optionalText, rejectTo: optionalText },
        resolve: (_r, a: Args, c) => workflowsOf(c).approvals.decide(access(c), a['id'] as string, a['decision'] as string, optional(a, 'comment'), optional(a, 'rejectTo')),
      },
      recallApproval: {
        type: new GraphQLNonNull(status),
        description: 'The submitter takes the record back while no level has decided',
        args: { id: { type: new GraphQLNonNull(GraphQLID) }, comment: optionalText },
        resolve: (_r, a: Args, c) => workflowsOf(c).approvals.recall(access(c), a['id'] as string, optional(a, 'comment')),
      },
      setApprovalDelegation: {
        type: new GraphQLNonNull(Delegation),
        description: 'Names who decides your approvals while you are away, from and until (ISO 8601)',
        args: { delegateId: { type: new GraphQLNonNull(GraphQLID) }, from: text, until: text },
        resolve: (_r, a: Args, c) => workflowsOf(c).approvals.delegation.set(access(c), a['delegateId'] as string, a['from'] as string, a['until'] as string),
      },
      clearApprovalDelegation: { type: new GraphQLNonNull(GraphQLBoolean), resolve: (_r, _a, c) => workflowsOf(c).approvals.delegation.clear(access(c)) },
    },
  };
}
