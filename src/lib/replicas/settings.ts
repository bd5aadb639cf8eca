/** `DATABASE_REPLICA_URLS`: hot-standby replicas of `DATABASE_URL`, comma-separated. */
export const replicaUrls = (): string[] =>
  (process.env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)

/** Whether this process reads from replicas (and so announces its catalog writes' positions). */
export const replicasConfigured = (): boolean => replicaUrls().length > 0
