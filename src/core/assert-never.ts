import { InternalError } from './errors.js';

/**
 * The last line of an exhaustive `switch`: the call only type-checks when every case is handled,
 * and reaching it at run time means a value slipped past the types.
 */
export function assertNever(value: never, what: string): never {
  throw new InternalError(`unhandled ${what}: ${JSON.stringify(value)}`);
}
