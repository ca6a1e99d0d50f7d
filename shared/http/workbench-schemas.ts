// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { CASE_SOURCES } from '#domain/case-source.ts';
import { LEVELS } from '#domain/hierarchy.ts';
import type { IssueStatus } from '#domain/issue.ts';
import { calendarDay, phone } from './schemas.ts';

const STATUSES = [
  'submitted',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
] as const satisfies IssueStatus[];
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const POSITION = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]{1,80}$/;

/** A list cursor: the base64url of the last case's index position; anything else is refused at `after`. */
const cursor = z
  .string()
  .max(200)
  .transform((value, context) => {
    const position = Buffer.from(value, 'base64url').toString('utf8');
    if (POSITION.test(position)) return position;
    context.addIssue({ code: 'custom', message: 'Not a cursor this API returned' });
    return z.NEVER;
  });

/** The list's cursor as clients hold it. */
export function cursorOf(position: string): string {
  return Buffer.from(position, 'utf8').toString('base64url');
}

const startOfDay = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

const filterFields = {
  status: z.enum(STATUSES).optional(),
  level: z.enum(LEVELS).optional(),
  category: z.string().trim().min(1).max(64).optional(),
  source: CASE_SOURCES.optional(),
  overdue: flag.optional(),
  deferred: flag.optional(),
  paused: flag.optional(),
  from: calendarDay.optional().meta({ description: 'Created on or after this day (China time)' }),
  to: calendarDay.optional().meta({ description: 'Created on or before this day (China time)' }),
  address: z.string().trim().min(2).max(100).optional().meta({ description: 'Part of the address' }),
};

const dayRangeInOrder = {
  check: (query: { from?: string | undefined; to?: string | undefined }) =>
    !query.from || !query.to || query.from <= query.to,
  message: { message: 'from must not be after to', path: ['to'] },
};

/** `GET /workbench/api/cases`: filters and paging, or a search by case number or phone number. */
export const caseListQuery = z
  .strictObject({
    ...filterFields,
    number: z.string().trim().min(3).max(40).optional().meta({ description: 'A case number (search)' }),
    phone: phone.optional().meta({ description: 'The reporter’s phone number (search)' }),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    after: cursor.optional().meta({ description: 'The `next` of the previous page' }),
  })
  .refine(dayRangeInOrder.check, dayRangeInOrder.message)
  .refine((query) => !(query.number && query.phone), {
    message: 'Search by case number or by phone number, not both',
    path: ['phone'],
  });

/** `POST /workbench/api/exports`: the list's filters (as query parameters), every matching case. */
export const caseExportQuery = z
  .strictObject(filterFields)
  .refine(dayRangeInOrder.check, dayRangeInOrder.message);

/** `GET /workbench/api/audit`: the district's enquiry into the trail. */
export const auditQuery = z
  .strictObject({
    from: calendarDay,
    to: calendarDay,
    caseId: z.string().trim().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
    after: z.string().max(400).optional(),
  })
  .refine(dayRangeInOrder.check, dayRangeInOrder.message)
  .refine((query) => query.to < '9999' && Date.parse(query.to) - Date.parse(query.from) <= 92 * 86_400_000, {
    message: 'At most 92 days at a time',
    path: ['to'],
  });

/** The list filter with its days turned into instants (China time). */
export function filterOf(query: z.infer<typeof caseExportQuery>) {
  const { from, to, ...rest } = query;
  return { ...rest, from: from ? startOfDay(from) : undefined, to: to ? endOfDay(to) : undefined };
}
