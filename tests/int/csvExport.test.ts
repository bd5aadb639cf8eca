/**
 * The CSV export operation as each kind of caller: staff with a session get the rows; the same
 * staff account through an API token, vendors and customers are refused (403).
 */
import { createLocalReq, type Payload } from 'payload'

import { exportCsv } from '../../src/operations/csvExport'
import { createProduct, createUser, type TestUser } from '../helpers/fixtures'
import { closePayload, initPayload } from '../helpers/payload'

describe('CSV export operation', () => {
  let payload: Payload
  let staff: TestUser

  beforeAll(async () => {
    payload = await initPayload()
    staff = await createUser(payload, ['staff'])
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  const reqFor = (user: TestUser & { _strategy?: string }) => createLocalReq({ user }, payload)

  it('exports the products for staff with a session, one line each', async () => {
    const product = await createProduct(payload, { brand: 'Exported' })
    const csv = await exportCsv(await reqFor(staff), 'products', {
      where: { id: { equals: product.id } },
    })
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1].startsWith(`${product.id},Exported,`)).toBe(true)
  })

  it('refuses staff acting through an API token, vendors and customers with 403', async () => {
    const vendor = await createUser(payload, ['vendor'])
    const customer = await createUser(payload, ['customer'])
    for (const user of [{ ...staff, _strategy: 'api-token' }, vendor, customer]) {
      for (const collection of ['orders', 'products'] as const) {
        await expect(exportCsv(await reqFor(user), collection, {})).rejects.toMatchObject({
          status: 403,
        })
      }
    }
  })
})
