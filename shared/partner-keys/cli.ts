import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoPartnerKeyStore } from '#adapters/dynamodb/partner-key-store.ts';
import { isPartnerId, issuePartnerKey } from '#domain/partner-keys.ts';
import { findRegistryTable } from '../registry-import/import-file.ts';

export const USAGE = `usage: npm run partner-keys -- <command> [options]

Issues and revokes the API keys partner systems (Open311 clients, the hotline platform) call with.
Only a key's SHA-256 digest is stored: the key is printed once, when it is issued.

commands:
  add <partner>    issue a new key for a partner (a partner may hold several: rotate, then revoke the old)
  revoke <keyId>   revoke a key at once (its id is printed by add and list)
  list [partner]   every key, or one partner's, with its id, creation and revocation time

options:
  --table NAME     the registry table (the stack output RegistryTableName)
  --stage STAGE    find the table of the stack Gridwork-<STAGE> instead
  --endpoint URL   a DynamoDB endpoint, such as the one npm start prints
  -h, --help       this text

Exit status: 0 done, 1 no such key, 2 usage.`;

export interface PartnerKeysIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** `npm run partner-keys`: parses the arguments strictly, runs one command, returns the exit status. */
export async function partnerKeysCli(args: readonly string[], io: PartnerKeysIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, argument, ...extra] = positionals;
  const usage = (why: string) => {
    io.stderr.write(`${why}\n\n${USAGE}\n`);
    return 2;
  };
  if (extra.length > 0) return usage(`unexpected: ${extra.join(' ')}`);
  if (command === 'add' && (!argument || !isPartnerId(argument))) {
    return usage('name the partner: lower-case letters, digits and dashes, e.g. hotline-12345');
  }
  if (command === 'revoke' && !argument) return usage('name the key id to revoke');
  if (command !== 'add' && command !== 'revoke' && command !== 'list') return usage('no such command');
  if (values.endpoint) {
    // The local runtime accepts any credentials; the SDK still wants some, and no instance-metadata lookups.
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_ENDPOINT_URL_DYNAMODB = values.endpoint;
  }
  const table =
    values.table ??
    (await findRegistryTable(
      new DynamoDBClient(values.endpoint ? { endpoint: values.endpoint } : {}),
      values.stage,
    ));
  const store = new DynamoPartnerKeyStore(table);
  if (command === 'add') {
    const { apiKey, key } = await issuePartnerKey(store, argument as string, new Date());
    io.stdout.write(
      `issued key ${key.keyId} for ${key.partnerId}; it is shown only now, keep it secret:\n${apiKey}\n`,
    );
    return 0;
  }
  if (command === 'revoke') {
    if (!(await store.revoke(argument as string, new Date().toISOString()))) {
      io.stderr.write(`no key ${argument}\n`);
      return 1;
    }
    io.stdout.write(`revoked key ${argument}\n`);
    return 0;
  }
  const keys = await store.list(argument);
  const lines = keys.map(
    (key) =>
      `${key.keyId}  ${key.partnerId}  created ${key.createdAt}${key.revokedAt ? `  revoked ${key.revokedAt}` : ''}`,
  );
  io.stdout.write(`${lines.length > 0 ? lines.join('\n') : 'no keys'}\n`);
  return 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      table: { type: 'string' },
      stage: { type: 'string' },
      endpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
