import type { FieldAccess } from 'payload'

import type { Review } from '@/payload-types'
import { relationId } from '../src/lib/relationId'
import { isAdminUser } from '../src/lib/roles'

/** A review's words and rating are its author's: staff moderate (hide/delete), admins may edit. */
export const isReviewAuthorOrAdminFieldLevel: FieldAccess<Review> = ({ req: { user }, doc }) =>
  isAdminUser(user) || (Boolean(user) && relationId(doc?.author) === user?.id)
