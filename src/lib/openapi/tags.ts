import type { JsonSchema } from './endpointDoc'

const FIXED_TAGS: Record<string, string> = {
  general: 'Routes at the API root',
  graphql: 'The GraphQL API',
  operations: 'Health probes of the front server',
  documentation: 'This reference',
}

/**
 * The document's tag list: every tag an operation uses, collections first, then the other
 * groups, GraphQL, and Payload's internal collections last.
 */
export const tagsOf = (
  paths: Record<string, Record<string, JsonSchema>>,
  collectionSlugs: Set<string>,
): Array<{ name: string; description?: string }> => {
  const names = new Set<string>()
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const tag of (operation.tags as string[]) ?? []) names.add(tag)
    }
  }
  const describe = (name: string): string | undefined => {
    if (name.startsWith('payload-')) return 'Payload internal collection (admin UI)'
    if (collectionSlugs.has(name)) return `The ${name} collection`
    return FIXED_TAGS[name]
  }
  const order = (name: string): number =>
    name.startsWith('payload-') ? 3 : collectionSlugs.has(name) ? 0 : name === 'graphql' ? 2 : 1
  return [...names]
    .sort((a, b) => order(a) - order(b))
    .map((name) => {
      const description = describe(name)
      return { name, ...(description ? { description } : {}) }
    })
}
