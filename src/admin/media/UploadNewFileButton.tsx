'use client'

import { Button, useAuth, useDocumentDrawer, useField } from '@payloadcms/ui'
import type { UploadFieldClientProps } from 'payload'
import React from 'react'

type MediaId = number | string

/**
 * "Upload a new file" under an upload field (its `afterInput`). Payload's own "Create New" and
 * drop zone of a has-many field (and a drop on any upload field) open the bulk-upload drawer,
 * which sends files with `fetch` and shows no progress; those are turned off with the field's
 * `admin.allowCreate: false` (see `uploadFieldWithProgress`). This button opens the one-document
 * media drawer instead, whose Save (`UploadSaveButton`) shows the upload's progress, and adds the
 * new file to the field when it is saved.
 */
export const UploadNewFileButton = ({ field, path, readOnly }: UploadFieldClientProps) => {
  const { value, setValue } = useField<MediaId | MediaId[] | null>({ path })
  const { permissions } = useAuth()
  const collectionSlug = field.relationTo as string
  const [Drawer, , { closeDrawer, openDrawer }] = useDocumentDrawer({ collectionSlug })
  const hasMany = 'hasMany' in field && field.hasMany === true
  const full =
    hasMany && Array.isArray(value) && typeof field.maxRows === 'number'
      ? value.length >= field.maxRows
      : false
  if (readOnly || field.admin?.readOnly || !permissions?.collections?.[collectionSlug]?.create) {
    return null
  }
  return (
    <div className="upload-new-file">
      <Button buttonStyle="pill" disabled={full} onClick={openDrawer} size="small">
        {hasMany || !value ? 'Upload a new file' : 'Upload a new file instead'}
      </Button>
      <Drawer
        onSave={({ doc }) => {
          const id = doc.id as MediaId
          if (hasMany) setValue([...(Array.isArray(value) ? value : []), id])
          else setValue(id)
          closeDrawer()
        }}
      />
    </div>
  )
}
