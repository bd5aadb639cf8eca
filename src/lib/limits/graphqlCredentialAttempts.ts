import { Kind, parse, type SelectionSetNode } from 'graphql'

/** GraphQL mutations that take or issue credentials (the REST credential routes' twins). */
export const CREDENTIAL_MUTATIONS = new Set([
  'loginUser',
  'forgotPasswordUser',
  'resetPasswordUser',
  'unlockUser',
  'refreshTokenUser',
  'verifyEmailUser',
  'createUser',
])

/** Far more tokens than any legitimate credential mutation needs; parsing stops there. */
const MAX_TOKENS = 5_000

/**
 * How many credential mutation fields a GraphQL request body (`{ query }` JSON) runs: each
 * aliased copy counts, in fragments too. 0 for a body that is no JSON or no GraphQL document (the
 * GraphQL handler answers those itself, running nothing).
 */
export const graphqlCredentialAttempts = (body: Buffer): number => {
  let document
  try {
    const { query } = JSON.parse(body.toString('utf8')) as { query?: unknown }
    if (typeof query !== 'string') return 0
    document = parse(query, { maxTokens: MAX_TOKENS, noLocation: true })
  } catch {
    return 0
  }
  const fragments = new Map<string, SelectionSetNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition.selectionSet)
    }
  }
  const counted = new Set<string>()
  const count = (selectionSet: SelectionSetNode): number =>
    selectionSet.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) {
        return sum + (CREDENTIAL_MUTATIONS.has(selection.name.value) ? 1 : 0)
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet)
      const name = selection.name.value
      const fragment = fragments.get(name)
      // A fragment spread twice still runs its fields once; a cycle is GraphQL's to refuse.
      if (!fragment || counted.has(name)) return sum
      counted.add(name)
      return sum + count(fragment)
    }, 0)
  return document.definitions.reduce(
    (sum, definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation'
        ? sum + count(definition.selectionSet)
        : sum,
    0,
  )
}
