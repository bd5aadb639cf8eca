import { NavGroup } from '@payloadcms/ui'
import Link from 'next/link'
import type { ServerProps } from 'payload'

import { hasRole } from '../../lib/roles'
import { FULFILMENT_PATH } from './fulfilmentPath'

/** The nav entry of the Fulfilment view, for vendors only (`admin.components.afterNavLinks`). */
export const FulfilmentNavLink = ({ payload, user }: ServerProps) => {
  if (!hasRole(user, 'vendor')) return null
  return (
    <NavGroup label="Sales">
      <Link
        className="nav__link"
        href={`${payload.config.routes.admin}${FULFILMENT_PATH}`}
        id="nav-fulfilment"
        prefetch={false}
      >
        <span className="nav__link-label">Order lines to fulfil</span>
      </Link>
    </NavGroup>
  )
}
