import { compileModel } from '../../compile/compile-model.js';
import type { CompiledModel } from '../../compile/compiled-model.js';
import { createBuiltinRegistry } from '../../field-types/builtin-field-types.js';
import type { Checked } from '../../problems/problem.js';

/** A small complaint entity for workflow tests: illustrative fields and figures, not the flagship example. */
export const complaintEntities = [
  {
    kind: 'entity',
    key: 'complaint',
    name: 'Complaint',
    fields: [
      { key: 'title', name: 'title', type: 'text', required: true, maxLength: 100 },
      { key: 'status', name: 'status', type: 'text', maxLength: 30 },
      { key: 'severity', name: 'severity', type: 'picklist', options: [{ value: 'low' }, { value: 'high' }] },
      { key: 'resolution', name: 'resolution', type: 'text', maxLength: 500 },
      { key: 'satisfaction', name: 'satisfaction', type: 'integer', min: 1, max: 5 },
    ],
  },
];

/** The workflow the tests start from; each test changes what it needs. */
export function complaintWorkflow(): Record<string, unknown> {
  return {
    kind: 'workflow',
    key: 'complaint_handling',
    entity: 'complaint',
    stateField: 'status',
    initial: 'new',
    clockStops: ['waiting_customer'],
    queues: [{ key: 'complaint_desk', role: 'agent' }],
    states: [
      { key: 'new', timeLimit: { hours: 2, warnAt: 0.75, escalate: [{ to: 'assigneeSupervisor' }] }, onEnter: [{ assign: { queue: 'complaint_desk' } }] },
      { key: 'acknowledged', timeLimit: { hours: 24, escalate: [{ to: 'assigneeSupervisor' }, { to: 'unitHeadAbove' }], repeatEveryHours: 4 } },
      { key: 'waiting_customer' },
      { key: 'resolved' },
      { key: 'closed', final: true },
    ],
    transitions: [
      { key: 'acknowledge', from: 'new', to: 'acknowledged', allow: { roles: ['agent'] } },
      { key: 'ask_customer', from: 'acknowledged', to: 'waiting_customer' },
      { key: 'customer_replied', from: 'waiting_customer', to: 'acknowledged' },
      { key: 'resolve', from: 'acknowledged', to: 'resolved', required: ['resolution'], guard: { all: [{ fact: 'severity', operator: 'notEqual', value: null }] }, guardMessage: 'Set the severity first' },
      { key: 'close', from: 'resolved', to: 'closed', required: ['satisfaction'], actions: [{ notify: { to: 'owner', message: 'Your complaint is closed' } }] },
    ],
  };
}

export function compileWorkflows(sections: Record<string, unknown>): Checked<CompiledModel> {
  return compileModel({ entities: complaintEntities, ...sections }, createBuiltinRegistry());
}
