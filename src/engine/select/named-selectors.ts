/**
 * Named selectors: the `selectors:` block of selectors.yml or hrflow.config.yaml, checked against
 * `schemas/selectors.schema.json` and turned into selection trees. Every definition is parsed
 * when the file is read, and every `selector:` reference is resolved then, so a typo or a
 * reference cycle is reported with its file, line and column before any command runs.
 */
import { readFileSync } from 'node:fs';
import { HrflowError } from '../../core/errors.js';
import type { Location } from '../../core/errors.js';
import { didYouMean } from '../../core/nearest-name.js';
import { formatYamlPath, readYaml, validateYaml } from '../../core/yaml-file.js';
import type { YamlFile } from '../../core/yaml-file.js';
import { NO_NAMED_SELECTORS } from './named-selector-lookup.js';
import { parseMethod, parseSelection } from './parse-selector.js';
import { atomsOf, intersectionOf, unionOf } from './selector-tree.js';
import type {
  Depth,
  IndirectSelection,
  NamedSelector,
  NamedSelectors,
  SelectorAtom,
  SelectorExpr,
} from './selector-tree.js';

/** The JSON Schema of a `selectors:` block, for composing into other config schemas. */
export const SELECTORS_SCHEMA: object = JSON.parse(
  readFileSync(new URL('../../../schemas/selectors.schema.json', import.meta.url), 'utf8'),
) as object;

/**
 * Reads a `selectors:` block already parsed from `yaml`: `block` is the value of the key and `at`
 * its path in the file, so that every problem is reported at its line and column. An absent or
 * empty block means no named selectors. Throws `config-invalid` for a shape the schema rejects
 * and `selector-invalid` for a definition that does not parse or refers to an unknown selector.
 *
 * ```ts
 * const config = readYaml('hrflow.config.yaml');
 * const selectors = readNamedSelectors(config.data.selectors, config);
 * ```
 */
export function readNamedSelectors(
  block: unknown,
  yaml: YamlFile<unknown>,
  at: readonly (string | number)[] = ['selectors'],
): NamedSelectors {
  if (block === undefined || block === null) return NO_NAMED_SELECTORS;

  // Validate the block as a selectors.yml document whose one key stands for `at`.
  const view: YamlFile<unknown> = {
    file: yaml.file,
    data: { selectors: block },
    positionOf: (path) => yaml.positionOf([...at, ...path.slice(1)]),
  };
  const checked = validateYaml<SelectorsFile>(view, SELECTORS_SCHEMA, 'selectors');
  return buildSelectors(checked.data.selectors ?? [], yaml, at);
}

/** Reads and checks a selectors.yml file. */
export function loadSelectorsFile(path: string, displayPath: string = path): NamedSelectors {
  const yaml = validateYaml<SelectorsFile>(
    readYaml(path, displayPath),
    SELECTORS_SCHEMA,
    'selectors',
  );
  return buildSelectors(yaml.data.selectors ?? [], yaml, ['selectors']);
}

type YamlPath = readonly (string | number)[];

type Scalar = string | number | boolean;

interface SelectorsFile {
  readonly selectors?: readonly RawNamedSelector[];
}

interface RawNamedSelector {
  readonly name: string;
  readonly description?: string;
  readonly default?: boolean;
  readonly definition: RawDefinition;
}

type RawDefinition = string | RawUnion | RawIntersection | RawMethod | RawShorthand;

interface RawUnion {
  readonly union: readonly RawDefinition[];
}

interface RawIntersection {
  readonly intersection: readonly RawDefinition[];
}

interface RawMethod {
  readonly method: string;
  readonly value: Scalar;
  readonly parents?: boolean;
  readonly parents_depth?: number;
  readonly children?: boolean;
  readonly children_depth?: number;
  readonly childrens_parents?: boolean;
  readonly indirect_selection?: IndirectSelection;
  readonly exclude?: readonly RawDefinition[];
}

/** One key: a method name with its value, or `exclude` inside a union or intersection. */
type RawShorthand = Readonly<Record<string, Scalar | readonly RawDefinition[]>>;

/** A reference found in a definition, kept with its place to report it if unresolved. */
interface Reference {
  readonly from: string;
  readonly to: string;
  readonly path: YamlPath;
}

interface Reader {
  readonly yaml: YamlFile<unknown>;
  /** The selector being read, for messages. */
  readonly name: string;
  readonly references: Reference[];
}

function buildSelectors(
  entries: readonly RawNamedSelector[],
  yaml: YamlFile<unknown>,
  base: YamlPath,
): NamedSelectors {
  const byName = new Map<string, NamedSelector>();
  const references: Reference[] = [];
  let defaultName: string | undefined;

  entries.forEach((entry, i) => {
    const at = [...base, i];
    const location = locationOf(yaml, [...at, 'name']);
    const earlier = byName.get(entry.name);
    if (earlier) {
      throw new HrflowError('config-invalid', `selector '${entry.name}' is defined twice`, {
        location,
        hint: `Rename one of them; the first is at line ${earlier.location?.line ?? '?'}.`,
      });
    }
    if (entry.default === true && defaultName !== undefined) {
      throw new HrflowError(
        'config-invalid',
        `selectors '${defaultName}' and '${entry.name}' are both the default`,
        {
          location: locationOf(yaml, [...at, 'default']),
          hint: 'Mark at most one selector with default: true.',
        },
      );
    }
    if (entry.default === true) defaultName = entry.name;

    const reader: Reader = { yaml, name: entry.name, references };
    byName.set(entry.name, {
      name: entry.name,
      ...(entry.description === undefined ? {} : { description: entry.description }),
      isDefault: entry.default === true,
      definition: readDefinition(entry.definition, [...at, 'definition'], reader),
      location,
    });
  });

  checkReferences(byName, references, yaml);
  return { byName, defaultName };
}

function readDefinition(raw: RawDefinition, path: YamlPath, reader: Reader): SelectorExpr {
  if (typeof raw === 'string') return readCommandLine(raw, path, reader);
  if (isUnion(raw)) return readSet('union', raw.union, [...path, 'union'], reader);
  if (isIntersection(raw)) {
    return readSet('intersection', raw.intersection, [...path, 'intersection'], reader);
  }
  if (isMethod(raw)) return readMethod(raw, path, reader);
  return readShorthand(raw, path, reader);
}

// The schema has already told the four mapping forms apart by their keys; these guards only
// carry that knowledge into the types.
function isUnion(raw: Exclude<RawDefinition, string>): raw is RawUnion {
  return Object.hasOwn(raw, 'union');
}

function isIntersection(raw: Exclude<RawDefinition, string>): raw is RawIntersection {
  return Object.hasOwn(raw, 'intersection');
}

function isMethod(raw: Exclude<RawDefinition, string>): raw is RawMethod {
  return Object.hasOwn(raw, 'method');
}

function readCommandLine(text: string, path: YamlPath, reader: Reader): SelectorExpr {
  const expr = parseSelection(text, {
    label: `selector '${reader.name}'`,
    location: locationOf(reader.yaml, path),
  });
  for (const atom of atomsOf(expr)) {
    if (atom.method.kind === 'selector') {
      reader.references.push({ from: reader.name, to: atom.method.name, path });
    }
  }
  return expr;
}

/** A union or intersection list, where one item may be `exclude: [...]`. */
function readSet(
  kind: 'union' | 'intersection',
  items: readonly RawDefinition[],
  path: YamlPath,
  reader: Reader,
): SelectorExpr {
  const included: SelectorExpr[] = [];
  let excluded: SelectorExpr | undefined;
  items.forEach((item, i) => {
    const exclusions = exclusionsOf(item);
    if (exclusions === undefined) {
      included.push(readDefinition(item, [...path, i], reader));
      return;
    }
    if (excluded !== undefined) {
      fail(
        reader,
        [...path, i],
        `a ${kind} list may hold only one exclude item`,
        'Put every exclusion in the one exclude list.',
      );
    }
    excluded = readExclusions(exclusions, [...path, i, 'exclude'], reader);
  });

  if (included.length === 0) {
    fail(
      reader,
      path,
      `a ${kind} list needs at least one item besides exclude`,
      'Add the selectors to exclude from.',
    );
  }
  const combined = kind === 'union' ? unionOf(included) : intersectionOf(included);
  return excluded === undefined
    ? combined
    : { kind: 'difference', include: combined, exclude: excluded };
}

function readMethod(raw: RawMethod, path: YamlPath, reader: Reader): SelectorExpr {
  const method = parseMethod(raw.method, String(raw.value), (part, problem, hint) =>
    fail(reader, [...path, part], problem, hint),
  );
  if (method.kind === 'selector') {
    reader.references.push({ from: reader.name, to: method.name, path: [...path, 'value'] });
  }

  const parents = depthOf(raw.parents, raw.parents_depth, 'parents', path, reader);
  const children = depthOf(raw.children, raw.children_depth, 'children', path, reader);
  if (raw.childrens_parents === true && parents !== undefined) {
    fail(
      reader,
      [...path, 'childrens_parents'],
      'childrens_parents cannot be combined with parents',
      '@m already adds the ancestors of the descendants; drop one of them.',
    );
  }

  const atom: SelectorAtom = {
    kind: 'atom',
    method,
    ...(parents === undefined ? {} : { parents }),
    ...(children === undefined ? {} : { children }),
    childrensParents: raw.childrens_parents === true,
    ...(raw.indirect_selection === undefined ? {} : { indirectSelection: raw.indirect_selection }),
  };
  if (raw.exclude === undefined) return atom;
  return {
    kind: 'difference',
    include: atom,
    exclude: readExclusions(raw.exclude, [...path, 'exclude'], reader),
  };
}

function readShorthand(raw: RawShorthand, path: YamlPath, reader: Reader): SelectorExpr {
  const [entry] = Object.entries(raw);
  const [key, value] = entry ?? ['', ''];
  if (typeof value === 'object' || key === 'exclude') {
    return fail(
      reader,
      [...path, key],
      'exclude belongs inside a union or intersection list, or beside method and value',
      'Write union: [<selectors>, exclude: [...]] or method, value and exclude together.',
    );
  }
  const method = parseMethod(key, String(value), (_, problem, hint) =>
    fail(reader, [...path, key], problem, hint),
  );
  if (method.kind === 'selector') {
    reader.references.push({ from: reader.name, to: method.name, path: [...path, key] });
  }
  return { kind: 'atom', method, childrensParents: false };
}

function readExclusions(
  items: readonly RawDefinition[],
  path: YamlPath,
  reader: Reader,
): SelectorExpr {
  return unionOf(items.map((item, i) => readDefinition(item, [...path, i], reader)));
}

/** `parents: true` reaches every ancestor; a depth limits it and implies `parents`. */
function depthOf(
  enabled: boolean | undefined,
  depth: number | undefined,
  what: 'parents' | 'children',
  path: YamlPath,
  reader: Reader,
): Depth | undefined {
  if (enabled === false && depth !== undefined) {
    fail(
      reader,
      [...path, `${what}_depth`],
      `${what}_depth is set but ${what} is false`,
      `Set ${what}: true or remove ${what}_depth.`,
    );
  }
  if (depth !== undefined) return depth;
  return enabled === true ? 'all' : undefined;
}

function exclusionsOf(item: RawDefinition): readonly RawDefinition[] | undefined {
  if (typeof item === 'string' || isUnion(item) || isIntersection(item) || isMethod(item)) {
    return undefined;
  }
  const list = item.exclude;
  return Object.keys(item).length === 1 && typeof list === 'object' ? list : undefined;
}

/** Every reference names a defined selector, and no selector reaches itself through them. */
function checkReferences(
  byName: ReadonlyMap<string, NamedSelector>,
  references: readonly Reference[],
  yaml: YamlFile<unknown>,
): void {
  for (const ref of references) {
    if (byName.has(ref.to)) continue;
    throw new HrflowError(
      'selector-invalid',
      `selector '${ref.from}' refers to unknown selector '${ref.to}'.${didYouMean(ref.to, byName.keys())}`,
      {
        location: locationOf(yaml, ref.path),
        hint: `Defined selectors: ${[...byName.keys()].join(', ')}.`,
      },
    );
  }

  const edges = new Map<string, string[]>();
  for (const ref of references) edges.set(ref.from, [...(edges.get(ref.from) ?? []), ref.to]);
  const done = new Set<string>();
  const visit = (name: string, trail: readonly string[]): void => {
    if (trail.includes(name)) {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const where = byName.get(name)?.location;
      throw new HrflowError(
        'selector-invalid',
        `selector '${name}' refers to itself: ${cycle.join(' -> ')}`,
        {
          ...(where ? { location: where } : {}),
          hint: 'Break the cycle of selector: references.',
        },
      );
    }
    if (done.has(name)) return;
    for (const next of edges.get(name) ?? []) visit(next, [...trail, name]);
    done.add(name);
  };
  for (const name of byName.keys()) visit(name, []);
}

function fail(reader: Reader, path: YamlPath, problem: string, hint: string): never {
  throw new HrflowError('selector-invalid', `selector '${reader.name}': ${problem}`, {
    location: locationOf(reader.yaml, path),
    hint,
  });
}

function locationOf(yaml: YamlFile<unknown>, path: YamlPath): Location {
  const position = yaml.positionOf(path);
  return {
    file: yaml.file,
    ...(position ? { line: position.line, column: position.column } : {}),
    yamlPath: formatYamlPath(path),
  };
}
