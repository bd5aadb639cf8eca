/**
 * The example Kubernetes manifests (docs/deploy/kubernetes, not applied anywhere here) at least
 * parse, and set only variables the code reads; and every variable the code reads is documented
 * in docs/DEPLOYMENT.md.
 */
import fs from 'node:fs'
import path from 'node:path'
import YAML from 'yaml'

const MANIFEST_DIR = path.resolve('docs/deploy/kubernetes')
const SOURCE_ROOTS = [
  'src',
  'collections',
  'hooks',
  'access',
  'payload.config.ts',
  'next.config.ts',
]

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field

const sourceFiles = (entry: string): string[] => {
  if (!fs.statSync(entry).isDirectory()) return [entry]
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .flatMap((child) => sourceFiles(path.join(entry, child.name)))
    .filter((file) => /\.(ts|tsx|mjs)$/.test(file) && !file.endsWith('payload-types.ts'))
}

/**
 * Variables the code reads: `process.env.NAME`, `env.NAME` (an env object passed in), and names
 * handed to the readers that take one (`seconds('NAME')`, `envNumber`, `localSecret`) or kept in
 * a constant (`…_ENV = 'NAME'`, `WEB_WORKER_INDEX = 'NAME'`).
 */
const variablesReadByCode = (): Set<string> => {
  const patterns = [
    /\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)\b/g,
    /\b(?:seconds|envNumber|localSecret)\(\s*'([A-Z][A-Z0-9_]+)'/g,
    /\b[A-Z_]+ = '([A-Z][A-Z0-9_]+)'/g,
  ]
  const names = new Set<string>()
  for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
    const text = fs.readFileSync(file, 'utf8')
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) names.add(match[1])
    }
  }
  names.delete('PATH')
  return names
}

const manifests = (): Array<{ file: string; doc: Json }> =>
  fs
    .readdirSync(MANIFEST_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const file = path.join(MANIFEST_DIR, name)
      return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
        expect({ file: name, errors: doc.errors.map(String) }).toEqual({ file: name, errors: [] })
        return { file: name, doc: doc.toJSON() as Json }
      })
    })

const containersOf = (doc: Json): Json[] => doc.spec?.template?.spec?.containers ?? []

describe('example Kubernetes manifests', () => {
  it('parse, and each is a named Kubernetes object', () => {
    const docs = manifests()
    expect(docs.map(({ doc }) => doc.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Deployment',
      'Job',
      'Secret',
      'Service',
    ])
    for (const { doc } of docs) {
      expect(doc).toMatchObject({
        apiVersion: expect.any(String),
        metadata: { name: expect.any(String) },
      })
    }
  })

  it('set only variables the code reads', () => {
    const read = variablesReadByCode()
    const set = new Set<string>()
    for (const { doc } of manifests()) {
      if (doc.kind === 'Secret') Object.keys(doc.stringData ?? {}).forEach((name) => set.add(name))
      if (doc.kind === 'ConfigMap') Object.keys(doc.data ?? {}).forEach((name) => set.add(name))
      for (const container of containersOf(doc)) {
        for (const variable of container.env ?? []) set.add(variable.name)
      }
    }
    expect(set.size).toBeGreaterThan(10)
    expect([...set].filter((name) => !read.has(name))).toEqual([])
  })

  it('run exactly one worker, replaced rather than rolled, and probe the web pods', () => {
    const byName = Object.fromEntries(
      manifests().map(({ doc }) => [`${doc.kind}/${doc.metadata.name}`, doc]),
    )
    const workerDeployment = byName['Deployment/marketplace-worker']
    expect(workerDeployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } })
    const [worker] = containersOf(workerDeployment)
    expect(worker.command.at(-1)).toBe('worker')
    const [server] = containersOf(byName['Deployment/marketplace-web'])
    expect(server).toMatchObject({
      livenessProbe: { httpGet: { path: '/healthz' } },
      readinessProbe: { httpGet: { path: '/readyz' } },
      env: expect.arrayContaining([{ name: 'JOBS_AUTORUN', value: 'false' }]),
    })
  })
})

describe('docs/DEPLOYMENT.md', () => {
  it('names every variable the code reads', () => {
    const docs = fs.readFileSync('docs/DEPLOYMENT.md', 'utf8')
    const documented = new Set([...docs.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]))
    const read = [...variablesReadByCode()]
    expect(read.length).toBeGreaterThan(40)
    expect(read.filter((name) => !documented.has(name)).sort()).toEqual([])
  })
})
