/**
 * Looking up named selectors once they are read. Pure, unlike reading them from YAML
 * (`named-selectors.ts`), so that evaluation can run where no file system is.
 */
import { HrflowError } from '../../core/errors.js';
import { didYouMean } from '../../core/nearest-name.js';
import type { NamedSelector, NamedSelectors } from './selector-tree.js';

/** A project without named selectors. */
export const NO_NAMED_SELECTORS: NamedSelectors = { byName: new Map(), defaultName: undefined };

/** The named selector, or `selector-invalid` naming the closest defined name. */
export function namedSelector(selectors: NamedSelectors, name: string): NamedSelector {
  const found = selectors.byName.get(name);
  if (found) return found;
  const known = [...selectors.byName.keys()];
  throw new HrflowError(
    'selector-invalid',
    `unknown selector '${name}'.${didYouMean(name, known)}`,
    {
      hint:
        known.length > 0
          ? `Defined selectors: ${known.join(', ')}.`
          : 'No selectors are defined; add them under `selectors:` in selectors.yml or hrflow.config.yaml.',
    },
  );
}
