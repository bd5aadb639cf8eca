import type { CollectionConfig, Config, Plugin } from 'payload'

import { csvExportEndpoint } from '../endpoints/shared/csvExport'
import type { ExportedCollection } from '../operations/csvExport'

const EXPORTED: ExportedCollection[] = ['orders', 'products']

/** The list view's "Export CSV" link, carrying the list's filter and sort (admins and staff). */
const exportLink = (slug: ExportedCollection) => ({
  path: '/src/admin/export/ExportCsvLink#ExportCsvLink',
  clientProps: { collectionSlug: slug },
})

const withCsvExport = (collection: CollectionConfig, slug: ExportedCollection) => ({
  ...collection,
  admin: {
    ...collection.admin,
    components: {
      ...collection.admin?.components,
      listMenuItems: [...(collection.admin?.components?.listMenuItems ?? []), exportLink(slug)],
    },
  },
  endpoints: [csvExportEndpoint(slug), ...(collection.endpoints || [])],
})

/**
 * CSV export of orders and products (`GET /api/<slug>/export.csv`, src/operations/csvExport.ts)
 * with its link in their list views. Used instead of @payloadcms/plugin-import-export: see
 * docs/CONSOLE.md for why.
 */
export const csvExportPlugin: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => {
    const slug = EXPORTED.find((each) => each === collection.slug)
    return slug ? withCsvExport(collection, slug) : collection
  }),
})
