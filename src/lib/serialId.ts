/** The largest id a Postgres `serial` column (what Payload's adapter uses for ids) can hold. */
export const MAX_SERIAL_ID = 2_147_483_647

/**
 * Whether `value` can be compared with a serial id column without a database error: an integer
 * (or a string of digits) from 0 to `MAX_SERIAL_ID`. Beyond it Postgres fails the whole query
 * ("out of range for type integer"), which would surface as a 500; a fraction would be rounded
 * to a neighbouring id.
 */
export const isSerialId = (value: unknown): boolean => {
  if (typeof value === 'string') return /^\d{1,10}$/.test(value) && Number(value) <= MAX_SERIAL_ID
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SERIAL_ID
  )
}
