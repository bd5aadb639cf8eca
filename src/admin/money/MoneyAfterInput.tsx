import React from 'react'

import { storeCurrency } from '../../lib/money'
import { MoneyPreview } from './MoneyPreview'

/**
 * Under an amount field in an edit view: its value as money. The store's currency is a server
 * setting, read here and handed to the client part, which follows what is typed.
 */
export const MoneyAfterInput = ({ path }: { path: string }) => (
  <MoneyPreview currency={storeCurrency()} path={path} />
)
