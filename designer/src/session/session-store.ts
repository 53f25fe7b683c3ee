import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AuthApi, Session } from './auth-api.js';

/** Kept in the browser's local storage so a reload stays signed in; the refresh token works once, then is replaced. */
const STORAGE_KEY = 'lattice.session';

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The signed-in session: sign-in, refresh, sign-out. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<Session | null>(readStored());
  let api: AuthApi | null = null;

  const store = (next: Session | null) => {
    session.value = next;
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  };

  return {
    session,
    user: computed(() => session.value?.user ?? null),
    signedIn: computed(() => session.value !== null),
    connect(authApi: AuthApi) {
      api = authApi;
    },
    async signIn(login: string, password: string) {
      store(await api!.signIn(login, password));
    },
    async signInWithCode(code: string) {
      store(await api!.exchangeCode(code));
    },
    signInOptions: () => api!.signInOptions(),
    /** The next token pair, or null (and signed out) when the session is over. */
    async refresh(): Promise<Session | null> {
      const current = session.value;
      if (!current) return null;
      try {
        store(await api!.refresh(current.refreshToken));
      } catch {
        store(null);
      }
      return session.value;
    },
    async signOut() {
      const current = session.value;
      store(null);
      if (current) await api!.signOut(current.refreshToken).catch(() => undefined);
    },
    /** The platform refused every token: back to sign-in. */
    ended() {
      store(null);
    },
  };
});
