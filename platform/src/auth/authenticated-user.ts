/** Who made a request: the user and the session their access token belongs to. */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly sessionId: string;
  readonly login: string;
  readonly displayName: string;
}
