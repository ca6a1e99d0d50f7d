import * as z from 'zod';

/**
 * How a case came in: a resident's own web report, the city hotline's hand-off, a report made for a resident
 * (代报), a worker's round (巡查), or an Open311 client. Cases stored before sources existed are `web`.
 */
export const CASE_SOURCES = z.enum(['web', 'hotline', 'on_behalf', 'patrol', 'open311']);
export type CaseSource = z.infer<typeof CASE_SOURCES>;

/** How a partner's caller reached it (the hotline's own channel), as the partner reports it. */
export const PARTNER_CHANNELS = z.enum(['phone', 'web', 'app', 'wechat', 'sms', 'other']);
export type PartnerChannel = z.infer<typeof PARTNER_CHANNELS>;

/** The partner system's own reference for a case it handed over: one order number, one case. */
export interface PartnerOrder {
  readonly partnerId: string;
  readonly orderNo: string;
  readonly channel: PartnerChannel;
  /** A digest of what the partner sent: the same order number with another body is refused, not merged. */
  readonly requestHash: string;
}

/** Where a case came in; cases older than the field are residents' web reports. */
export function sourceOf(issue: { readonly source?: CaseSource | undefined }): CaseSource {
  return issue.source ?? 'web';
}
