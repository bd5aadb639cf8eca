import type { SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import type { EntityNames } from './builtinParts'
import type { SchemaContext, SchemaMode } from './fieldSchemas'

/** `payload-preferences` → `PayloadPreferences`. */
export const pascal = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')

/** Component names that are not a collection's or global's. */
const RESERVED = ['PayloadError', 'GraphQLRequest', 'GraphQLResponse']

/** How the document names and types each collection and global of one config. */
export type Naming = {
  /** Component names by collection slug, and by `global:<slug>` for globals. */
  names: Map<string, EntityNames>
  collectionBySlug: Map<string, SanitizedCollectionConfig>
  idTypeOf: (collection: SanitizedCollectionConfig) => 'number' | 'string'
  schemaContext: (mode: SchemaMode) => SchemaContext
}

export const summaryName = (entity: EntityNames): string => `${entity.doc}Summary`

/** Component names: the singular label when it is plain text, else the slug, made unique. */
const entityNames = (config: SanitizedConfig): Map<string, EntityNames> => {
  const names = new Map<string, EntityNames>()
  const taken = new Set(RESERVED)
  const nameFor = (slug: string, label: unknown): EntityNames => {
    let base = pascal(typeof label === 'string' ? label : slug) || 'Entity'
    while (taken.has(base)) base = `${base}_`
    taken.add(base)
    return { doc: base, create: `${base}Create`, update: `${base}Update`, list: `${base}List` }
  }
  for (const collection of config.collections) {
    names.set(collection.slug, nameFor(collection.slug, collection.labels?.singular))
  }
  for (const global of config.globals) {
    names.set(`global:${global.slug}`, nameFor(`${global.slug}-global`, undefined))
  }
  return names
}

/** The id type of a collection: its own `id` field's, else the database adapter's default. */
const idTypes = (config: SanitizedConfig): Naming['idTypeOf'] => {
  // Serial integers on Postgres unless the adapter or the collection says otherwise.
  const defaultIdType = (config.db as { defaultIDType?: string } | undefined)?.defaultIDType
  return (collection) => {
    const idField = collection.fields.find((field) => 'name' in field && field.name === 'id')
    if (idField) return idField.type === 'number' ? 'number' : 'string'
    return defaultIdType === 'text' || defaultIdType === 'uuid' ? 'string' : 'number'
  }
}

export const namingOf = (config: SanitizedConfig): Naming => {
  const names = entityNames(config)
  const idTypeOf = idTypes(config)
  const collectionBySlug = new Map<string, SanitizedCollectionConfig>(
    config.collections.map((c) => [c.slug, c]),
  )
  const blocks = Object.fromEntries((config.blocks ?? []).map((block) => [block.slug, block]))
  const schemaContext = (mode: SchemaMode): SchemaContext => ({
    mode,
    idType: (slug) => {
      const collection = collectionBySlug.get(slug)
      return collection ? idTypeOf(collection) : 'number'
    },
    // A populated relationship is the target's `defaultPopulate` summary when it has one.
    refFor: (slug) => {
      const target = names.get(slug)
      const summarised = collectionBySlug.get(slug)?.defaultPopulate
      return `#/components/schemas/${target ? (summarised ? summaryName(target) : target.doc) : 'PayloadError'}`
    },
    blocks,
  })
  return { names, collectionBySlug, idTypeOf, schemaContext }
}
