/** The most units of one product an order (and a cart) may hold. */
export const MAX_LINE_QUANTITY = 100

/** The most lines one order (and a cart) may have (refused before anything is looked up or priced). */
export const MAX_ORDER_LINES = 100
