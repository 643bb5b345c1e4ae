/**
 * Materialization settings, spelled as dbt spells them in `config()` and YAML so a project moves
 * between dbt and hrflow unchanged. The loader validates shapes against the JSON Schema; the
 * rules a schema cannot express (a key that must name a column, two settings that exclude each
 * other) are checked when a materialization starts, as `config-invalid` errors.
 */

/** A view takes no materialization settings; other keys of the node's config are ignored. */
export type ViewConfig = Readonly<Record<string, unknown>>;

/** A table takes no materialization settings; other keys of the node's config are ignored. */
export type TableConfig = Readonly<Record<string, unknown>>;

/** How an incremental model folds its new rows into the table; see `incremental_strategy`. */
export type IncrementalStrategy = 'append' | 'merge' | 'delete+insert' | 'insert_overwrite';

/** What an incremental model does when its columns drift; see `on_schema_change`. */
export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';

/**
 * What to do when the new rows hold several rows for one key where only one can apply (the
 * `merge` strategy, snapshots). DuckDB's MERGE would silently apply all of them, so hrflow never
 * lets that reach the warehouse.
 */
export type DuplicateKeyPolicy =
  /** Stop with an error naming the key and example duplicate values (the default). */
  | 'fail'
  /**
   * Keep one row per key: the greatest `dedupe_by` value, ties broken by comparing the remaining
   * columns, so the same input always keeps the same row.
   */
  | 'latest';

/** Settings of an `incremental` model. */
export interface IncrementalConfig {
  /**
   * How new rows reach the existing table. Default: `delete+insert` when `unique_key` is set,
   * otherwise `append` (dbt-duckdb's default).
   * - `append`: insert every new row.
   * - `merge`: update rows whose key matches, insert the others; without `unique_key` it appends.
   * - `delete+insert`: delete rows whose key appears among the new rows, then insert them all.
   *   The key need not be unique (a date key replaces whole days).
   * - `insert_overwrite`: delete the rows the new rows replace, then insert them. With
   *   `partition_by`, the replaced rows are those whose partition values appear among the new
   *   rows (NULL is a partition value like any other); with `incremental_predicates` only rows
   *   matching them too; with neither, every existing row.
   */
  readonly incremental_strategy?: IncrementalStrategy;
  /** Column or columns identifying a row. Rows whose key has a NULL never match. */
  readonly unique_key?: string | readonly string[];
  /**
   * How to treat columns of the new rows that differ from the table's (dbt semantics):
   * - `ignore` (default): write only the table's columns; a table column the new rows lack is
   *   a `schema-changed` error.
   * - `fail`: any added, removed or retyped column is a `schema-changed` error naming them.
   * - `append_new_columns`: add new columns; removed ones stay and get NULL in new rows.
   * - `sync_all_columns`: add new columns, drop removed ones and change retyped ones.
   */
  readonly on_schema_change?: OnSchemaChange;
  /** `merge` only: update just these columns of matched rows. Excludes `merge_exclude_columns`. */
  readonly merge_update_columns?: readonly string[];
  /** `merge` only: update every column of matched rows except these. */
  readonly merge_exclude_columns?: readonly string[];
  /**
   * SQL conditions that narrow which existing rows a strategy may touch, for speed on large
   * tables. Refer to the existing table as `DBT_INTERNAL_DEST` and, in `merge`, to the new rows
   * as `DBT_INTERNAL_SOURCE`.
   */
  readonly incremental_predicates?: readonly string[];
  /** `insert_overwrite` only: the columns whose values name a partition. */
  readonly partition_by?: string | readonly string[];
  /**
   * Pins full refresh for this model: `true` always rebuilds it, `false` never does, even under
   * `--full-refresh`. Unset follows the flag.
   */
  readonly full_refresh?: boolean;
  /** `merge` with `unique_key` only: several new rows for one key. Default `fail`. */
  readonly dedupe?: DuplicateKeyPolicy;
  /** With `dedupe: latest`: the column whose greatest value wins. Required there. */
  readonly dedupe_by?: string;
}

/** What a snapshot does about keys that vanish from its source; see `hard_deletes`. */
export type HardDeletes = 'ignore' | 'invalidate' | 'new_record';

/** Names of a snapshot's bookkeeping columns; each defaults to its key. */
export interface SnapshotMetaColumnNames {
  readonly dbt_scd_id?: string;
  readonly dbt_updated_at?: string;
  readonly dbt_valid_from?: string;
  readonly dbt_valid_to?: string;
  readonly dbt_is_deleted?: string;
}

interface SnapshotConfigBase {
  /** Column or columns identifying a source row; must be unique and not null in the source. */
  readonly unique_key: string | readonly string[];
  /**
   * Keys that vanish from the source:
   * - `ignore` (default): their current version stays current.
   * - `invalidate`: their current version is closed at the snapshot time.
   * - `new_record`: closed, and a deletion version (`dbt_is_deleted = 'True'`) starts then.
   */
  readonly hard_deletes?: HardDeletes;
  /** Legacy spelling of `hard_deletes: invalidate`; setting both is an error. */
  readonly invalidate_hard_deletes?: boolean;
  /**
   * SQL expression for `dbt_valid_to` of current versions instead of NULL, such as
   * `'9999-12-31'`. Versions written as NULL earlier are still read as current.
   */
  readonly dbt_valid_to_current?: string;
  /** Renames the bookkeeping columns. */
  readonly snapshot_meta_column_names?: SnapshotMetaColumnNames;
  /** Several source rows for one key. Default `fail` (`snapshot-key-not-unique`). */
  readonly dedupe?: DuplicateKeyPolicy;
  /** With `dedupe: latest`: the column whose greatest value wins. Default `updated_at`. */
  readonly dedupe_by?: string;
}

/** A version starts when the source's `updated_at` moves past the current version's start. */
export interface TimestampSnapshotConfig extends SnapshotConfigBase {
  readonly strategy: 'timestamp';
  /** Timestamp column of the source row's last change. */
  readonly updated_at: string;
}

/** A version starts when any checked column differs from the current version (NULL-aware). */
export interface CheckSnapshotConfig extends SnapshotConfigBase {
  readonly strategy: 'check';
  /** Columns to compare, or `all` for every source column. */
  readonly check_cols: readonly string[] | 'all';
  /** Timestamp column that dates a new version; unset dates it at the snapshot time. */
  readonly updated_at?: string;
}

/** Settings of a snapshot, by strategy. */
export type SnapshotConfig = TimestampSnapshotConfig | CheckSnapshotConfig;

/** Settings of a seed (a CSV file with a header line). */
export interface SeedConfig {
  /** Types for some columns (`{ employee_id: 'VARCHAR' }`); the rest are inferred from the file. */
  readonly column_types?: Readonly<Record<string, string>>;
  /** Field separator, one character. Default `,`. */
  readonly delimiter?: string;
  /**
   * Keep header names verbatim as quoted identifiers (spaces and punctuation allowed). Default
   * `false`: every header name must be a plain identifier.
   */
  readonly quote_columns?: boolean;
}

/** Any materialization's settings. */
export type MaterializationConfig =
  ViewConfig | TableConfig | IncrementalConfig | SnapshotConfig | SeedConfig;
