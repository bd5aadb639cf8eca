import {
  type ExecutionArgs,
  type FieldNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  valueFromASTUntyped,
} from 'graphql'

import { DEFAULT_LIMIT, MAX_LIMIT } from './clampQueryArgs'

/** The most aliased fields one GraphQL document may have. */
export const MAX_ALIASES = 20
/** The deepest selection nesting (fragments followed) one operation may have. */
export const MAX_DEPTH = 12
/**
 * The highest estimated cost of one operation: each field costs 1, and a field taking `limit`
 * (a list of documents) costs its selection once per document it may return (clamped as reads
 * are, default 20, at most 100). Two hundred `Products(limit: 100) { docs { id } }` cost 40 200.
 */
export const MAX_COST = 5_000

/**
 * How many documents a field asks for: its `limit` argument (a literal or a variable), clamped as
 * `clampQueryArgs` clamps reads; 1 for a field with no `limit` argument.
 */
const documentsAsked = (node: FieldNode, variables: Record<string, unknown>): number => {
  const argument = node.arguments?.find((arg) => arg.name.value === 'limit')
  if (!argument) return 1
  const limit = Number(valueFromASTUntyped(argument.value, variables))
  return Number.isFinite(limit) && limit > 0 ? Math.min(Math.ceil(limit), MAX_LIMIT) : DEFAULT_LIMIT
}

type Measure = { cost: number; depth: number }

/** The cost and depth of a selection set, following fragments (a cycle counts once). */
const measure = (
  selectionSet: SelectionSetNode,
  context: ValidationContext,
  variables: Record<string, unknown>,
  visiting: Set<string>,
): Measure => {
  let cost = 0
  let depth = 0
  for (const selection of selectionSet.selections) {
    let inner: Measure = { cost: 0, depth: 0 }
    if (selection.kind === Kind.FIELD) {
      if (selection.selectionSet) {
        inner = measure(selection.selectionSet, context, variables, visiting)
      }
      cost += 1 + inner.cost * documentsAsked(selection, variables)
      depth = Math.max(depth, inner.depth + 1)
      continue
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, context, variables, visiting)
    } else {
      const name = selection.name.value
      const fragment = context.getFragment(name)
      if (!fragment || visiting.has(name)) continue
      visiting.add(name)
      inner = measure(fragment.selectionSet, context, variables, visiting)
      visiting.delete(name)
    }
    cost += inner.cost
    depth = Math.max(depth, inner.depth)
  }
  return { cost, depth }
}

/** Refuses documents with more than `MAX_ALIASES` aliased fields (one error per document). */
const maxAliases: ValidationRule = (context) => {
  let aliases = 0
  return {
    Field(node) {
      if (node.alias) aliases += 1
    },
    Document: {
      leave() {
        if (aliases > MAX_ALIASES) {
          context.reportError(
            new GraphQLError(`At most ${MAX_ALIASES} aliases per request, not ${aliases}.`),
          )
        }
      },
    },
  }
}

/** Refuses operations deeper than `MAX_DEPTH` or costlier than `MAX_COST` (see above). */
const maxDepthAndCost =
  (variables: Record<string, unknown>): ValidationRule =>
  (context) => ({
    OperationDefinition(node) {
      const { cost, depth } = measure(node.selectionSet, context, variables, new Set())
      if (depth > MAX_DEPTH) {
        context.reportError(
          new GraphQLError(`The query nests ${depth} levels deep; at most ${MAX_DEPTH}.`, {
            nodes: node,
          }),
        )
      }
      if (cost > MAX_COST) {
        context.reportError(
          new GraphQLError(
            `The query may cost ${cost}; at most ${MAX_COST}. Ask for fewer documents or fields.`,
            { nodes: node },
          ),
        )
      }
    },
  })

/**
 * Leaves "Did you mean …?" out of validation errors in production, where they would map the
 * schema that disabled introspection hides. graphql 16.15 supports this (`hideSuggestions`), but
 * the GraphQL handler (graphql-http) cannot pass the option: set it on this request's context,
 * which every rule reads when it reports.
 */
const hideSuggestions: ValidationRule = (context) => {
  Object.defineProperty(context, 'hideSuggestions', { value: true })
  return {}
}

/**
 * Payload's `graphQL.validationRules`: alias, depth and cost limits, and no field suggestions in
 * production. They run in validation, so a refused request costs no execution.
 */
export const graphqlValidationRules = (args: ExecutionArgs): ValidationRule[] => [
  ...(process.env.NODE_ENV === 'production' ? [hideSuggestions] : []),
  maxAliases,
  maxDepthAndCost(args.variableValues ?? {}),
]
