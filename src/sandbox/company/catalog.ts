/**
 * Greenhouse's configuration lists: sources, rejection reasons and close reasons. They exist
 * from before the recruiting window and never change.
 */
import type { SimTime } from '../time.js';
import { idAt } from './ids.js';
import type { CloseReason, RejectionReason, Source } from './model.js';
import {
  CLOSE_REASONS,
  REJECTION_REASONS,
  REJECTION_TYPES,
  SOURCES,
} from './vocabulary/recruiting.js';

export interface Catalog {
  readonly sources: readonly Source[];
  readonly rejectionReasons: readonly RejectionReason[];
  readonly closeReasons: readonly CloseReason[];
  /** Source type names to their ids, in first-seen order. */
  readonly sourceTypes: ReadonlyMap<string, number>;
}

export function buildCatalog(createdAt: SimTime): Catalog {
  const sourceTypes = new Map<string, number>();
  for (const spec of SOURCES) {
    if (!sourceTypes.has(spec.type)) sourceTypes.set(spec.type, sourceTypes.size + 1);
  }
  const sources = SOURCES.map((spec, index): Source => ({
    id: idAt('source', index),
    spec,
    typeId: sourceTypes.get(spec.type) ?? 0,
    createdAt,
    updatedAt: createdAt,
  }));
  const rejectionReasons = REJECTION_REASONS.map((reason, index): RejectionReason => ({
    id: idAt('rejectionReason', index),
    cause: reason.cause,
    name: reason.name,
    typeKey: reason.type,
    typeId: REJECTION_TYPES.findIndex((type) => type.key === reason.type) + 1,
    createdAt,
    updatedAt: createdAt,
  }));
  const closeReasons = CLOSE_REASONS.map((reason, index): CloseReason => ({
    id: idAt('closeReason', index),
    cause: reason.cause,
    name: reason.name,
    createdAt,
    updatedAt: createdAt,
  }));
  return { sources, rejectionReasons, closeReasons, sourceTypes };
}
