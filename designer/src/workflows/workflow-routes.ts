import type { RouteRecordRaw } from 'vue-router';

/** The work screens inside the console's shell, each its own chunk. */
export const workflowRoutes: RouteRecordRaw[] = [
  { path: 'tasks', name: 'tasks', component: () => import('./TaskListPage.vue'), props: { kind: 'mine' } },
  { path: 'queue', name: 'queue', component: () => import('./TaskListPage.vue'), props: { kind: 'queue' } },
  { path: 'approvals', name: 'approvals', component: () => import('./ApprovalInbox.vue') },
];
