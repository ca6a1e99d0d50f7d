import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { IssueNotFoundError, LinkUsedError, WorkflowUnavailableError } from '#domain/errors.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { apiHandler } from '#http/api-handler.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { invalidFields } from '#http/problem.ts';
import { assignedIssue } from './fixtures.ts';

function eventOf(query: Record<string, string> = {}, accept = 'text/html'): APIGatewayProxyEventV2 {
  return {
    routeKey: 'GET /x',
    rawPath: '/x',
    headers: { accept },
    queryStringParameters: query,
  } as unknown as APIGatewayProxyEventV2;
}

async function failWith(
  error: unknown,
  event: APIGatewayProxyEventV2,
  pages = problemPages((request) => !(request.headers.accept ?? '').includes('json')),
): Promise<APIGatewayProxyStructuredResultV2> {
  const handler = apiHandler(
    async () => {
      throw error;
    },
    { pages },
  );
  return (await handler(event, {} as Context)) as APIGatewayProxyStructuredResultV2;
}

describe('apiHandler', () => {
  it('answers an API client with problem+json', async () => {
    // Act
    const response = await failWith(new IssueNotFoundError('gw-x'), eventOf({}, 'application/json'));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body))).toEqual({
      type: 'urn:problem:gridwork:issue-not-found',
      status: 404,
      title: 'Not Found',
      detail: 'No issue gw-x',
    });
  });

  it('answers a browser on a page route with the same problem as a Chinese page by default', async () => {
    // Act
    const response = await failWith(new IssueNotFoundError('gw-x'), eventOf());

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers?.['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('<h1>找不到案件</h1>');
    expect(response.body).toContain('lang="zh');
  });

  it('follows ?lang=en and names the fields to fix', async () => {
    // Act
    const response = await failWith(
      invalidFields([{ path: 'note', message: 'Required when declining' }]),
      eventOf({ lang: 'en' }),
    );

    // Assess
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('<h1>Cannot be processed</h1>');
    expect(response.body).toContain('<li><code>note</code>: Required when declining</li>');
  });

  it('tells the holder of a spent link who holds the case now', async () => {
    // Prepare
    const issue = assignedIssue();
    const error = new LinkUsedError(issue.id, publicViewOf(issue, issue.createdAt));

    // Act
    const response = await failWith(error, eventOf({ lang: 'en' }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('This link has already been used.');
    expect(response.body).toContain('It is now held by 李网格 (grid).');
  });

  it('keeps the retry-after of a 503 on the page and says the decision was kept', async () => {
    // Act
    const response = await failWith(new WorkflowUnavailableError(new Error('throttled')), eventOf());

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('5');
    expect(response.body).toContain('您的决定已保存');
  });

  it('renders an unexpected failure as a 500 page that says nothing of the inside', async () => {
    // Act
    const response = await failWith(new Error('ECONNREFUSED 10.0.0.12'), eventOf({ lang: 'en' }));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Something went wrong');
    expect(response.body).not.toContain('ECONNREFUSED');
  });

  it('answers problem+json on a route without pages, whatever the client accepts', async () => {
    // Act
    const handler = apiHandler(async () => {
      throw new IssueNotFoundError('gw-x');
    });
    const response = (await handler(eventOf(), {} as Context)) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(response.headers?.['content-type']).toBe('application/problem+json');
  });
});
