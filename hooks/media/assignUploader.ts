import type { CollectionBeforeChangeHook } from 'payload'

import type { Media } from '@/payload-types'

/** A file records who uploaded it; that never changes afterwards. */
export const assignUploader: CollectionBeforeChangeHook<Media> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create') {
    if (req.user) data.uploadedBy = req.user.id
  } else if (originalDoc) {
    data.uploadedBy = originalDoc.uploadedBy ?? null
  }
  return data
}
