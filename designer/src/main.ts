import { createApp } from 'vue';
import { createPinia } from 'pinia';
import urql from '@urql/vue';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { createConsoleRouter } from './router.js';
import { i18n } from './i18n/language.js';
import { createApiClient } from './api/graphql-client.js';
import { sessionFetch } from './api/session-fetch.js';
import { AuthApi } from './session/auth-api.js';
import { useSessionStore } from './session/session-store.js';
import { ADMIN_CLIENT } from './design/admin-client.js';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n);
const session = useSessionStore();
session.connect(new AuthApi(createApiClient('/auth/graphql', (input, init) => fetch(input, init))));
const router = createConsoleRouter(() => session.signedIn);
const fetchWithSession = sessionFetch({
  tokens: () => session.session,
  refresh: () => session.refresh(),
  ended: () => {
    session.ended();
    void router.push({ name: 'sign-in', query: { ended: '1' } });
  },
});
const records = createApiClient('/graphql', fetchWithSession);
app.provide(ADMIN_CLIENT, createApiClient('/admin/graphql', fetchWithSession));
app.use(urql, records).use(router).mount('#app');
