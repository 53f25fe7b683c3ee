import { EncryptJWT, jwtDecrypt } from 'jose';

/** What the callback must find again: the values sent to the provider for this browser's login. */
export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export const LOGIN_COOKIE = 'lattice_oidc';
const LOGIN_SECONDS = 600;

/**
 * The pending login travels in an encrypted (A256GCM), HttpOnly cookie
 * scoped to /auth/oidc: any node can finish the login, nothing is stored
 * server-side, and the state is bound to the browser that started it (a
 * callback with someone else's code and state fails: login CSRF).
 */
export async function sealPendingLogin(key: Uint8Array, login: PendingLogin): Promise<string> {
  return new EncryptJWT({ ...login })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${LOGIN_SECONDS}s`)
    .encrypt(key);
}

export async function openPendingLogin(key: Uint8Array, sealed: string | undefined): Promise<PendingLogin | undefined> {
  if (!sealed) return undefined;
  try {
    const { payload } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    const { state, nonce, codeVerifier } = payload as Record<string, unknown>;
    return typeof state === 'string' && typeof nonce === 'string' && typeof codeVerifier === 'string' ? { state, nonce, codeVerifier } : undefined;
  } catch {
    return undefined;
  }
}

export function loginCookieHeader(value: string, secure: boolean): string {
  return `${LOGIN_COOKIE}=${value}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${value ? LOGIN_SECONDS : 0}${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
