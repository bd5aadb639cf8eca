import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { canAccessAdminPanel } from '../access/canAccessAdminPanel'
import { isAdmin } from '../access/isAdmin'
import { isAdminOrSelf } from '../access/isAdminOrSelf'
import { isAdminOrStaffOrSelf } from '../access/isAdminOrStaffOrSelf'
import { assignFirstUserAdmin } from '../hooks/assignFirstUserAdmin'
import { controlAccountActivation } from '../hooks/controlAccountActivation'
import { describeApiTokenSession } from '../hooks/describeApiTokenSession'
import { enforcePasswordPolicy } from '../hooks/enforcePasswordPolicy'
import { enforcePasswordPolicyOnReset } from '../hooks/enforcePasswordPolicyOnReset'
import { rejectDuplicateEmail } from '../hooks/rejectDuplicateEmail'
import { revokeRefreshTokensOnLogout } from '../hooks/revokeRefreshTokensOnLogout'
import { revokeRefreshTokensOnPasswordChange } from '../hooks/revokeRefreshTokensOnPasswordChange'
import { revokeRefreshTokensOnReset } from '../hooks/revokeRefreshTokensOnReset'
import { sendActivationEmail } from '../hooks/sendActivationEmail'
import { activationEndpoints } from '../src/endpoints/activation'
import { apiTokenEndpoints } from '../src/endpoints/apiTokens'
import { apiTokenStrategy } from '../src/lib/auth/apiTokens'
import { resetPasswordEmail } from '../src/lib/email/templates'
import { authSettings } from '../src/lib/auth/settings'

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'username',
    defaultColumns: ['username', 'email', 'roles', 'createdAt'],
    group: 'Accounts',
  },
  // Placeholder rules so the auth flows are testable on their own; the Domain work owns them.
  access: {
    admin: canAccessAdminPanel,
    create: anyone,
    read: isAdminOrStaffOrSelf,
    update: isAdminOrSelf,
    delete: isAdmin,
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
    beforeOperation: [controlAccountActivation, enforcePasswordPolicyOnReset],
    beforeValidate: [enforcePasswordPolicy],
    beforeChange: [assignFirstUserAdmin, rejectDuplicateEmail, revokeRefreshTokensOnPasswordChange],
    afterChange: [sendActivationEmail],
    afterLogout: [revokeRefreshTokensOnLogout],
    afterOperation: [revokeRefreshTokensOnReset],
    me: [describeApiTokenSession],
  },
  endpoints: [...activationEndpoints, ...apiTokenEndpoints],
  fields: [
    {
      name: 'username',
      type: 'text',
      required: true,
      unique: true,
      index: true,
    },
    { name: 'name', type: 'text' },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['customer'],
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Staff', value: 'staff' },
        { label: 'Vendor', value: 'vendor' },
        { label: 'Customer', value: 'customer' },
      ],
    },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
  ],
}
