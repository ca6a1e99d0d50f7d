// The bodies the routes answer with, as zod schemas for the OpenAPI document (./openapi.ts). They live apart
// from the handlers so no route bundle carries zod for them; the type checks at the end tie each schema to the
// type its use-case or handler returns, so a field added on one side and not on the other fails to compile.

import * as z from 'zod';
import { CASE_SOURCES } from '#domain/case-source.ts';
import type { Category } from '#domain/categories.ts';
import type { PlaceCandidate } from '#domain/errors.ts';
import type { FollowUp } from '#domain/follow-ups.ts';
import {
  type EventType,
  type IssueStatus,
  type RatingOutcome,
  TASK_ACTIONS,
  type TaskAction,
  type TaskKind,
} from '#domain/issue.ts';
import { CASE_OUTCOMES } from '#domain/outcomes.ts';
import { PHOTO_KINDS } from '#domain/photos.ts';
import type { GridSummary } from '#use-cases/list-grids.ts';
import type { PhotoView } from '#use-cases/photos.ts';
import type { IssueView } from '#use-cases/view-issue.ts';
import { departmentList } from './department-schemas.ts';
import { exportStarted, exportStatusView } from './export-schemas.ts';
import {
  dashboardDaily,
  dashboardFigures,
  dashboardOverdue,
  monthlyReport,
  statsAnswer,
  statsView,
} from './figure-schemas.ts';
import { followUpList } from './follow-up-schemas.ts';
import { type Agree, caseNumber, duration, instant, level } from './schema-primitives.ts';
import { assignee, RATING_OUTCOMES, timelineEvent } from './timeline-schema.ts';

const ISSUE_STATUSES = ['submitted', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
const issueStatus = z.enum(ISSUE_STATUSES);

export const healthAnswer = z.object({ status: z.literal('ok') });

export const categoryList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      urgent: z.boolean(),
      timeBasis: z.enum(['calendar', 'working']),
      deadlines: z.object({ accept: duration, resolve: duration }),
    }),
  ),
});

const gridSummary = z.object({
  id: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  streetId: z.string(),
  workers: z.array(z.object({ id: z.string(), name: z.string() })),
  addresses: z.array(z.string()),
});

export const gridPage = z.object({
  items: z.array(gridSummary),
  next: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
});

/** A registered place as a resident recognises it (also the candidates of an ambiguous address). */
const placeCandidate = z.object({
  address: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  communityName: z.string(),
});

export const addressSuggestions = z.object({
  items: z.array(placeCandidate).meta({ description: 'At most 10, best first' }),
  more: z.boolean().meta({ description: 'More addresses match: type more of it' }),
});

export const createdIssue = z.object({
  id: z.string(),
  caseNumber,
  status: issueStatus,
  gridId: z.string(),
  trackingToken: z.string().meta({ description: 'The only proof of having reported the issue: keep it' }),
});

export const photoView = z.object({
  id: z.string(),
  kind: z.enum(PHOTO_KINDS).meta({ description: 'report: the resident’s; before/after: the worker’s' }),
  at: instant,
  width: z.number().int(),
  height: z.number().int(),
  url: z
    .string()
    .meta({ description: 'The photo (JPEG, no metadata); a presigned URL valid for 15 minutes' }),
  thumbnailUrl: z.string().meta({ description: 'A 320×320 JPEG thumbnail; valid for 15 minutes' }),
});

export const photoUpload = z.object({
  uploadId: z.string().meta({ description: 'Pass to the attach route once the file is uploaded' }),
  url: z.string().meta({ description: 'POST a multipart/form-data form here: `fields` first, then `file`' }),
  fields: z.record(z.string(), z.string()),
  expiresAt: instant,
  maxBytes: z.number().int(),
});

export const publicIssue = z.object({
  id: z.string(),
  caseNumber,
  category: z.string(),
  description: z
    .string()
    .nullable()
    .meta({ description: 'The resident’s own words: only with the tracking token' }),
  source: CASE_SOURCES.meta({ description: 'How the case came in; never who reported it' }),
  status: issueStatus,
  level,
  gridId: z.string(),
  gridName: z.string().nullable(),
  communityName: z.string().nullable(),
  gridNames: z
    .record(z.string(), z.string())
    .meta({ description: 'The name of every grid the view mentions (its grid, the timeline’s `to`), by id' }),
  assignee: assignee.nullable(),
  deadline: instant.nullable(),
  resolveDeadline: instant
    .nullable()
    .meta({ description: 'The resolve (办结) deadline of the whole case; kept when it climbs' }),
  timeLeft: z
    .object({
      amount: z.number().int(),
      unit: z.enum(['hours', 'days']),
      basis: z.enum(['calendar', 'working']),
    })
    .nullable()
    .meta({ description: 'Left until the resolve deadline, on the case’s clock; null once resolved' }),
  overdue: z.boolean(),
  reworkCount: z.number().int(),
  rating: z.object({ score: z.number().int() }).nullable(),
  outcome: z.enum(RATING_OUTCOMES).nullable().meta({ description: 'How the rating ended the case' }),
  resolution: z
    .object({
      outcome: CASE_OUTCOMES.meta({
        description: 'How the work ended (办理结果); the resolve note (with the tracking token) says why',
      }),
      at: instant,
    })
    .nullable()
    .meta({ description: 'Once resolved or closed; null while the case runs (again, after a rework)' }),
  createdAt: instant,
  timeline: z.array(timelineEvent),
  photos: z.array(photoView),
});

export const taskView = z.object({
  issueId: z.string(),
  category: z.object({ code: z.string(), name: z.string() }),
  description: z.string(),
  status: issueStatus,
  level,
  task: z.object({ kind: z.enum(['accept', 'resolve', 'supervise']), assignee, deadline: instant }),
  reporter: z
    .object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
    .nullable()
    .meta({ description: 'Only on the link of a resolve task, while it is open' }),
  request: z
    .object({
      kind: z.enum(['defer', 'pause', 'appeal']),
      by: assignee,
      reason: z.string(),
      until: instant.optional(),
    })
    .nullable()
    .meta({ description: 'On an approval link: the deferral or pause asked for' }),
  actions: z.array(z.enum(TASK_ACTIONS)),
  photos: z.array(photoView),
  coHandlers: z
    .array(
      z.object({
        department: z.object({ id: z.string(), name: z.string() }),
        status: z.enum(['reported', 'pending', 'overdue']),
        deadline: instant,
        report: z.object({ note: z.string(), at: instant }).optional(),
      }),
    )
    .optional()
    .meta({
      description: 'On a lead’s link once it asked for co-handling (协办): where each co-handler stands',
    }),
});

/** What a decision on a task and a rating answer: the case and its status after the change. */
export const issueStatusAnswer = z.object({ issueId: z.string(), status: issueStatus });

/**
 * What a rating answers: what the rating leads to, which the workflow applies within moments (GET /issues/{id}
 * may still say `resolved` until it has).
 */
export const ratingAnswer = z.object({
  issueId: z.string(),
  caseNumber,
  next: z.enum(['closed', 'reopened']).meta({
    description: '`closed`: the case closes; `reopened`: a bad rating sends it back for rework',
  }),
  status: issueStatus.meta({
    description: 'The status the case moves to: `closed`, or `assigned` on rework',
  }),
});

/** What a partner's create answers, the first time (201) and on a repeat of the same order (200). */
export const partnerCaseReceipt = z.object({
  orderNo: z.string(),
  caseId: z.string(),
  source: CASE_SOURCES,
  status: issueStatus,
  gridId: z.string(),
});

/** What a partner reads of its order: the order number and the case's public view. */
export const partnerCaseView = z.object({ orderNo: z.string(), case: publicIssue });

/** An RFC 9457 problem, as every handler failure leaves (shared/http/problem.ts). */
export const problemBody = z.object({
  type: z.string().meta({ description: '`urn:problem:gridwork:<kind>`, or about:blank' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .meta({ description: 'Each invalid field by its path, e.g. `location.gridId`, `idempotency-key`' }),
  issueId: z.string().optional().meta({ description: 'On a used (409) or spent (410) link: the case' }),
  candidates: z.array(placeCandidate).optional().meta({
    description: 'On an ambiguous address (`urn:problem:gridwork:address-ambiguous`): the places it may mean',
  }),
});

/** What API Gateway itself answers, before or instead of a handler. */
export const gatewayMessage = z.object({ message: z.string() });

/** The schemas by the name the document's components give them. */
export const RESPONSE_SCHEMAS = {
  Health: healthAnswer,
  CategoryList: categoryList,
  GridPage: gridPage,
  DepartmentList: departmentList,
  AddressSuggestions: addressSuggestions,
  CreatedIssue: createdIssue,
  PublicIssue: publicIssue,
  PhotoUpload: photoUpload,
  PhotoView: photoView,
  TaskView: taskView,
  IssueStatusAnswer: issueStatusAnswer,
  RatingAnswer: ratingAnswer,
  StatsView: statsView,
  StatsAnswer: statsAnswer,
  DashboardFigures: dashboardFigures,
  DashboardOverdue: dashboardOverdue,
  DashboardDaily: dashboardDaily,
  MonthlyReport: monthlyReport,
  PartnerCaseReceipt: partnerCaseReceipt,
  PartnerCaseView: partnerCaseView,
  Problem: problemBody,
  GatewayMessage: gatewayMessage,
  FollowUpList: followUpList,
  ExportStarted: exportStarted,
  ExportStatus: exportStatusView,
} as const;

// Compile-time agreement between each schema and the type its code returns (see `Agree`).
export const SCHEMAS_AGREE: [
  Agree<typeof publicIssue, IssueView>,
  Agree<typeof photoView, PhotoView>,
  Agree<typeof gridSummary, GridSummary>,
  Agree<typeof categoryList.shape.items.element, Category>,
  Agree<typeof issueStatus, IssueStatus>,
  Agree<typeof placeCandidate, PlaceCandidate>,
  Agree<typeof timelineEvent.shape.type, EventType>,
  Agree<typeof timelineEvent.shape.outcome, RatingOutcome | undefined>,
  Agree<typeof taskView.shape.task.shape.kind, TaskKind>,
  Agree<typeof taskView.shape.actions.element, TaskAction>,
  Agree<typeof followUpList.shape.followUps.element, FollowUp>,
] = [true, true, true, true, true, true, true, true, true, true, true];

/** The answers the handlers shape themselves, for `satisfies` where they are built. */
export type PhotoUploadAnswer = z.output<typeof photoUpload>;
export type CreatedIssue = z.output<typeof createdIssue>;
export type AddressSuggestions = z.output<typeof addressSuggestions>;
export type PartnerCaseReceipt = z.output<typeof partnerCaseReceipt>;
export type TaskViewAnswer = z.output<typeof taskView>;
export type IssueStatusAnswer = z.output<typeof issueStatusAnswer>;
export type RatingAnswer = z.output<typeof ratingAnswer>;
