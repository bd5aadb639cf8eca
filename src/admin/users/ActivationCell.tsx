import type { DefaultServerCellComponentProps } from 'payload'

/**
 * The users list's activation column: whether the account has been activated (`_verified`, set
 * by the activation link or by an admin) or still waits for its link.
 */
export const ActivationCell = ({ rowData }: DefaultServerCellComponentProps) =>
  rowData?._verified ? 'Active' : 'Awaiting activation'
