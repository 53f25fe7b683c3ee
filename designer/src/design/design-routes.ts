import type { RouteRecordRaw } from 'vue-router';

/** The designer's screens: chunks of their own, fetched only when an admin opens the designer. */
export const designRoutes: RouteRecordRaw[] = [
  {
    path: '/design',
    component: () => import('./shell/DesignerShell.vue'),
    children: [
      { path: '', redirect: { name: 'design-entities' } },
      { path: 'entities/:entity?', name: 'design-entities', component: () => import('./entities/EntityEditor.vue'), props: true },
      { path: 'forms/:form?', name: 'design-forms', component: () => import('./forms/FormDesigner.vue'), props: true },
      { path: 'views/:view?', name: 'design-views', component: () => import('./views/ViewEditor.vue'), props: true },
      { path: 'layers/:layer?', name: 'design-layers', component: () => import('./layers/LayerEditor.vue'), props: true },
      { path: 'workflows/:workflow?', name: 'design-workflows', component: () => import('./workflows/WorkflowEditor.vue'), props: true },
      { path: 'roles/:role?', name: 'design-roles', component: () => import('./roles/RolesEditor.vue'), props: true },
      { path: 'publish', name: 'design-publish', component: () => import('./publish/PublishPage.vue') },
      { path: 'yaml/:section?/:documentKey?', name: 'design-yaml', component: () => import('./yaml/YamlPage.vue'), props: true },
    ],
  },
];
