import { createRouter, createWebHistory } from 'vue-router';
import { designRoutes } from './design/design-routes.js';
import { workflowRoutes } from './workflows/workflow-routes.js';

/** Routes, each screen its own chunk; everything but sign-in needs a session. */
export function createConsoleRouter(signedIn: () => boolean) {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: () => import('./session/SignInPage.vue'), meta: { public: true } },
      {
        path: '/',
        component: () => import('./shell/ConsoleShell.vue'),
        children: [
          { path: '', name: 'home', component: () => import('./shell/HomePage.vue') },
          { path: 'records/:entity', name: 'list', component: () => import('./lists/EntityListPage.vue'), props: true },
          // Record pages and global search.
          { path: 'records/:entity/:id', name: 'record', component: () => import('./records/RecordPage.vue'), props: true },
          { path: 'records/:entity/:id/overview', name: 'overview', component: () => import('./overview/RecordOverview.vue'), props: true },
          { path: 'search', name: 'search', component: () => import('./search/SearchPage.vue'), props: (route) => ({ q: String(route.query['q'] ?? '') }) },
          // My tasks, my unit's queue, the approval inbox.
          ...workflowRoutes,
        ],
      },
      // The designer: its own shell and chunks.
      ...designRoutes,
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });
  router.beforeEach((to) => {
    if (!to.meta['public'] && !signedIn()) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    return true;
  });
  return router;
}
