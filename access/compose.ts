import type { AccessArgs, AccessResult, FieldAccess, PayloadRequest, Where } from 'payload'

import { relationId } from '../src/lib/relationId'

/**
 * A synchronous access rule: `true` (every document), `false` (none) or a `Where` (the documents
 * it matches, so Postgres filters the rows). Assignable to Payload's `Access`.
 */
export type Rule = (args: AccessArgs) => AccessResult

/**
 * A rule that reads the request alone and answers yes or no. It serves as collection access,
 * field access (`FieldAccess`) and admin-panel access alike.
 */
export type Predicate = (args: { req: PayloadRequest }) => boolean

/**
 * Any of `rules`: the first `true` wins, `false` is dropped; the `Where`s left are joined with
 * `{ or: [...] }` (one alone is returned as it is). No rule, or all `false`, is `false`.
 */
export const or =
  (...rules: Rule[]): Rule =>
  (args) => {
    const filters: Where[] = []
    for (const rule of rules) {
      const result = rule(args)
      if (result === true) return true
      if (result !== false) filters.push(result)
    }
    if (filters.length === 0) return false
    return filters.length === 1 ? filters[0] : { or: filters }
  }

/**
 * All of `rules`: the first `false` wins, `true` is dropped; the `Where`s left are joined with
 * `{ and: [...] }` (one alone is returned as it is). No rule, or all `true`, is `true`.
 */
export const and =
  (...rules: Rule[]): Rule =>
  (args) => {
    const filters: Where[] = []
    for (const rule of rules) {
      const result = rule(args)
      if (result === false) return false
      if (result !== true) filters.push(result)
    }
    if (filters.length === 0) return true
    return filters.length === 1 ? filters[0] : { and: filters }
  }

type FieldTarget = { doc?: Record<string, unknown>; id?: number | string }

/** The value a `Where` on `field` compares: the document's id, or the id behind a relationship. */
const documentValue = (field: string, { doc, id }: FieldTarget): unknown =>
  field === 'id' ? (doc?.id ?? id) : relationId(doc?.[field])

/**
 * Whether the document matches `where`. Only what the rules here build is understood (`equals`
 * on a top-level field or a relationship, `and`, `or`); anything else does not match.
 */
const matches = (where: Where, target: FieldTarget): boolean =>
  Object.entries(where).every(([key, condition]) => {
    if (key === 'or') return (condition as Where[]).some((each) => matches(each, target))
    if (key === 'and') return (condition as Where[]).every((each) => matches(each, target))
    const operators = Object.keys(condition ?? {})
    if (operators.length !== 1 || operators[0] !== 'equals') return false
    const value = documentValue(key, target)
    const expected: unknown = (condition as { equals: unknown }).equals
    return value !== undefined && value !== null && String(value) === String(expected)
  })

/**
 * Field access from a collection rule that reads the request only (roles, ownership): the field
 * is open when the rule allows every document, or when the document at hand (`doc`, else the `id`
 * being read or updated) matches the rule's `Where`.
 */
export const fieldLevel =
  (rule: Rule): FieldAccess =>
  ({ req, doc, id }) => {
    const result = rule({ req })
    if (typeof result === 'boolean') return result
    return matches(result, { doc: doc as Record<string, unknown> | undefined, id })
  }
