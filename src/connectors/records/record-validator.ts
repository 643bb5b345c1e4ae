/**
 * Per-record JSON Schema checks: the edge where API payloads become trusted. A record that fails
 * is not an error for the sync: it goes to `bronze._quarantine` with the reason and the sync
 * goes on. Reasons name fields and rules, never the values (which may be personal data).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { HrflowError } from '../../core/errors.js';

const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

export interface RecordValidator {
  /** Undefined when the record is valid, else why not. */
  check(record: unknown): string | undefined;
}

const acceptAll: RecordValidator = {
  check: (record) =>
    record !== null && typeof record === 'object' && !Array.isArray(record)
      ? undefined
      : 'a record must be a JSON object',
};

export function createRecordValidator(
  schema: Readonly<Record<string, unknown>> | undefined,
  where: string,
): RecordValidator {
  if (!schema) return acceptAll;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (cause) {
    throw new HrflowError(
      'source-spec-invalid',
      `${where}: the record schema does not compile: ${(cause as Error).message}`,
      {
        cause,
        hint: "Fix the JSON Schema under the stream's schema: key.",
      },
    );
  }
  return {
    check(record) {
      const shape = acceptAll.check(record);
      if (shape) return shape;
      if (validate(record)) return undefined;
      return (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '(record)'} ${e.message ?? 'is invalid'}`)
        .join('; ');
    },
  };
}
