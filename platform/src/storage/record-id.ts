import { LatticeError } from '../errors/lattice-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs; anything else is a bad request, said before the database is asked. */
export function assertId(id: unknown, path: string): asserts id is string {
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw LatticeError.invalidInput(path, `"${String(id)}" is not a record id`, 'Record ids look like 3f2b8c4e-1d2a-4c5b-9e8f-0a1b2c3d4e5f');
  }
}
