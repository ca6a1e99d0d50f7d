import { type PartnerChannel, sourceOf } from '#domain/case-source.ts';
import { categoryOf } from '#domain/categories.ts';
import { PartnerOrderNotFoundError } from '#domain/errors.ts';
import type { Issue, Location } from '#domain/issue.ts';
import { isOrderOf, partnerOrderIssueId } from '#domain/partner-orders.ts';
import type { Notification } from '#ports';
import type { Deps } from './deps.ts';
import { type Receipt, reportIssue } from './report-issue.ts';
import { caseView, type IssueView } from './view-issue.ts';

/** A case as a partner system (the city's 12345 hotline) hands it over. */
export interface PartnerCase {
  readonly orderNo: string;
  readonly channel: PartnerChannel;
  readonly category: string;
  readonly description: string;
  readonly location: Location;
  /** Who called: reached by the grid worker, and by the tracking and rating messages when `onBehalf`. */
  readonly caller: { readonly name?: string | undefined; readonly phone: string };
  /** An operator reporting for a resident (代报): the resident's phone gets the tracking link and the rating. */
  readonly onBehalf?: boolean | undefined;
}

type PartnerDeps = Pick<
  Deps,
  'issues' | 'idempotency' | 'caseNumbers' | 'registry' | 'clock' | 'keys' | 'notifier' | 'publicUrl'
>;

/**
 * Takes a partner's case through the one intake use-case. The order number makes it idempotent: the same
 * order with the same body finds the same case, with another body it is refused (OrderNumberReusedError).
 */
export async function reportForPartner(
  deps: PartnerDeps,
  partnerId: string,
  order: PartnerCase,
): Promise<Receipt> {
  const onBehalf = order.onBehalf === true;
  const receipt = await reportIssue(deps, {
    category: order.category,
    description: order.description,
    location: order.location,
    reporter: { name: order.caller.name, phone: order.caller.phone },
    source: onBehalf ? 'on_behalf' : 'hotline',
    partnerOrder: { partnerId, orderNo: order.orderNo, channel: order.channel },
  });
  // Sent on every attempt: the message id is stable, so a retried request does not text the resident twice.
  if (onBehalf) await deps.notifier.send(trackingMessage(deps.publicUrl, receipt));
  return receipt;
}

/** Tells a resident someone reported for them, with the tracking link (the token travels in the fragment). */
export function trackingMessage(publicUrl: string, { issue, trackingToken }: Receipt): Notification {
  return {
    id: `${issue.id}:tracking`,
    to: `reporter:${issue.id}`,
    subject: '您的诉求已登记',
    text: `已为您登记“${categoryOf(issue.category).name}”诉求（${issue.id}），处理完成后请您评价。`,
    link: `${publicUrl}/track/${issue.id}#token=${trackingToken}`,
    contact: { phone: issue.reporter?.phone },
  };
}

/** What a partner sees of its own order: the public view of the case, never another partner's order. */
export async function viewPartnerCase(
  deps: Pick<Deps, 'issues' | 'clock' | 'calendars' | 'registry' | 'photos'>,
  partnerId: string,
  orderNo: string,
): Promise<{ orderNo: string; case: IssueView }> {
  const stored = await deps.issues.get(partnerOrderIssueId(partnerId, orderNo));
  if (!stored || !isOrderOf(stored.issue, partnerId, orderNo)) throw new PartnerOrderNotFoundError();
  // The public view: the caller's details were the partner's to begin with, and stay off every view.
  return { orderNo, case: await caseView(deps, stored.issue, 'public') };
}

/** The answer to a partner's create: the case it is, and whether this request made it. */
export function partnerReceipt(issue: Issue, orderNo: string) {
  return { orderNo, caseId: issue.id, source: sourceOf(issue), status: issue.status, gridId: issue.gridId };
}
