/** A local path to go to after a form (`next`), never another site (`//host`, `/\\host`). */
export const localPath = (value: string | null | undefined, fallback: string): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : fallback
