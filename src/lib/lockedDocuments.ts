import type { SanitizedConfig } from 'payload'

import { canReadLocks } from '../../access/canReadLocks'
import { isAdminOrStaff } from '../../access/isAdminOrStaff'
import { staffOrLockHolder } from '../../access/staffOrLockHolder'
import { stampLockOwner } from '../../hooks/shared/stampLockOwner'

/** The collection in which Payload's admin UI records who is editing which document. */
export const LOCKED_DOCUMENTS_SLUG = 'payload-locked-documents'

/**
 * Payload adds its document-lock collection while sanitizing the config (after plugins run), with
 * "any signed-in user" access: a customer could lock a staff member out of any order for minutes
 * (423), in anyone's name, and list who edits what. Locks serve the admin UI: admins and staff
 * (with a session) read, take over and release any; a vendor reads the locks they hold and those
 * on their own products (`canReadLocks`, which the edit view's lock check needs) and releases only
 * their own. Nobody else creates or takes over a lock through the API, and a lock always names its
 * writer. The admin UI itself creates and renews locks as trusted server code.
 */
export const restrictLockedDocuments = (config: SanitizedConfig): SanitizedConfig => {
  const locks = config.collections.find((collection) => collection.slug === LOCKED_DOCUMENTS_SLUG)
  if (!locks) return config
  locks.access = {
    ...locks.access,
    create: isAdminOrStaff,
    read: canReadLocks,
    update: isAdminOrStaff,
    delete: staffOrLockHolder,
  }
  locks.hooks.beforeChange = [stampLockOwner, ...(locks.hooks.beforeChange ?? [])]
  return config
}
