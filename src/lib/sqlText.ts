import { sql } from '@payloadcms/db-postgres'

/**
 * A constant string (a status, never user input) as an SQL string literal, inlined rather than
 * bound: statements read as before and the planner sees the value (partial indexes, estimates).
 */
export const sqlText = (value: string) => sql.raw(`'${value.replaceAll("'", "''")}'`)

/** Constant strings as a comma-separated list of SQL literals, for `IN (…)`. */
export const sqlTextList = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sqlText(value)),
    sql`, `,
  )
