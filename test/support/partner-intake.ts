// What the partner intake tests (Open311, the integration API) share against a started runtime: the API
// document's validator, partner keys issued and revoked as ops would, and the count of stored cases that "bad
// input writes nothing" is checked against. Call these after startTestGridwork: they use its tables.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { DynamoPartnerKeyStore } from '#adapters/dynamodb/partner-key-store.ts';
import { issuePartnerKey } from '#domain/partner-keys.ts';
import { openApiDocument } from '#http/openapi.ts';
import { type OpenApiDocument, OpenApiValidator } from './openapi-validator.ts';

/** A validator of answers against the OpenAPI document the API serves. */
export function apiDocumentValidator(): OpenApiValidator {
  return new OpenApiValidator(openApiDocument() as unknown as OpenApiDocument);
}

/** Issues an API key to `partner` in the running system's registry, as `npm run partner-keys -- add` does. */
export async function issuedPartnerKey(partner: string): Promise<string> {
  return (await issuePartnerKey(partnerKeyStore(), partner, new Date())).apiKey;
}

/** A key that was issued to `partner` and then revoked, as ops would with `npm run partner-keys -- revoke`. */
export async function revokedPartnerKey(partner: string): Promise<string> {
  const store = partnerKeyStore();
  const revoked = await issuePartnerKey(store, partner, new Date());
  await store.revoke(revoked.key.keyId, new Date().toISOString());
  return revoked.apiKey;
}

/** How many cases the cases table holds, read past the API. */
export async function storedCaseCount(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({
        TableName: String(process.env.CASES_TABLE),
        FilterExpression: 'sk = :issue',
        ExpressionAttributeValues: { ':issue': 'ISSUE' },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function partnerKeyStore(): DynamoPartnerKeyStore {
  return new DynamoPartnerKeyStore(String(process.env.REGISTRY_TABLE));
}
