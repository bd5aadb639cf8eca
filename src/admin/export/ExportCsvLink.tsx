'use client'

import { PopupList, useAuth, useConfig } from '@payloadcms/ui'
import { useSearchParams } from 'next/navigation'

import type { User } from '@/payload-types'

/** The list's own filter and sort, as the export endpoint reads them. */
const exportQuery = (params: URLSearchParams): string => {
  const kept = new URLSearchParams()
  for (const [key, value] of params) {
    if (key === 'sort' || key.startsWith('where[')) kept.append(key, value)
  }
  const query = kept.toString()
  return query ? `?${query}` : ''
}

/**
 * "Export CSV" in a list view's menu: downloads the rows the list shows (its filter and sort, all
 * pages) from `GET /api/<slug>/export.csv`. Shown to admins and staff, the only callers the
 * endpoint serves.
 */
export const ExportCsvLink = ({ collectionSlug }: { collectionSlug: string }) => {
  const { user } = useAuth<User>()
  const params = useSearchParams()
  const {
    config: {
      routes: { api },
    },
  } = useConfig()
  if (!user?.roles?.some((role) => role === 'admin' || role === 'staff')) return null
  // A plain navigation (not next/link): the answer is an attachment, so the page stays.
  const download = () =>
    window.location.assign(`${api}/${collectionSlug}/export.csv${exportQuery(params)}`)
  return <PopupList.Button onClick={download}>Export CSV</PopupList.Button>
}
