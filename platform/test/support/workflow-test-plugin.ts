import { definePlugin, PLUGIN_API_VERSION, type WorkflowActionContext } from '@lattice/runtime';

/** What the test plugin's workflow action was called with, in order. */
export const actionCalls: WorkflowActionContext[] = [];

/**
 * A plugin for workflow tests: an after-persist hook that fails a
 * complaint's write when its return-visit note says so (the transition rolls
 * back after it wrote its outbox rows), and a workflow action that records
 * its calls.
 */
export const workflowTestPlugin = definePlugin({
  key: 'test-workflows',
  apiVersion: PLUGIN_API_VERSION,
  hooks: [
    {
      key: 'fail-after-transition',
      entity: 'complaint',
      verbs: ['update'],
      step: 'afterPersist',
      run: ({ record }) => {
        if (record['returnVisitNote'] === 'fail after the transition') throw new Error('the hook fails on purpose');
      },
    },
  ],
  workflowActions: [{ name: 'test.record', run: (context) => void actionCalls.push(context) }],
});
