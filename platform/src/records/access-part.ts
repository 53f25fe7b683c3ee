import { LatticeError } from '../errors/lattice-error.js';
import type { AccessParts } from './access-parts.js';

/**
 * The typed name of a module's verbs on the access point (shares and
 * serve-anywhere, quotes, the audit log): a resolver asks the access point
 * for `part(SHARING)` and gets what the module registered, made from the
 * request's own guard, reader and read log, so the module checks exactly
 * what the access point checks. The access point knows no module by name.
 */
export interface AccessPart<T> {
  readonly key: string;
  /** Never set: carries the part's type. */
  readonly type?: T;
}

export function accessPart<T>(key: string): AccessPart<T> {
  return { key };
}

type MakePart = (parts: AccessParts) => unknown;

/**
 * The modules' parts a deployment serves, handed to every access point by
 * the composition root (`app/`); each is made once per access point, on
 * first use.
 */
export class AccessPartRegistry {
  readonly #makers: ReadonlyMap<AccessPart<unknown>, MakePart>;

  private constructor(makers: ReadonlyMap<AccessPart<unknown>, MakePart>) {
    this.#makers = makers;
  }

  static empty(): AccessPartRegistry {
    return new AccessPartRegistry(new Map());
  }

  /** A registry with `part` made by `make` too; a second maker for one key is a wiring mistake and stops the start. */
  with<T>(part: AccessPart<T>, make: (parts: AccessParts) => T): AccessPartRegistry {
    if ([...this.#makers.keys()].some((known) => known.key === part.key)) throw new Error(`Access part "${part.key}" is registered twice`);
    return new AccessPartRegistry(new Map([...this.#makers, [part as AccessPart<unknown>, make as MakePart]]));
  }

  /** Makes the part for one access point; NOT_FOUND when this deployment serves no such module. */
  make<T>(part: AccessPart<T>, parts: AccessParts): T {
    const make = this.#makers.get(part as AccessPart<unknown>);
    if (!make) throw LatticeError.notFound(`The ${part.key} module on this platform`);
    return make(parts) as T;
  }
}
