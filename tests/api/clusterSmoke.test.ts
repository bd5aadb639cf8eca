/**
 * The multi-instance smoke test (issue 15) under jest: the flow of `npm run cluster:smoke`
 * (tests/smoke/clusterFlow.ts, one implementation), each step a test, on two web instances and
 * one job runner sharing PostgreSQL, Redis and an S3 bucket (tests/smoke/topology.ts).
 */
import { replicationAvailable, replicationUnavailableReason } from '../helpers/streamingReplica'
import { clusterSmokeFlow, type FlowContext } from '../smoke/clusterFlow'
import { startClusterTopology } from '../smoke/topology'

const redisUrl = process.env.REDIS_URL

const describeWithRedis = redisUrl ? describe : describe.skip
if (!redisUrl) {
  console.warn(
    'Skipping the multi-instance smoke test: it shares Redis between instances; set REDIS_URL (e.g. redis://127.0.0.1:6379).',
  )
} else if (!replicationAvailable()) {
  console.warn(
    `The multi-instance smoke test runs without its read replica: ${replicationUnavailableReason()}.`,
  )
}

describeWithRedis('multi-instance smoke: two web instances and a job runner', () => {
  let context: FlowContext | undefined
  let failedStep: string | undefined

  beforeAll(async () => {
    const topology = await startClusterTopology({
      redisUrl: redisUrl!,
      step: (_name, run) => run(),
    })
    context = { topology }
  }, 420_000)

  afterAll(async () => {
    if (failedStep && context) {
      console.warn(`cluster smoke failed at "${failedStep}":\n${context.topology.outputTails()}`)
    }
    await context?.topology.stop()
  }, 60_000)

  for (const { name, needsReplica, run } of clusterSmokeFlow) {
    // The topology has a replica exactly when the machine can run one (smokeDatabase).
    const itHere = needsReplica && !replicationAvailable() ? it.skip : it
    itHere(name, async () => {
      if (!context) throw new Error('the topology did not start')
      if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`)
      try {
        await run(context)
      } catch (error) {
        failedStep = name
        throw error
      }
    })
  }
})
