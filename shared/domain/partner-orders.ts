import { createHash } from 'node:crypto';
import type { Issue } from './issue.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The case id of a partner's order: derived from the partner and its order number, so that creating the
 * same order twice, even at the same instant, meets the one conditional put of the case itself. Ids are not
 * secret (the public view shows nothing private), so a plain digest suffices and survives link-key rotation.
 */
export function partnerOrderIssueId(partnerId: string, orderNo: string): string {
  const digest = createHash('sha256').update(`partner-order\0${partnerId}\0${orderNo}`, 'utf8').digest();
  let id = 'gw-';
  for (let i = 0; i < 16; i++) id += BASE32[(digest[i] ?? 0) % 32];
  return id;
}

/** Whether a stored case is this partner's order (the same number from another partner is another case). */
export function isOrderOf(issue: Issue, partnerId: string, orderNo: string): boolean {
  return issue.partnerOrder?.partnerId === partnerId && issue.partnerOrder.orderNo === orderNo;
}
