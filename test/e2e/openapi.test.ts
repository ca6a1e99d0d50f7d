// Real answers of the running system (the local runtime over HTTP, same template and handlers as on AWS)
// checked against the schemas of the document it serves at /openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '#http/openapi.ts';
import type { JsonResponse } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { type OpenApiDocument, OpenApiValidator } from '#test/support/openapi-validator.ts';
import { signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;
let validator: OpenApiValidator;

beforeAll(async () => {
  system = await startTestGridwork();
  const served = await system.api.request<OpenApiDocument>('GET', '/openapi.json');
  if (served.status !== 200) throw new Error(`GET /openapi.json answered ${served.status}`);
  validator = new OpenApiValidator(served.body);
});

afterAll(async () => {
  await system?.stop();
});

/** The schema errors of a real answer against the document's answer for that route, status and media type. */
function mismatches(method: string, path: string, response: JsonResponse<unknown>): string[] {
  return validator.errorsOf(method, path, response.status, response.contentType, response.body);
}

const report = {
  category: 'drainage',
  description: '共用下水管堵塞，七户受影响',
  location: { gridId: 'g-001' },
  reporter: { name: '王阿姨', phone: '13812345678' },
};

describe('GET /openapi.json', () => {
  it('serves the document the code generates, as JSON', async () => {
    const served = await system.api.request('GET', '/openapi.json');
    expect(served.status).toBe(200);
    expect(served.contentType).toContain('application/json');
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe('real answers', () => {
  it('match the document for a report, its public view and its view with the tracking token', async () => {
    // Act
    const created = await system.api.report(report);
    const { id, trackingToken } = created.body;
    const publicView = await system.api.request('GET', `/issues/${id}`);
    const residentView = await system.api.request('GET', `/issues/${id}`, {
      headers: { authorization: `Bearer ${trackingToken}` },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(mismatches('POST', '/issues', created)).toEqual([]);
    expect(publicView.status).toBe(200);
    expect(mismatches('GET', '/issues/{id}', publicView)).toEqual([]);
    expect(mismatches('GET', '/issues/{id}', residentView)).toEqual([]);
  });

  it('match the document for a task link: its view, the decision, a replay and the page', async () => {
    // Prepare
    const created = await system.api.report(report);
    const { link } = await system.api.waitForTaskLink(created.body.id);
    const path = new URL(link).pathname;

    // Act
    const view = await system.api.request('GET', path, { headers: { accept: 'application/json' } });
    const page = await system.api.request('GET', path);
    const accepted = await system.api.act(link, { action: 'accept' });
    const replay = await system.api.act(link, { action: 'accept' });

    // Assess
    expect([view.status, page.status, accepted.status, replay.status]).toEqual([200, 200, 200, 409]);
    expect(mismatches('GET', '/tasks/{linkToken}', view)).toEqual([]);
    expect(page.contentType).toContain('text/html');
    expect(mismatches('GET', '/tasks/{linkToken}', page)).toEqual([]);
    expect(mismatches('POST', '/tasks/{linkToken}', accepted)).toEqual([]);
    expect(replay.body).toMatchObject({ issueId: created.body.id });
    expect(mismatches('POST', '/tasks/{linkToken}', replay)).toEqual([]);
  });

  it('match the document for the public reads', async () => {
    const reads = [
      ['/health', '/health'],
      ['/categories', '/categories'],
      ['/grids', '/grids?limit=2'],
      ['/stats', '/stats?scope=grid&id=g-001'],
    ] as const;
    for (const [route, url] of reads) {
      const response = await system.api.request('GET', url);
      expect(response.status, url).toBe(200);
      expect(mismatches('GET', route, response), url).toEqual([]);
    }
  });

  it('match the document for the dashboard reads', async () => {
    const authorization = { authorization: `Bearer ${await signIn(system.api, 'sup-d')}` };
    const reads = [
      ['/dashboard/api/figures', '/dashboard/api/figures'],
      ['/dashboard/api/overdue', '/dashboard/api/overdue?scope=grid&id=g-001'],
      ['/dashboard/api/daily', '/dashboard/api/daily?scope=grid&id=g-001&days=3'],
    ] as const;
    for (const [route, url] of reads) {
      const response = await system.api.request('GET', url, { headers: authorization });
      expect(response.status, url).toBe(200);
      expect(mismatches('GET', route, response), url).toEqual([]);
    }
  });

  it('match the document for problems: invalid fields, an unknown issue, a body that is not JSON', async () => {
    // Act
    const invalid = await system.api.report({ ...report, location: { gridId: 'g-999' }, priority: 'high' });
    const unknown = await system.api.request('GET', '/issues/gw-0000000000000000000000');
    const notJson = await system.api.request('POST', '/issues', {
      body: '{"category": ',
      headers: { 'content-type': 'application/json' },
    });

    // Assess
    expect(invalid.status).toBe(422);
    expect(invalid.contentType).toContain('application/problem+json');
    expect(mismatches('POST', '/issues', invalid)).toEqual([]);
    expect(unknown.status).toBe(404);
    expect(mismatches('GET', '/issues/{id}', unknown)).toEqual([]);
    expect(notJson.status).toBe(400);
    expect(mismatches('POST', '/issues', notJson)).toEqual([]);
  });

  it('match the document for what the gateway answers itself: no token on a dashboard route', async () => {
    const refused = await system.api.request('GET', '/dashboard/api/figures');
    expect(refused.status).toBe(401);
    expect(mismatches('GET', '/dashboard/api/figures', refused)).toEqual([]);
  });

  it('refuse a body the document does not allow: the validator is not lenient', () => {
    const validate = validator.response('POST', '/issues', 201, 'application/json');
    expect(validate({ id: 'gw-1', status: 'submitted', gridId: 'g-001' })).toBe(false);
    expect(validate({ id: 'gw-1', status: 'submitted', gridId: 'g-001', trackingToken: 't', extra: 1 })).toBe(
      false,
    );
  });
});
