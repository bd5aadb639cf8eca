import type { PayloadRequest } from 'payload'

import { hasAtMostTwoDecimals, MAX_PRICE } from './money'
import { relationId, relationIds } from './relationId'
import { isStaffUser } from './roles'

type ValidationResult = string | true

/** Usernames: 3–30 letters, digits, `.`, `_` or `-` (unique case-insensitively in the database). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,30}$/

export const validateUsername = (value: unknown): ValidationResult => {
  if (typeof value !== 'string' || value.length === 0) return 'A username is required.'
  return USERNAME_PATTERN.test(value)
    ? true
    : 'A username has 3–30 characters: letters, digits, ".", "_" or "-".'
}

export const validatePrice = (value: unknown): ValidationResult => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'A price is required.'
  if (value < 0) return 'The price cannot be negative.'
  if (value > MAX_PRICE) return `The price is at most ${MAX_PRICE}.`
  return hasAtMostTwoDecimals(value) ? true : 'The price has at most 2 decimal places.'
}

export const validateDiscount = (value: unknown): ValidationResult => {
  if (value === null || value === undefined) return true
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'The discount is a number.'
  if (value < 0 || value > 90) return 'The discount is a percentage from 0 to 90.'
  return hasAtMostTwoDecimals(value) ? true : 'The discount has at most 2 decimal places.'
}

export const validateStock = (value: unknown): ValidationResult => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return 'The stock is a whole number, 0 or more.'
  }
  return true
}

/**
 * A validator for upload fields that accept one kind of media only: every referenced file must
 * exist and have an `image/*` (or `video/*`) MIME type.
 */
export const validateMediaKind =
  (kind: 'image' | 'video') =>
  async (
    value: unknown,
    { req, previousValue }: { req: PayloadRequest; previousValue?: unknown },
  ): Promise<ValidationResult> => {
    const ids = Array.isArray(value) ? relationIds(value) : relationIds([value])
    if (ids.length === 0) return true
    const { docs } = await req.payload.find({
      collection: 'media',
      where: { id: { in: ids } },
      select: { mimeType: true, uploadedBy: true },
      depth: 0,
      limit: ids.length,
      pagination: false,
      req,
    })
    const found = new Map(docs.map((doc) => [String(doc.id), doc]))
    // Media already on the document stay (staff may have attached them); new ones must be the
    // caller's own unless the caller is staff: media are public, but a vendor must not dress a
    // listing in another vendor's pictures.
    const previous = new Set(
      (Array.isArray(previousValue)
        ? relationIds(previousValue)
        : relationIds([previousValue])
      ).map(String),
    )
    const mustOwn = Boolean(req.user) && !isStaffUser(req.user)
    for (const id of ids) {
      const media = found.get(String(id))
      if (media === undefined) return `Media ${id} does not exist.`
      const mimeType = media.mimeType ?? ''
      if (!mimeType.startsWith(`${kind}/`)) {
        return kind === 'image'
          ? `Media ${id} is not an image (${mimeType}).`
          : `Media ${id} is not a video (${mimeType}).`
      }
      if (mustOwn && !previous.has(String(id)) && relationId(media.uploadedBy) !== req.user?.id)
        return `Media ${id} was not uploaded by you: upload your own ${kind}.`
    }
    return true
  }

/**
 * A validator for a single relationship: the referenced document must exist (Payload checks only
 * the id's shape, and a dangling id would otherwise end as a foreign-key error, a 500).
 */
export const validateRelationExists =
  (collection: 'categories' | 'users') =>
  async (value: unknown, { req }: { req: PayloadRequest }): Promise<ValidationResult> => {
    const [id] = relationIds([value])
    if (id === undefined) return true
    const { totalDocs } = await req.payload.count({
      collection,
      where: { id: { equals: id } },
      req,
    })
    return totalDocs === 1
      ? true
      : `There is no ${collection === 'users' ? 'user' : 'category'} ${id}.`
  }
