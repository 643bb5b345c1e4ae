/**
 * What the documentation site shows, as one JSON value: `hrflow docs generate` builds it from the
 * artifacts and writes it into `data.js`, and the browser app reads it from a global. Types only,
 * shared by both sides.
 */
import type { NodeLineage } from './lineage/column-lineage.js';
import type { NamedSelector } from '../engine/select/selector-tree.js';

/** The global `data.js` assigns, because browsers refuse to fetch local JSON from `file://`. */
export const SITE_DATA_GLOBAL = 'HRFLOW_DOCS';

/** Kinds of resource the site has pages for. */
export const SITE_KINDS = ['source', 'seed', 'model', 'snapshot', 'test', 'exposure'] as const;
/** One of {@link SITE_KINDS}. */
export type SiteKind = (typeof SITE_KINDS)[number];

/** Medallion layers, left to right as data flows; `other` for what fits none. */
export const LAYERS = ['source', 'bronze', 'silver', 'gold', 'other', 'exposure'] as const;
/** One of {@link LAYERS}. */
export type Layer = (typeof LAYERS)[number];

/** Everything the site shows. */
export interface SiteData {
  readonly project: {
    readonly name: string;
    /** When the site was generated, ISO 8601. */
    readonly generatedAt: string;
    /** The tool that wrote the manifest, `hrflow-0.1.0` or a dbt version. */
    readonly generator: string;
    /** Which artifacts were found; the site says what is missing rather than showing blanks. */
    readonly artifacts: {
      readonly catalog: boolean;
      readonly runResults: boolean;
      readonly sources: boolean;
    };
    /** When the last run and the last freshness check finished, ISO 8601. */
    readonly lastRunAt?: string;
    readonly freshnessCheckedAt?: string;
  };
  readonly nodes: readonly SiteNode[];
  /** Column lineage of models and snapshots, by node id. */
  readonly lineage: Readonly<Record<string, NodeLineage>>;
  /** Named selectors of the project, already parsed, for the graph's selector box. */
  readonly selectors: readonly NamedSelector[];
}

/** A column as the warehouse has it and the properties document it, merged by name. */
export interface SiteColumn {
  readonly name: string;
  /** Type in the warehouse (catalog) or, failing that, as documented. */
  readonly type?: string;
  readonly description: string;
  /** Kind of personal data: `email`, `eeo`, … */
  readonly pii?: string;
  readonly tags: readonly string[];
  /** Ids of tests on this column. */
  readonly tests: readonly string[];
  /** False for a column the properties document but the warehouse does not have. */
  readonly inWarehouse: boolean;
  /** False for a column the warehouse has but the properties do not document. */
  readonly documented: boolean;
}

/** How the node fared in the last run recorded in `run_results.json`. */
export interface LastRun {
  readonly status: string;
  readonly message: string;
  readonly executionTime: number;
  readonly completedAt?: string;
  readonly failures?: number;
}

/** A source's freshness rule and the last check's verdict. */
export interface FreshnessState {
  readonly status: string;
  readonly maxLoadedAt?: string;
  readonly ageSeconds?: number;
  readonly checkedAt?: string;
  readonly error?: string;
  readonly warnAfter?: string;
  readonly errorAfter?: string;
}

/** A gold model's `metric:` block, as the metric catalogue lists it. */
export interface MetricDefinition {
  readonly label: string;
  readonly definition: string;
  readonly formula: string;
  readonly grain: string;
  readonly standard?: string;
  readonly unit?: string;
}

/** One resource page. */
export interface SiteNode {
  readonly id: string;
  readonly kind: SiteKind;
  readonly name: string;
  /** How lists and the graph name it: `gold.turnover`, `workday.workers`. */
  readonly label: string;
  readonly packageName: string;
  readonly fqn: readonly string[];
  /** The defining file, relative to the project root. */
  readonly path: string;
  readonly patchPath?: string;
  readonly layer: Layer;
  /** Folders between the resource folder and the file, `/`-joined; `''` at the top. */
  readonly folder: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly checksum: string;
  readonly relation?: string;
  readonly database?: string;
  readonly schema?: string;
  readonly columns: readonly SiteColumn[];
  readonly dependsOn: readonly string[];
  readonly rawCode?: string;
  readonly compiledCode?: string;
  readonly rowCount?: number;
  /** `BASE TABLE` or `VIEW`, from the catalog. */
  readonly tableType?: string;
  readonly lastRun?: LastRun;
  /** Ids of tests attached to this node. */
  readonly tests: readonly string[];
  readonly metric?: MetricDefinition;
  readonly source?: {
    readonly sourceName: string;
    readonly sourceDescription: string;
    readonly loadedAtField?: string;
    readonly freshness?: FreshnessState;
  };
  readonly test?: {
    readonly attachedNode?: string;
    readonly columnName?: string;
    readonly testName?: string;
    readonly kwargs?: Readonly<Record<string, unknown>>;
    readonly severity?: string;
  };
  readonly exposure?: {
    readonly type: string;
    readonly label: string;
    readonly url?: string;
    readonly maturity?: string;
    readonly owner: Readonly<Record<string, unknown>>;
  };
}
