/** A URL slug: lower-case ASCII letters and digits separated by single hyphens. */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '')

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
