import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { canChooseSignUpRoles } from '../access/canChooseSignUpRoles'
import { fieldLevel, or } from '../access/compose'
import { isAdmin } from '../access/isAdmin'
import { canUseAdminPanel } from '../access/canUseAdminPanel'
import { isAdminOrStaff } from '../access/isAdminOrStaff'
import { isSelf } from '../access/isSelf'
import { nobody } from '../access/nobody'
import { assignFirstUserAdmin } from '../hooks/users/assignFirstUserAdmin'
import { cancelPendingEmailChange } from '../hooks/users/cancelPendingEmailChange'
import { cancelPendingEmailChangeOnReset } from '../hooks/users/cancelPendingEmailChangeOnReset'
import { controlAccountActivation } from '../hooks/users/controlAccountActivation'
import { discardTakenEmailSignUp } from '../hooks/users/discardTakenEmailSignUp'
import { describeApiTokenSession } from '../hooks/users/describeApiTokenSession'
import { refreshCustomerOrderTitles } from '../hooks/users/refreshCustomerOrderTitles'
import { refuseWeakPassword } from '../hooks/users/refuseWeakPassword'
import { refuseWeakPasswordOnReset } from '../hooks/users/refuseWeakPasswordOnReset'
import { equalizeLoginTiming } from '../hooks/users/equalizeLoginTiming'
import { expireResetLinkOnCredentialChange } from '../hooks/users/expireResetLinkOnCredentialChange'
import { refuseUnconfirmedCredentialChanges } from '../hooks/users/refuseUnconfirmedCredentialChanges'
import { holdOwnEmailChange } from '../hooks/users/holdOwnEmailChange'
import { lockDocumentForWrite } from '../hooks/shared/lockDocumentForWrite'
import {
  lockEachDocumentBeforeChange,
  lockEachDocumentBeforeDelete,
} from '../hooks/shared/lockEachDocumentForWrite'
import { ignoreRoleChangesByNonAdmins } from '../hooks/users/ignoreRoleChangesByNonAdmins'
import { removeCartWithAccount } from '../hooks/users/removeCartWithAccount'
import { rehearseTakenEmailSignUp } from '../hooks/users/rehearseTakenEmailSignUp'
import { refuseApiTokenLogout } from '../hooks/users/refuseApiTokenLogout'
import { refuseDeletingUserWithHistory } from '../hooks/users/refuseDeletingUserWithHistory'
import { refuseRefreshOfEndedSession } from '../hooks/users/refuseRefreshOfEndedSession'
import { refuseRefreshOfPairTokens } from '../hooks/users/refuseRefreshOfPairTokens'
import { refuseDuplicateEmail } from '../hooks/users/refuseDuplicateEmail'
import { revokeRefreshTokensOnLogout } from '../hooks/users/revokeRefreshTokensOnLogout'
import { revokeRefreshTokensOnPasswordChange } from '../hooks/users/revokeRefreshTokensOnPasswordChange'
import { revokeRefreshTokensOnReset } from '../hooks/users/revokeRefreshTokensOnReset'
import { queueActivationEmail } from '../hooks/users/queueActivationEmail'
import { queueEmailChangeConfirmation } from '../hooks/users/queueEmailChangeConfirmation'
import { uploadFieldAdmin } from '../src/admin/media/uploadFieldAdmin'
import { hiddenFromVendors } from '../src/admin/vendor/panelScope'
import { activationEndpoints } from '../src/endpoints/users/activation'
import { apiTokenEndpoints } from '../src/endpoints/users/apiTokens'
import { confirmEmailEndpoints } from '../src/endpoints/users/confirmEmail'
import { forgotPasswordEndpoint } from '../src/endpoints/users/forgotPassword'
import { apiTokenStrategy } from '../src/lib/auth/apiTokens'
import { authSettings } from '../src/lib/auth/settings'
import { resetPasswordEmail } from '../src/lib/email/templates'
import { validateMediaKind, validateUsername } from '../src/lib/validators'

/**
 * Accounts. Anyone signs up (as customer or vendor); a user reads and updates themself; admins and
 * staff list and search everyone; only admins change roles or delete users. Admins, staff and
 * vendors (with a session) use the admin panel; customers and API tokens never do. `username` is unique
 * case-insensitively (a functional unique index on lower(username), see the migrations).
 */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'User', plural: 'Users' },
  admin: {
    useAsTitle: 'username',
    defaultColumns: ['username', 'name', 'email', 'roles', 'activation', 'createdAt'],
    listSearchableFields: ['username', 'email', 'name'],
    group: 'Accounts',
    description: 'Customers, vendors, staff and admins. Only admins grant roles.',
    // Vendors use the panel for their own account (/admin/account) only.
    hidden: hiddenFromVendors,
  },
  // A user populated into another document (an order's customer, a product's owner) is their
  // public profile; `populate[users][email]=true` asks for more, within field access.
  defaultPopulate: { username: true, name: true, avatar: true },
  access: {
    admin: canUseAdminPanel,
    create: anyone,
    read: or(isAdminOrStaff, isSelf),
    update: or(isAdmin, isSelf),
    delete: isAdmin,
    unlock: isAdmin,
  },
  auth: {
    // Admin UI and `POST /api/users/login` sessions; `/api/token` access tokens have their own TTL.
    tokenExpiration: authSettings().sessionTtl,
    loginWithUsername: { allowEmailLogin: true, requireEmail: true, requireUsername: true },
    verify: true,
    maxLoginAttempts: Number(process.env.MAX_LOGIN_ATTEMPTS ?? 5),
    lockTime: Number(process.env.LOGIN_LOCK_MS ?? 10 * 60 * 1000),
    forgotPassword: {
      expiration: authSettings().resetPasswordTtl * 1000,
      generateEmailSubject: () => 'Reset your Marketplace password',
      generateEmailHTML: (args) => resetPasswordEmail(args?.token ?? ''),
    },
    strategies: [apiTokenStrategy],
  },
  hooks: {
    beforeOperation: [
      // First: later hooks and Payload read the row as committed, and a concurrent email
      // confirmation cannot be overwritten by this update's stale copy.
      lockDocumentForWrite,
      controlAccountActivation,
      rehearseTakenEmailSignUp,
      refuseWeakPasswordOnReset,
      revokeRefreshTokensOnReset,
      cancelPendingEmailChangeOnReset,
      refuseUnconfirmedCredentialChanges,
      refuseRefreshOfEndedSession,
      refuseRefreshOfPairTokens,
      equalizeLoginTiming,
    ],
    beforeValidate: [refuseWeakPassword],
    beforeChange: [
      lockEachDocumentBeforeChange,
      ignoreRoleChangesByNonAdmins,
      assignFirstUserAdmin,
      holdOwnEmailChange,
      cancelPendingEmailChange,
      refuseDuplicateEmail,
      revokeRefreshTokensOnPasswordChange,
      expireResetLinkOnCredentialChange,
    ],
    afterChange: [queueActivationEmail, queueEmailChangeConfirmation, refreshCustomerOrderTitles],
    beforeDelete: [
      lockEachDocumentBeforeDelete,
      refuseDeletingUserWithHistory,
      removeCartWithAccount,
    ],
    afterLogout: [refuseApiTokenLogout, revokeRefreshTokensOnLogout],
    afterOperation: [discardTakenEmailSignUp],
    me: [describeApiTokenSession],
  },
  endpoints: [
    ...activationEndpoints,
    ...confirmEmailEndpoints,
    ...apiTokenEndpoints,
    forgotPasswordEndpoint,
  ],
  fields: [
    {
      name: 'username',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      minLength: 3,
      maxLength: 30,
      validate: validateUsername,
      admin: { description: '3–30 letters, digits, ".", "_" or "-"; unique ignoring case.' },
    },
    {
      // Merged with Payload's own email field (validation, lower-casing, uniqueness).
      name: 'email',
      type: 'email',
      required: true,
      access: { read: fieldLevel(or(isAdminOrStaff, isSelf)) },
    },
    {
      // A change of one's own email waits here until the new address confirms it
      // (holdOwnEmailChange, POST /api/users/confirm-email); only server code writes it.
      name: 'pendingEmail',
      type: 'email',
      access: { read: fieldLevel(or(isAdmin, isSelf)), create: nobody, update: nobody },
      admin: {
        readOnly: true,
        description:
          'New email address awaiting confirmation: a link was sent to it. Sign-in uses the current email until then.',
        condition: (data) => Boolean(data?.pendingEmail),
      },
    },
    {
      // Never stored: confirms a change of one's own password or email (refuseUnconfirmedCredentialChanges).
      name: 'currentPassword',
      type: 'text',
      virtual: true,
      access: { read: nobody },
      admin: { description: 'Your current password: needed to change your password or email.' },
    },
    {
      // On one's own account: a small form of its own that sends the change with the current
      // password (src/admin/users/OwnCredentials); Payload's account view has no place for it.
      name: 'ownCredentials',
      type: 'ui',
      admin: {
        disableListColumn: true,
        components: { Field: '/src/admin/users/OwnCredentials#OwnCredentials' },
      },
    },
    { name: 'name', type: 'text', admin: { description: 'Shown to other users (optional).' } },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['customer'],
      index: true,
      access: {
        read: fieldLevel(or(isAdminOrStaff, isSelf)),
        create: canChooseSignUpRoles,
        update: isAdmin,
      },
      admin: {
        position: 'sidebar',
        description: 'Sign-up may choose customer or vendor; admins grant everything else.',
      },
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Staff', value: 'staff' },
        { label: 'Vendor', value: 'vendor' },
        { label: 'Customer', value: 'customer' },
      ],
    },
    {
      // A list column only: the activation state of the account (`_verified`).
      name: 'activation',
      type: 'ui',
      label: 'Activation',
      admin: {
        components: {
          Field: false,
          Cell: '/src/admin/users/ActivationCell#ActivationCell',
        },
      },
    },
    {
      name: 'avatar',
      type: 'upload',
      relationTo: 'media',
      filterOptions: { mimeType: { contains: 'image/' } },
      validate: validateMediaKind('image'),
      admin: uploadFieldAdmin({ description: 'Profile picture (an image).' }),
    },
  ],
}
