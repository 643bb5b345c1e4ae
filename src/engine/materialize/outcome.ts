/** What a materialization reports back. */

export interface MaterializeOutcome {
  /**
   * A short summary in the style dbt prints: `CREATE VIEW`, `CREATE TABLE`, `MERGE 12`,
   * `SNAPSHOT 3 inserted 1 updated 0 deleted`, `INSERT 40`.
   */
  readonly status: string;
  /** Rows written or changed, when known. */
  readonly rowsAffected?: number;
}
