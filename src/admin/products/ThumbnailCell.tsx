import type { DefaultServerCellComponentProps } from 'payload'
import React from 'react'

import { relationIds } from '../../lib/relationId'
import { thumbnailLoader } from './mediaThumbnails'

const SIZE = 48

/**
 * The products list's picture column: the first image's `thumbnail` size (200×200 WebP) shown
 * small, or a grey placeholder when the product has no picture yet.
 */
export const ThumbnailCell = async ({
  cellData,
  payload,
  rowData,
}: DefaultServerCellComponentProps) => {
  const [first] = relationIds(cellData)
  const thumbnail = first === undefined ? null : await thumbnailLoader(payload).load(first)
  const box = { width: SIZE, height: SIZE, borderRadius: 4, display: 'block' }
  if (!thumbnail) {
    return (
      <span aria-label="No picture" style={{ ...box, background: 'var(--theme-elevation-100)' }} />
    )
  }
  const name = [rowData?.brand, rowData?.model].filter(Boolean).join(' ')
  return (
    <img
      src={thumbnail.url}
      alt={thumbnail.alt || name}
      width={SIZE}
      height={SIZE}
      loading="lazy"
      style={{ ...box, objectFit: 'cover' }}
    />
  )
}
