import type { Block, Field, FlattenedBlock } from 'payload'

import type { JsonSchema } from './endpointDoc'

/**
 * `read`: a document as the API returns it. `create`: a POST body. `update`: a PATCH body (every
 * property optional).
 */
export type SchemaMode = 'read' | 'create' | 'update'

export type SchemaContext = {
  mode: SchemaMode
  /** JSON type of a collection's ids (`number` on Postgres serial ids, `string` for text ids). */
  idType: (collectionSlug: string) => 'number' | 'string'
  /** `$ref` of a collection's read schema, for populated relationships. */
  refFor: (collectionSlug: string) => string
  /** Blocks declared once in `config.blocks` and referenced by slug. */
  blocks: Record<string, Block | FlattenedBlock | undefined>
}

export type ObjectSchema = {
  type: 'object'
  properties: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean
  description?: string
}

/**
 * Fields the server computes: `virtual`, joins, fields the admin UI shows read-only (this
 * project's convention for server-derived values such as `finalPrice`, `reviewedBy` or
 * `ratingAverage`) and fields it does not show at all (`admin.disabled`, e.g. auth `sessions`).
 * They appear in responses, never in request bodies.
 */
const isServerManaged = (field: Field): boolean =>
  field.type === 'join' ||
  Boolean('virtual' in field && field.virtual) ||
  Boolean(field.admin && 'readOnly' in field.admin && field.admin.readOnly) ||
  Boolean(field.admin && 'disabled' in field.admin && field.admin.disabled)

const isHidden = (field: Field): boolean => Boolean('hidden' in field && field.hidden)

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/**
 * The field's admin description when written as plain text, plus a note when field-level access
 * decides who sees or sets it.
 */
const describe = (field: Field): string | undefined => {
  const own = text(
    field.admin && 'description' in field.admin ? field.admin.description : undefined,
  )
  const access = 'access' in field && field.access ? Object.keys(field.access) : []
  const note = access.length
    ? `Field-level access (${access.join(', ')}): present or settable only for some callers`
    : undefined
  return [own, note].filter(Boolean).join('. ') || undefined
}

/** `schema` or null; an `enum` (an optional select's options) gets null among its values too. */
const nullable = (input: JsonSchema): JsonSchema => {
  const schema =
    Array.isArray(input.enum) && !input.enum.includes(null)
      ? { ...input, enum: [...input.enum, null] }
      : input
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] }
  if (Array.isArray(schema.type)) {
    return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] }
  }
  if (schema.enum) return schema
  return { anyOf: [schema, { type: 'null' }] }
}

const relationValue = (
  relationTo: string | string[],
  context: SchemaContext,
  description: string | undefined,
): JsonSchema => {
  const targets = Array.isArray(relationTo) ? relationTo : [relationTo]
  const idSchema = (slug: string): JsonSchema => ({ type: context.idType(slug) })
  if (!Array.isArray(relationTo)) {
    const id = idSchema(relationTo)
    if (context.mode !== 'read') return { ...id, description: description ?? `A ${relationTo} id` }
    return {
      description: `${description ? `${description}. ` : ''}The ${relationTo} id, or the ${relationTo} document when populated (depth > 0)`,
      anyOf: [id, { $ref: context.refFor(relationTo) }],
    }
  }
  // Polymorphic: `{ relationTo, value }` where value is an id (or, read at depth > 0, a document).
  return {
    description: description ?? `A reference to one of: ${targets.join(', ')}`,
    oneOf: targets.map((slug) => ({
      type: 'object',
      required: ['relationTo', 'value'],
      properties: {
        relationTo: { const: slug },
        value:
          context.mode === 'read'
            ? { anyOf: [idSchema(slug), { $ref: context.refFor(slug) }] }
            : idSchema(slug),
      },
    })),
  }
}

const withCount = (schema: JsonSchema, min?: number, max?: number): JsonSchema => ({
  ...schema,
  ...(typeof min === 'number' ? { minItems: min } : {}),
  ...(typeof max === 'number' ? { maxItems: max } : {}),
})

/** The field's description first, unless the schema has its own. */
const withDescription = (description: string | undefined, schema: JsonSchema): JsonSchema =>
  description ? { description, ...schema } : schema

/** `<field description>. <what the value is>`. */
const note = (description: string | undefined, text: string): string =>
  `${description ? `${description}. ` : ''}${text}`

type FieldOf<T extends Field['type']> = Extract<Field, { type: T }>
type ValueSchema<T extends Field['type']> = (
  field: FieldOf<T>,
  context: SchemaContext,
  description: string | undefined,
) => JsonSchema

const stringValue: ValueSchema<'text' | 'textarea' | 'code' | 'email'> = (field, _c, d) => {
  const single: JsonSchema = { type: 'string' }
  if (field.type === 'email') single.format = 'email'
  if ('minLength' in field && typeof field.minLength === 'number')
    single.minLength = field.minLength
  if ('maxLength' in field && typeof field.maxLength === 'number')
    single.maxLength = field.maxLength
  if (field.type === 'text' && field.hasMany) {
    return withDescription(
      d,
      withCount({ type: 'array', items: single }, field.minRows, field.maxRows),
    )
  }
  return withDescription(d, single)
}

const numberValue: ValueSchema<'number'> = (field, _c, d) => {
  const single: JsonSchema = { type: 'number' }
  if (typeof field.min === 'number') single.minimum = field.min
  if (typeof field.max === 'number') single.maximum = field.max
  if (field.hasMany) {
    return withDescription(
      d,
      withCount({ type: 'array', items: single }, field.minRows, field.maxRows),
    )
  }
  return withDescription(d, single)
}

const optionValue: ValueSchema<'select' | 'radio'> = (field, _c, d) => {
  const values = field.options.map((option) => (typeof option === 'string' ? option : option.value))
  const single: JsonSchema = { type: 'string', enum: values }
  if (field.type === 'select' && field.hasMany) {
    return withDescription(d, { type: 'array', items: single, uniqueItems: true })
  }
  return withDescription(d, single)
}

const relationshipValue: ValueSchema<'relationship' | 'upload'> = (field, context, d) => {
  const single = relationValue(field.relationTo, context, undefined)
  if (field.hasMany) {
    return withDescription(
      d,
      withCount({ type: 'array', items: single }, field.minRows, field.maxRows),
    )
  }
  return d ? { ...single, description: d } : single
}

const joinValue: ValueSchema<'join'> = (field, context, d) => {
  const targets = Array.isArray(field.collection) ? field.collection : [field.collection]
  const read = { ...context, mode: 'read' as const }
  const item = Array.isArray(field.collection)
    ? relationValue(targets, read, undefined)
    : relationValue(field.collection, read, undefined)
  return withDescription(d, {
    type: 'object',
    description: note(
      d,
      `Join: the ${targets.join('/')} documents that point here (paginated; read-only)`,
    ),
    properties: {
      docs: { type: 'array', items: item },
      hasNextPage: { type: 'boolean' },
      totalDocs: { type: 'integer' },
    },
  })
}

const blocksValue: ValueSchema<'blocks'> = (field, context, d) => {
  const blocks: Array<Block | FlattenedBlock> = [
    ...(field.blocks ?? []),
    ...(field.blockReferences ?? []).map((reference) =>
      typeof reference === 'string' ? context.blocks[reference] : reference,
    ),
  ].filter((block): block is Block | FlattenedBlock => Boolean(block))
  const variants = blocks.map((block) => {
    const schema = fieldsSchema(block.fields, context)
    schema.properties = {
      id: { type: ['string', 'null'] },
      blockName: { type: ['string', 'null'] },
      blockType: { const: block.slug },
      ...schema.properties,
    }
    schema.required = ['blockType', ...(schema.required ?? [])]
    return schema
  })
  const items = variants.length ? { oneOf: variants } : { type: 'object' }
  return withDescription(d, withCount({ type: 'array', items }, field.minRows, field.maxRows))
}

const arrayValue: ValueSchema<'array'> = (field, context, d) => {
  const row = fieldsSchema(field.fields, context)
  row.properties = { id: { type: ['string', 'null'] }, ...row.properties }
  return withDescription(d, withCount({ type: 'array', items: row }, field.minRows, field.maxRows))
}

/** How each data field type's value is described. */
const VALUE_SCHEMAS: {
  [T in Field['type']]?: (
    field: FieldOf<T>,
    context: SchemaContext,
    description: string | undefined,
  ) => JsonSchema
} = {
  text: stringValue,
  textarea: stringValue,
  code: stringValue,
  email: stringValue,
  number: numberValue,
  checkbox: (_f, _c, d) => withDescription(d, { type: 'boolean' }),
  date: (_f, _c, d) => withDescription(d, { type: 'string', format: 'date-time' }),
  select: optionValue,
  radio: optionValue,
  relationship: relationshipValue,
  upload: relationshipValue,
  join: joinValue,
  richText: (_f, _c, d) =>
    withDescription(d, {
      type: 'object',
      description: note(d, 'Rich text: a Lexical editor state ({ root: { children, … } })'),
      properties: { root: { type: 'object', additionalProperties: true } },
      additionalProperties: true,
    }),
  json: (field, _c, d) =>
    withDescription(
      d,
      (field.jsonSchema?.schema as JsonSchema | undefined) ?? { description: 'Any JSON value' },
    ),
  point: (_f, _c, d) =>
    withDescription(d, {
      type: 'array',
      description: note(d, '[longitude, latitude]'),
      items: { type: 'number' },
      minItems: 2,
      maxItems: 2,
    }),
  // A named group nests its fields; an unnamed one is presentational (see collectFields).
  group: (field, context, d) => withDescription(d, fieldsSchema(field.fields, context)),
  array: arrayValue,
  blocks: blocksValue,
}

/** JSON Schema of one data field's value (not nullable; callers add that). */
export const fieldValueSchema = (field: Field, context: SchemaContext): JsonSchema | undefined => {
  const build = VALUE_SCHEMAS[field.type] as ValueSchema<Field['type']> | undefined
  return build?.(field, context, describe(field))
}

/** Adds each data field of `fields` (descending into presentational rows, tabs, groups). */
const collectFields = (
  fields: Field[],
  context: SchemaContext,
  target: ObjectSchema,
  required: string[],
): void => {
  for (const field of fields) {
    if (field.type === 'ui') continue
    if (field.type === 'row' || field.type === 'collapsible') {
      collectFields(field.fields, context, target, required)
      continue
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) {
          target.properties[tab.name] = fieldsSchema(tab.fields, context)
        } else {
          collectFields(tab.fields, context, target, required)
        }
      }
      continue
    }
    if (field.type === 'group' && !('name' in field && field.name)) {
      collectFields(field.fields, context, target, required)
      continue
    }
    if (!('name' in field) || !field.name) continue
    if (isHidden(field)) continue
    if (context.mode !== 'read' && isServerManaged(field)) continue
    const value = fieldValueSchema(field, context)
    if (!value) continue
    const isRequired = 'required' in field && field.required === true
    const hasDefault = 'defaultValue' in field && field.defaultValue !== undefined
    if (context.mode === 'read') {
      // Postgres returns null for an empty optional field; read-only fields are marked so.
      const schema = isRequired ? value : nullable(value)
      target.properties[field.name] = isServerManaged(field)
        ? { ...schema, readOnly: true }
        : schema
      // Field read access leaves the field out of the documents some callers get.
      if (isRequired && !field.access?.read) required.push(field.name)
    } else {
      target.properties[field.name] = isRequired ? value : nullable(value)
      if (context.mode === 'create' && isRequired && !hasDefault) required.push(field.name)
    }
  }
}

/** The object schema of a list of fields (a collection, a group, an array row, a block). */
export const fieldsSchema = (fields: Field[], context: SchemaContext): ObjectSchema => {
  const schema: ObjectSchema = { type: 'object', properties: {} }
  const required: string[] = []
  collectFields(fields, context, schema, required)
  if (required.length) schema.required = required
  return schema
}
