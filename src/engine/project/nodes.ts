/**
 * The project as readonly data: every resource hrflow knows, each with a literal `kind`. The
 * loader builds these from files; compile and the runner only read them.
 */

/** `model.<package>.<name>`, `source.<package>.<source>.<table>`, `test.<package>.<name>.<hash>`. */
export type NodeId = string & { readonly __brand: 'NodeId' };

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'source' | 'exposure';

export type PiiTag =
  | 'email'
  | 'phone'
  | 'ssn'
  | 'dob'
  | 'home_address'
  | 'eeo'
  | 'name'
  | 'national_id'
  | 'compensation'
  | 'other';

/** A documented column. */
export interface ColumnSpec {
  readonly name: string;
  readonly description: string;
  readonly dataType?: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  /** Kind of personal data, from `pii:` or `meta.pii`. */
  readonly pii?: PiiTag;
}

/**
 * Resolved configuration of a node: folder defaults from the project file, then the properties
 * YAML, then the template's own `config()` call, later ones winning (tags and meta merge).
 * Keys are dbt's; unknown keys are kept for user macros.
 */
export type NodeConfig = Readonly<Record<string, unknown>> & {
  readonly enabled?: boolean;
  readonly materialized?: string;
  readonly schema?: string;
  readonly alias?: string;
  readonly database?: string;
  readonly tags?: readonly string[];
  readonly meta?: Readonly<Record<string, unknown>>;
};

/** Where a node came from. */
export interface Origin {
  /** File path relative to the project root, `/`-separated. */
  readonly path: string;
  /** The properties YAML that described it, when any. */
  readonly patchPath?: string;
}

interface NodeBase extends Origin {
  readonly id: NodeId;
  readonly name: string;
  readonly packageName: string;
  /** Package name, folders below the resource path, then the node name. */
  readonly fqn: readonly string[];
  readonly description: string;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  readonly config: NodeConfig;
  /** Tags from config and properties, deduplicated. */
  readonly tags: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A SQL model: a Nunjucks template rendering one SELECT. */
export interface ModelNode extends NodeBase {
  readonly kind: 'model';
  readonly rawCode: string;
  /** The `metric:` block of a gold model's properties, when it declares one. */
  readonly metric?: MetricSpec;
}

/** A snapshot: a SELECT whose history hrflow keeps as SCD Type 2. */
export interface SnapshotNode extends NodeBase {
  readonly kind: 'snapshot';
  readonly rawCode: string;
}

/** A CSV file loaded as a table. */
export interface SeedNode extends NodeBase {
  readonly kind: 'seed';
  /** Absolute path of the CSV file. */
  readonly csvPath: string;
  /** Hash of the file content, for state comparison. */
  readonly contentHash: string;
}

/** A data test: a query returning failing rows. */
export interface TestNode extends NodeBase {
  readonly kind: 'test';
  readonly testType: 'generic' | 'singular';
  /**
   * Generic tests whose name runs to 64 characters or more: the shorter name their stored
   * failures and compiled SQL go under, as dbt's alias for the same test.
   */
  readonly alias?: string;
  /** The SQL template: a singular test's file, or a generated call to a generic test macro. */
  readonly rawCode: string;
  /** The model, seed, snapshot or source the test is attached to. */
  readonly attachedNode?: NodeId;
  readonly columnName?: string;
  /** Generic tests: which macro and with which arguments. */
  readonly testMetadata?: {
    readonly name: string;
    readonly namespace?: string;
    readonly kwargs: Readonly<Record<string, unknown>>;
  };
}

/** A table that something other than hrflow's models writes (connector bronze tables). */
export interface SourceNode extends NodeBase {
  readonly kind: 'source';
  readonly sourceName: string;
  readonly tableName: string;
  readonly catalog: string;
  readonly schema: string;
  readonly identifier: string;
  readonly loadedAtField?: string;
  readonly freshness?: FreshnessSpec;
  readonly sourceDescription: string;
  /** Set when the source was derived from a connector spec in `sources/`. */
  readonly connector?: { readonly source: string; readonly stream: string };
}

/** A consumer of models, such as a dashboard page. */
export interface ExposureNode extends NodeBase {
  readonly kind: 'exposure';
  readonly label: string;
  readonly exposureType: string;
  readonly url?: string;
  readonly maturity?: string;
  readonly owner: Readonly<Record<string, unknown>>;
  /** `ref('x')` / `source('a','b')` strings as written. */
  readonly dependsOnRaw: readonly string[];
}

export type ProjectNode =
  ModelNode | SnapshotNode | SeedNode | TestNode | SourceNode | ExposureNode;

/** Nodes that are built by rendering a template. */
export type TemplatedNode = ModelNode | SnapshotNode | TestNode;

export interface FreshnessRule {
  readonly count: number;
  readonly period: 'minute' | 'hour' | 'day';
}

export interface FreshnessSpec {
  readonly warnAfter?: FreshnessRule;
  readonly errorAfter?: FreshnessRule;
  readonly filter?: string;
}

export interface MetricSpec {
  readonly id?: string;
  readonly label: string;
  readonly definition: string;
  readonly formula: string;
  readonly grain: string;
  readonly standard?: string;
  readonly unit?: string;
}

/** A macro file's source, compiled into the shared macro library. */
export interface MacroFile {
  /** Path relative to the project root, or `hrflow://` for built-in macros. */
  readonly path: string;
  readonly packageName: string;
  readonly source: string;
  /** Macro names the file defines, for lookups and suggestions. */
  readonly names: readonly string[];
}

/** `{% docs name %}…{% enddocs %}` blocks from Markdown files. */
export interface DocBlock {
  readonly name: string;
  readonly path: string;
  readonly content: string;
}

export function isTemplated(node: ProjectNode): node is TemplatedNode {
  return node.kind === 'model' || node.kind === 'snapshot' || node.kind === 'test';
}

export function nodeId(...parts: string[]): NodeId {
  return parts.join('.') as NodeId;
}
