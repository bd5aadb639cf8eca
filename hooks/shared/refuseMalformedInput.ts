import { APIError, type CollectionBeforeOperationHook, ValidationError } from 'payload'

import { inputProblems } from '../../src/lib/limits/inputProblems'

/** Credential operations whose `data` holds only text: email, username, password, token. */
const CREDENTIAL_OPERATIONS = new Set(['login', 'forgotPassword', 'resetPassword', 'unlock'])
const CREDENTIAL_KEYS = ['email', 'username', 'password', 'token']

/**
 * Refuses malformed write and credential data with a 400 naming the field, before any hook, query
 * or price computation sees it: a value of the wrong type (`{"price":"cheap"}`, an object for an
 * email), a list beyond its field's `maxRows`, a NUL character anywhere (Postgres refuses it in
 * text and jsonb: the whole statement would fail, a 500). Runs first on every collection (see
 * `guardInput`), so REST, GraphQL and the Local API all answer the same.
 */
export const refuseMalformedInput: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  const { data } = args as { data?: unknown }
  let problems
  if (operation === 'create' || operation === 'update') {
    if (data === undefined) return args
    const strings = collection.auth ? ['password'] : []
    problems = inputProblems(data, collection.flattenedFields, strings)
  } else if (CREDENTIAL_OPERATIONS.has(operation)) {
    problems = inputProblems(data ?? {}, [], CREDENTIAL_KEYS)
  } else {
    return args
  }
  if (!problems.length) return args
  if (problems[0].path === '') throw new APIError(problems[0].message, 400)
  throw new ValidationError({ collection: collection.slug, errors: problems }, req.t)
}
