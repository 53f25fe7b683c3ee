import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum that isolated modules cannot read: 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane; about 20 ms a hash),
 * by @node-rs/argon2, whose prebuilt binaries need no C toolchain at install.
 * Hashes are PHC strings, so those of any argon2 library verify. Verification
 * reads the parameters from the stored hash, so raising these later keeps old
 * hashes valid; `needsRehash` says when to upgrade one.
 */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  /** Verified against when a login does not exist, so an unknown login costs as long as a wrong password. */
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      // A malformed stored hash never signs anyone in.
      return false;
    }
  }

  /** Spends the time of one verification and answers false. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash('lattice-dummy-password-for-unknown-logins');
    await this.verify(await this.dummy, password);
    return false;
  }

  needsRehash(stored: string): boolean {
    try {
      const used = parseOptions(stored);
      return used.algorithm !== OPTIONS.algorithm || used.memoryCost < OPTIONS.memoryCost || used.timeCost < OPTIONS.timeCost || used.parallelism !== OPTIONS.parallelism;
    } catch {
      return true;
    }
  }
}
