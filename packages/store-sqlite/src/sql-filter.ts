import type { SQLInputValue } from 'node:sqlite';

/** A WHERE clause built from the filters a call was given, with its parameters in order. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: SQLInputValue[] = [];

  /** Add `clause` (with `?` placeholders for `params`) when `when` holds. */
  add(when: unknown, clause: string, ...params: SQLInputValue[]): this {
    if (when) {
      this.clauses.push(clause);
      this.params.push(...params);
    }
    return this;
  }

  /** `a AND b AND c`. The SQL depends only on which filters are present, so its statement is reused. */
  get sql(): string {
    return this.clauses.join(' AND ');
  }
}
