import type { PayloadRequest } from 'payload'

import { relationId } from './relationId'
import { effectiveRoles, viaApiToken } from './roles'

/** The audit log's collection slug. */
export const AUDIT_LOG_SLUG = 'audit-log'

/** The collections whose changes the audit log records. */
export const AUDITED_COLLECTIONS = ['products', 'orders', 'categories', 'users'] as const
export type AuditedCollection = (typeof AUDITED_COLLECTIONS)[number]

export const AUDIT_OPERATIONS = ['create', 'update', 'delete', 'trash', 'restore'] as const
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number]

export const AUDIT_STRATEGIES = ['session', 'api-token', 'system'] as const
export type AuditStrategy = (typeof AUDIT_STRATEGIES)[number]

/**
 * What is recorded of each collection's fields. `values`: small scalars whose before and after
 * are kept (strings cut to `MAX_VALUE_LENGTH`). `names`: fields whose change is recorded by name
 * only (rich text, lists, free text a customer wrote, the shipping address: its
 * values are compared here but never stored). A field in
 * neither list is not recorded at all: passwords, hashes, salts, tokens, sessions, login counters
 * and every other auth internal of `users` are never read here. `onlyWhen`: an update is recorded
 * only when one of these fields changed (users: their roles, not every profile edit).
 */
type AuditPolicy = { values: string[]; names: string[]; onlyWhen?: string[] }

export const AUDIT_POLICY: Record<AuditedCollection, AuditPolicy> = {
  products: {
    values: [
      'brand',
      'model',
      'slug',
      'category',
      'price',
      'discount',
      'finalPrice',
      'stock',
      'available',
      'owner',
      'status',
      'rejectionReason',
      'reviewedBy',
      'reviewedAt',
      'ratingAverage',
      'ratingCount',
      'deletedAt',
    ],
    names: ['description', 'images', 'video'],
  },
  orders: {
    values: ['customer', 'status', 'total', 'currency'],
    names: ['items', 'shippingAddress', 'notes'],
  },
  categories: { values: ['name', 'slug', 'parent', 'description'], names: [] },
  users: { values: ['roles'], names: [], onlyWhen: ['roles'] },
}

export const MAX_VALUE_LENGTH = 200

export type AuditValue = string | number | boolean | null | Array<string | number>
export type AuditChanges = Record<string, { before?: AuditValue; after?: AuditValue }>

export const isAuditedCollection = (slug: string): slug is AuditedCollection =>
  (AUDITED_COLLECTIONS as readonly string[]).includes(slug)

/** A field's value as the log stores it: ids for relationships, cut strings, null for empty. */
const normalize = (value: unknown): AuditValue => {
  if (value === undefined || value === null || value === '') return null
  if (Array.isArray(value)) {
    return value.map((each) => relationId(each) ?? String(each))
  }
  if (typeof value === 'object') return relationId(value) ?? null
  if (typeof value === 'string') return value.slice(0, MAX_VALUE_LENGTH)
  if (typeof value === 'number' || typeof value === 'boolean') return value
  return String(value).slice(0, MAX_VALUE_LENGTH)
}

/**
 * A value in its stored form: a populated document (an object with a numeric id, such as an
 * order line's product) becomes its id, an empty list is no value; array rows (string ids),
 * groups and rich text keep their shape. The hooks see one side populated and the other not.
 */
const storedForm = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(storedForm)
  if (!value || typeof value !== 'object') return value ?? null
  if (typeof (value as { id?: unknown }).id === 'number') return (value as { id: number }).id
  return Object.fromEntries(
    Object.entries(value).map(([key, each]) => [key, storedForm(each)] as const),
  )
}

/** Whether a field changed, compared in its stored form. */
const differs = (before: unknown, after: unknown): boolean =>
  JSON.stringify(storedForm(before)) !== JSON.stringify(storedForm(after))

export type AuditDiff = { fields: string[]; changes: AuditChanges }

/**
 * The fields `operation` changed between `before` and `after` (either may be absent: a create has
 * no before, a delete no after), with before/after values for the policy's small fields.
 */
export const auditDiff = (
  collection: AuditedCollection,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): AuditDiff => {
  const policy = AUDIT_POLICY[collection]
  const fields: string[] = []
  const changes: AuditChanges = {}
  for (const field of policy.values) {
    const was = before ? normalize(before[field]) : null
    const now = after ? normalize(after[field]) : null
    if (!differs(was, now)) continue
    fields.push(field)
    changes[field] = { ...(before ? { before: was } : {}), ...(after ? { after: now } : {}) }
  }
  for (const field of policy.names) {
    if (differs(before?.[field], after?.[field])) fields.push(field)
  }
  return { fields, changes }
}

/** Whether an update with this diff is recorded (users: only when their roles changed). */
export const worthRecording = (collection: AuditedCollection, diff: AuditDiff): boolean => {
  const { onlyWhen } = AUDIT_POLICY[collection]
  if (!onlyWhen) return diff.fields.length > 0
  return onlyWhen.some((field) => diff.fields.includes(field))
}

/** What an update did: moved the document to the trash, restored it from there, or edited it. */
export const updateKind = (
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): AuditOperation => {
  const wasTrashed = Boolean(before?.deletedAt)
  const isTrashed = Boolean(after.deletedAt)
  if (!wasTrashed && isTrashed) return 'trash'
  if (wasTrashed && !isTrashed) return 'restore'
  return 'update'
}

/** Who made the change: the signed-in user, how they signed in, and the roles they acted with. */
export const auditActor = (req: PayloadRequest) => {
  const user = req.user as
    (PayloadRequest['user'] & { _strategy?: string; username?: string | null }) | null
  if (!user) {
    return { actorId: null, actorName: null, actorRoles: null, actorStrategy: 'system' as const }
  }
  return {
    actorId: typeof user.id === 'number' ? user.id : Number(user.id),
    actorName: user.username ?? null,
    actorRoles: effectiveRoles(user).join(', ') || null,
    actorStrategy: (viaApiToken(user) ? 'api-token' : 'session') as AuditStrategy,
  }
}

/**
 * Writes one entry for a change of `collection`'s document `id`, in the change's transaction.
 * Straight through the database adapter, without reading the entry back: the entry is built
 * here from trusted values (the collection has no hooks and refuses every API write), so
 * Payload's create pipeline (field hooks, validation, the read-back and its afterRead) would only
 * cost every audited write another SELECT and its CPU.
 */
export const writeAuditEntry = async (
  req: PayloadRequest,
  entry: {
    collection: AuditedCollection
    id: number | string
    operation: AuditOperation
    diff: AuditDiff
  },
): Promise<void> => {
  const { collection, id, operation, diff } = entry
  const fields = diff.fields.join(', ')
  await req.payload.db.create({
    collection: AUDIT_LOG_SLUG,
    data: {
      summary: `${collection} #${id} ${operation}${fields ? `: ${fields}` : ''}`,
      operation,
      targetCollection: collection,
      documentId: Number(id),
      ...auditActor(req),
      changedFields: fields || null,
      changes: diff.changes,
    },
    req,
    returning: false,
  })
}
