/** Who is asking: a signed-in person, a verified bearer token, or the local CLI. */
import type { AttributeValue } from '../config/serve-config.js';

export interface User {
  readonly name: string;
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** How the request proved who it is; CSRF checks apply to `session` only. */
  readonly via: 'session' | 'bearer' | 'local-token';
}
