import { describe, expect, it } from 'vitest';
import {
  ActionNotAllowedError,
  ConcurrentUpdateError,
  GridNotFoundError,
  IdempotencyKeyReusedError,
  InvalidDurationError,
  IssueNotFoundError,
  IssueStateConflictError,
  LinkGoneError,
  LinkNotFoundError,
  LinkUsedError,
  LocationNotFoundError,
  NoAssigneeError,
  PERMANENT_STEP_ERRORS,
  TrackingTokenMismatchError,
  UnitNotFoundError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import { problemOf } from '#http/error-mapping.ts';
import { HttpRequestError, invalidFields } from '#http/problem.ts';

const ISSUE = 'gw-abcdefghijklmnop';

describe('problemOf', () => {
  it.each([
    ['IssueNotFoundError', new IssueNotFoundError(ISSUE), 404],
    ['LinkNotFoundError', new LinkNotFoundError(), 404],
    ['UnitNotFoundError', new UnitNotFoundError('street', 's-9'), 404],
    ['LinkUsedError', new LinkUsedError(ISSUE), 409],
    ['IssueStateConflictError', new IssueStateConflictError('not resolved'), 409],
    ['ConcurrentUpdateError', new ConcurrentUpdateError('changed'), 409],
    ['LinkGoneError (expired)', new LinkGoneError(ISSUE, 'expired'), 410],
    ['LinkGoneError (revoked)', new LinkGoneError(ISSUE, 'revoked'), 410],
    ['TrackingTokenMismatchError', new TrackingTokenMismatchError(), 403],
    ['LocationNotFoundError', new LocationNotFoundError('No grid covers it', 'location'), 422],
    ['GridNotFoundError', new GridNotFoundError('g-999', 'gridId'), 422],
    ['ActionNotAllowedError', new ActionNotAllowedError('reassign', ['accept', 'decline']), 422],
    ['IdempotencyKeyReusedError', new IdempotencyKeyReusedError(), 422],
    ['WorkflowUnavailableError', new WorkflowUnavailableError(new Error('throttled')), 503],
    ['InvalidDurationError', new InvalidDurationError('P1W'), 500],
    ['NoAssigneeError', new NoAssigneeError(ISSUE), 500],
    ['a plain Error', new Error('boom'), 500],
    ['a thrown string', 'boom', 500],
    ['undefined', undefined, 500],
  ])('maps %s to %d', (_name, error, status) => {
    // Act
    const { problem } = problemOf(error);

    // Assess
    expect(problem.status).toBe(status);
  });

  it('passes an HttpRequestError through as it is', () => {
    // Prepare
    const error = invalidFields([{ path: 'category', message: 'bad' }]);

    // Act
    const { problem } = problemOf(error);

    // Assess
    expect(problem).toBe(error.problem);
    expect(problem).toMatchObject({ status: 422, errors: [{ path: 'category', message: 'bad' }] });
  });

  it('keeps the status of any HttpRequestError', () => {
    // Act
    const { problem } = problemOf(new HttpRequestError({ status: 413, title: 'Content Too Large' }));

    // Assess
    expect(problem.status).toBe(413);
  });

  it('names the link state and the issue for a used or gone link', () => {
    // Act
    const used = problemOf(new LinkUsedError(ISSUE)).problem;
    const expired = problemOf(new LinkGoneError(ISSUE, 'expired')).problem;
    const revoked = problemOf(new LinkGoneError(ISSUE, 'revoked')).problem;

    // Assess
    expect(used).toMatchObject({ type: 'urn:problem:gridwork:link-used', issueId: ISSUE });
    expect(expired).toMatchObject({ type: 'urn:problem:gridwork:link-expired', issueId: ISSUE });
    expect(revoked).toMatchObject({ type: 'urn:problem:gridwork:link-revoked', issueId: ISSUE });
  });

  it('names the offending field of a location or grid that does not exist', () => {
    // Act
    const location = problemOf(
      new LocationNotFoundError('No grid has this address', 'location.address'),
    ).problem;
    const grid = problemOf(new GridNotFoundError('g-999', 'gridId')).problem;

    // Assess
    expect(location.errors).toEqual([{ path: 'location.address', message: 'No grid has this address' }]);
    expect(grid.errors).toEqual([{ path: 'gridId', message: 'No grid g-999' }]);
  });

  it('lists the allowed actions for a disallowed one', () => {
    // Act
    const { problem } = problemOf(new ActionNotAllowedError('reassign', ['accept', 'decline']));

    // Assess
    expect(problem.errors).toEqual([{ path: 'action', message: 'Allowed: accept, decline' }]);
  });

  it('asks the client to retry later when the workflow is unavailable', () => {
    // Act
    const { headers } = problemOf(new WorkflowUnavailableError(new Error('throttled')));

    // Assess
    expect(headers).toEqual({ 'retry-after': '5' });
  });

  it('names what was not found by its problem type', () => {
    // Act
    const types = [
      new IssueNotFoundError(ISSUE),
      new LinkNotFoundError(),
      new UnitNotFoundError('grid', 'g-9'),
    ].map((error) => problemOf(error).problem.type);

    // Assess
    expect(types).toEqual([
      'urn:problem:gridwork:issue-not-found',
      'urn:problem:gridwork:link-not-found',
      'urn:problem:gridwork:unit-not-found',
    ]);
  });

  it('says nothing of the inside in a 500', () => {
    // Act
    const { problem } = problemOf(new Error('ECONNREFUSED 10.0.0.12:8000 table gridwork-cases'));

    // Assess
    expect(JSON.stringify(problem)).not.toContain('ECONNREFUSED');
    expect(problem.detail).toBe('Something went wrong on our side.');
  });
});

describe('the names the workflow matches', () => {
  it('are spelled out by each error a retry cannot mend, so minified bundles keep them', () => {
    // Act
    const names = [new IssueNotFoundError(ISSUE).name, new NoAssigneeError(ISSUE).name];

    // Assess
    expect(names).toEqual([...PERMANENT_STEP_ERRORS]);
  });
});
