/**
 * Secret redaction. Every secret hrflow reads (client secrets, refresh tokens, passwords, access
 * tokens it receives) is registered here the moment it is read, and every log line, error
 * message and artifact passes through {@link Redactor.redact} on its way out.
 */

const MASK = '***';

/** Query parameters and JSON keys whose values are always hidden, whatever their value. */
const SENSITIVE_KEY =
  /(password|passwd|secret|token|api[_-]?key|authorization|signature|cookie|^ssn$)/i;

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remembers a value that must never be printed. Values shorter than 4 characters are ignored. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.#secrets.add(secret);
  }

  /** The text with every registered secret and every sensitive `key=value` pair masked. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join(MASK);
    out = out.replace(
      /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
      (_match, scheme: string) => `${scheme} ${MASK}`,
    );
    out = out.replace(
      /([?&;,\s"']|^)([A-Za-z_]*?)=([^&\s"',;]+)/g,
      (match, lead: string, key: string) =>
        SENSITIVE_KEY.test(key) ? `${lead}${key}=${MASK}` : match,
    );
    out = out.replace(
      /("([A-Za-z_]+)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g,
      (match, head: string, key: string) => (SENSITIVE_KEY.test(key) ? `${head}"${MASK}"` : match),
    );
    return out;
  }

  /** Deep copy of a JSON-like value with secrets masked in every string and sensitive key. */
  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

/** The process-wide redactor used by the log sink and the artifact writers. */
export const redactor = new Redactor();
