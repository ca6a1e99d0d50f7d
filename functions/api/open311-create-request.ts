import { caseNumbers } from '#adapters/wiring/case-numbers.ts';
import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { idempotency } from '#adapters/wiring/idempotency.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { partnerKeys } from '#adapters/wiring/partner-keys.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { authenticatePartner } from '#domain/partner-keys.ts';
import { listResponse, Open311Error } from '#open311/format.ts';
import { open311Handler } from '#open311/handler.ts';
import { quoted } from '#open311/listing.ts';
import { readForm, reportOf } from '#open311/request-form.ts';
import { serviceNotice } from '#open311/services.ts';
import { reportIssue } from '#use-cases/report-issue.ts';

const deps = await createDeps({
  issues,
  idempotency,
  caseNumbers,
  registry,
  clock,
  keys,
  partnerKeys,
  categories,
});

/**
 * Open311 POST requests.{fmt}: a partner's client reports a problem with its API key. The case is created by
 * the same use-case as POST /issues; nothing is written before the key, the code and the form pass.
 */
export const handler = open311Handler(async (event) => {
  const format = event.rawPath.endsWith('.json') ? 'json' : 'xml';
  const form = readForm(event);
  const apiKey = form.get('api_key')?.trim();
  if (!apiKey) throw new Open311Error(401, 'api_key is required to post a request.');
  if (!(await authenticatePartner(deps.partnerKeys, apiKey))) {
    throw new Open311Error(403, 'The api_key is not valid (unknown or revoked).');
  }
  const code = form.get('service_code')?.trim();
  if (!code) throw new Open311Error(400, 'service_code is required.');
  const category = (await deps.categories.current()).find((candidate) => candidate.code === code);
  if (!category) throw new Open311Error(404, `Unknown service_code: ${quoted(code)}.`);
  const { issue } = await reportIssue(deps, { ...reportOf(form, category), source: 'open311' });
  const created = { service_request_id: issue.id, service_notice: serviceNotice(category), account_id: null };
  // 200 rather than 201: clients written to the spec's examples (Three, for one) read the body only on a 200.
  return listResponse(format, 'service_requests', 'request', [created]);
});
