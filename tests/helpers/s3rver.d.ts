/** The part of @20minutes/s3rver (ships no types) the object-storage tests use. */
declare module '@20minutes/s3rver' {
  type Options = {
    address?: string
    port?: number
    silent?: boolean
    directory: string
    configureBuckets?: Array<{ name: string; configs: Array<string | Buffer> }>
  }
  export default class S3rver {
    constructor(options: Options)
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
