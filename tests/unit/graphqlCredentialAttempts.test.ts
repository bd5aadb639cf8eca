import { graphqlCredentialAttempts } from '../../src/lib/limits/graphqlCredentialAttempts'

const body = (query: unknown) => Buffer.from(JSON.stringify({ query }))

describe('graphqlCredentialAttempts', () => {
  it.each([
    ['one login', 'mutation { loginUser(email: "a", password: "b") { token } }', 1],
    [
      'aliased logins',
      'mutation { a: loginUser(email: "a", password: "b") { token } b: loginUser(email: "a", password: "c") { token } }',
      2,
    ],
    [
      'credential mutations in fragments, inline and named',
      'mutation { ... on Mutation { forgotPasswordUser(email: "a") } ...F } fragment F on Mutation { x: createUser(data: {}) { id } y: unlockUser(email: "a") }',
      3,
    ],
    ['other mutations', 'mutation { createProduct(data: {}) { id } logoutUser }', 0],
    ['a query', '{ loginUser { token } }', 0],
    ['no GraphQL', '{ not graphql', 0],
    ['no query', 42, 0],
  ])('counts %s', (_what, query, attempts) => {
    expect(graphqlCredentialAttempts(body(query))).toBe(attempts)
  })

  it('counts nothing in a body that is not JSON', () => {
    expect(graphqlCredentialAttempts(Buffer.from('query=mutation'))).toBe(0)
  })
})
