/** Where the vendors' Fulfilment view lives under the admin route. */
export const FULFILMENT_PATH = '/fulfilment'
