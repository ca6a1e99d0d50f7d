import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { logger } from '#adapters/logger.ts';
import { ExportNotFoundError } from '#domain/case-export.ts';
import {
  ActionNotAllowedError,
  AmbiguousAddressError,
  ConcurrentUpdateError,
  DepartmentNotFoundError,
  DistrictOnlyError,
  FiguresNotPublishedError,
  FilterNotApplicableError,
  GridNotFoundError,
  IdempotencyKeyReusedError,
  InvalidChangeDateError,
  InvalidCursorError,
  IssueNotFoundError,
  IssueStateConflictError,
  LadderUnitOnlyError,
  LinkGoneError,
  LinkNotFoundError,
  LinkUsedError,
  LocationNotFoundError,
  NotAGridWorkerError,
  NoUnitAssignedError,
  OrderNumberReusedError,
  OutsideUnitError,
  PartnerOrderNotFoundError,
  TrackingTokenMismatchError,
  UnitNotFoundError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import {
  PhotoKindError,
  PhotoLimitError,
  PhotoTooLargeError,
  PhotoTypeError,
  UploadExpiredError,
  UploadNotFoundError,
  UploadUsedError,
} from '#domain/photos.ts';
import { ScoreOutOfScaleError } from '#domain/rating-scale.ts';
import { LadderActionError, NotASupervisorError, WrongLevelError } from '#domain/workbench-actions.ts';
import { type Lang, langOf } from './pages/lang.ts';
import { pageResponse } from './pages/page-response.ts';
import { HttpRequestError, type Problem, problemResponse } from './problem.ts';

const PROBLEM = 'urn:problem:gridwork:';

/** A 422: the request was well formed but names something that cannot be (with the field, where there is one). */
function unprocessable(type: string, detail: string, path?: string, message = detail): { problem: Problem } {
  return {
    problem: {
      status: 422,
      type: `${PROBLEM}${type}`,
      title: 'Unprocessable Content',
      detail,
      ...(path ? { errors: [{ path, message }] } : {}),
    },
  };
}

function notFound(type: string, detail: string): { problem: Problem } {
  return { problem: { status: 404, type: `${PROBLEM}${type}`, title: 'Not Found', detail } };
}

/** The HTTP meaning of each failure the domain names; anything else is a 500 that says nothing inside. */
export function problemOf(error: unknown): { problem: Problem; headers?: Record<string, string> } {
  if (error instanceof HttpRequestError) return { problem: error.problem };
  if (error instanceof LocationNotFoundError || error instanceof GridNotFoundError) {
    return unprocessable('location-not-found', error.message, error.field);
  }
  if (error instanceof DepartmentNotFoundError) {
    return unprocessable('department-not-found', error.message, error.field);
  }
  if (error instanceof AmbiguousAddressError) {
    const { problem } = unprocessable('address-ambiguous', error.message, error.field);
    return { problem: { ...problem, candidates: error.candidates } };
  }
  if (error instanceof ActionNotAllowedError) {
    return unprocessable(
      'action-not-allowed',
      error.message,
      'action',
      `Allowed: ${error.allowed.join(', ')}`,
    );
  }
  if (error instanceof InvalidCursorError) return unprocessable('validation', error.message, 'cursor');
  if (error instanceof FilterNotApplicableError)
    return unprocessable('validation', error.message, error.field);
  if (error instanceof InvalidChangeDateError || error instanceof ScoreOutOfScaleError) {
    return unprocessable('validation', error.message, error.field);
  }
  if (error instanceof IdempotencyKeyReusedError)
    return unprocessable('idempotency-key-reused', error.message);
  const photo = photoProblem(error);
  if (photo) return { problem: photo };
  if (error instanceof IssueNotFoundError) return notFound('issue-not-found', error.message);
  if (error instanceof PartnerOrderNotFoundError) return notFound('order-not-found', error.message);
  if (error instanceof OrderNumberReusedError) {
    return {
      problem: {
        status: 409,
        type: `${PROBLEM}order-number-reused`,
        title: 'Conflict',
        detail: error.message,
        issueId: error.issueId,
      },
    };
  }
  if (error instanceof LinkNotFoundError) return notFound('link-not-found', error.message);
  if (error instanceof UnitNotFoundError) return notFound('unit-not-found', error.message);
  if (error instanceof ExportNotFoundError) return notFound('export-not-found', error.message);
  if (error instanceof LinkUsedError) {
    return {
      problem: {
        status: 409,
        type: `${PROBLEM}link-used`,
        title: 'Conflict',
        detail: error.message,
        issueId: error.issueId,
      },
    };
  }
  if (error instanceof LinkGoneError) {
    return {
      problem: {
        status: 410,
        type: `${PROBLEM}link-${error.reason}`,
        title: 'Gone',
        detail: error.message,
        issueId: error.issueId,
      },
    };
  }
  if (error instanceof IssueStateConflictError || error instanceof ConcurrentUpdateError) {
    return {
      problem: { status: 409, type: `${PROBLEM}state-conflict`, title: 'Conflict', detail: error.message },
    };
  }
  if (
    error instanceof OutsideUnitError ||
    error instanceof NoUnitAssignedError ||
    error instanceof NotAGridWorkerError ||
    error instanceof FiguresNotPublishedError ||
    error instanceof DistrictOnlyError ||
    error instanceof LadderUnitOnlyError ||
    error instanceof WrongLevelError ||
    error instanceof LadderActionError ||
    error instanceof NotASupervisorError
  ) {
    return { problem: { status: 403, title: 'Forbidden', detail: error.message } };
  }
  if (error instanceof TrackingTokenMismatchError) {
    return { problem: { status: 403, title: 'Forbidden', detail: error.message } };
  }
  if (error instanceof WorkflowUnavailableError) {
    return {
      problem: {
        status: 503,
        type: `${PROBLEM}workflow-unavailable`,
        title: 'Service Unavailable',
        detail: error.message,
      },
      headers: { 'retry-after': '5' },
    };
  }
  return {
    problem: { status: 500, title: 'Internal Server Error', detail: 'Something went wrong on our side.' },
  };
}

/** The photo checks' failures: each says what to change (another file, a new upload, fewer photos). */
function photoProblem(error: unknown): Problem | undefined {
  const problem = (status: number, type: string, title: string, path?: string) => ({
    status,
    type: `${PROBLEM}${type}`,
    title,
    detail: (error as Error).message,
    ...(path ? { errors: [{ path, message: (error as Error).message }] } : {}),
  });
  if (error instanceof PhotoTypeError) return problem(422, 'photo-type', 'Unprocessable Content', 'file');
  if (error instanceof PhotoTooLargeError)
    return problem(422, 'photo-too-large', 'Unprocessable Content', 'size');
  if (error instanceof PhotoKindError) return problem(422, 'validation', 'Unprocessable Content', 'kind');
  if (error instanceof PhotoLimitError) return problem(409, 'photo-limit', 'Conflict');
  if (error instanceof UploadNotFoundError) return problem(404, 'upload-not-found', 'Not Found');
  if (error instanceof UploadUsedError) return problem(409, 'upload-used', 'Conflict');
  if (error instanceof UploadExpiredError) return problem(410, 'upload-expired', 'Gone');
  return undefined;
}

/**
 * How a page route shows a failure: `when` picks the requests of a person's browser, `render` draws the
 * problem in the request's language. Page routes pass it in, so API bundles carry no page code.
 */
export interface ProblemPages {
  readonly when: (event: APIGatewayProxyEventV2) => boolean;
  readonly render: (lang: Lang, problem: Problem, error: unknown) => string;
}

/**
 * The one error handler at the edge: every failure leaves as application/problem+json, or, for a request
 * `pages` picks, as the same problem rendered as a page.
 */
export function problemErrors(
  pages?: ProblemPages,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const { problem, headers } = problemOf(request.error);
      if (problem.status >= 500) {
        const error = request.error;
        logger.error('request failed', {
          routeKey: request.event.routeKey,
          error: { name: error?.name, message: error?.message, cause: String(error?.cause ?? '') },
        });
      }
      request.response = pages?.when(request.event)
        ? pageResponse(problem.status, pages.render(langOf(request.event), problem, request.error), {
            headers,
          })
        : problemResponse(problem, headers);
    },
  };
}
