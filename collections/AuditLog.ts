import type { CollectionConfig } from 'payload'

import type { User } from '@/payload-types'
import { isAdmin } from '../access/isAdmin'
import { nobody } from '../access/nobody'
import {
  AUDIT_LOG_SLUG,
  AUDIT_OPERATIONS,
  AUDIT_STRATEGIES,
  AUDITED_COLLECTIONS,
} from '../src/lib/audit'
import { isAdminUser } from '../src/lib/roles'

const readOnly = { readOnly: true }

/**
 * Who changed what on products, orders, categories and user roles. Append-only: entries are
 * written by the audit hooks (`src/lib/auditLogPlugin.ts`) in the transaction of the change they
 * record, never through the API (create, update and delete are `nobody` for every caller), and a
 * trigger refuses UPDATE and DELETE on the table itself (migration `…_audit_log_append_only`).
 * Admins read it; staff, vendors and customers do not, and the panel hides it from them.
 *
 * The actor is kept by id and username, not as a relationship: an entry outlives the account
 * (a relationship's foreign key would null it on the user's deletion, which the trigger refuses).
 */
export const AuditLog: CollectionConfig = {
  slug: AUDIT_LOG_SLUG,
  labels: { singular: 'Audit entry', plural: 'Audit log' },
  graphQL: { singularName: 'AuditEntry', pluralName: 'AuditLog' },
  admin: {
    useAsTitle: 'summary',
    group: 'Accounts',
    defaultColumns: ['createdAt', 'operation', 'summary', 'actorName', 'actorStrategy'],
    listSearchableFields: ['summary', 'actorName'],
    description: 'Append-only record of changes to products, orders, categories and user roles.',
    // The panel's user is the signed-in account (a session), typed loosely as ClientUser.
    hidden: ({ user }) => !isAdminUser(user as Partial<User>),
  },
  defaultSort: '-createdAt',
  access: {
    read: isAdmin,
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  disableDuplicate: true,
  lockDocuments: false,
  indexes: [{ fields: ['targetCollection', 'documentId'] }],
  fields: [
    { name: 'summary', type: 'text', required: true, admin: readOnly },
    {
      type: 'row',
      fields: [
        {
          name: 'operation',
          type: 'select',
          required: true,
          index: true,
          options: [...AUDIT_OPERATIONS],
          admin: readOnly,
        },
        {
          name: 'targetCollection',
          type: 'select',
          label: 'Collection',
          required: true,
          options: [...AUDITED_COLLECTIONS],
          admin: readOnly,
        },
        { name: 'documentId', type: 'number', required: true, admin: readOnly },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'actorId', type: 'number', label: 'Actor id', index: true, admin: readOnly },
        { name: 'actorName', type: 'text', label: 'Actor', admin: readOnly },
        { name: 'actorRoles', type: 'text', label: 'Actor roles', admin: readOnly },
        {
          name: 'actorStrategy',
          type: 'select',
          label: 'Signed in with',
          required: true,
          options: [...AUDIT_STRATEGIES],
          admin: readOnly,
        },
      ],
    },
    {
      name: 'changedFields',
      type: 'text',
      admin: { ...readOnly, description: 'The fields the change touched, comma-separated.' },
    },
    {
      name: 'changes',
      type: 'json',
      admin: {
        ...readOnly,
        description: 'Before and after of the small fields ({ field: { before, after } }).',
      },
    },
  ],
  timestamps: true,
}
