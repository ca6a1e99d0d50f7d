import { DynamoPartnerKeyStore } from '#adapters/dynamodb/partner-key-store.ts';
import { isPartnerId, issuePartnerKey } from '#domain/partner-keys.ts';
import { type CommandIo, parseCommandLine, registryTableOf, useLocalEndpoints } from '../cli/command-line.ts';

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

export type PartnerKeysIo = CommandIo;

/** `npm run partner-keys`: parses the arguments strictly, runs one command, returns the exit status. */
export async function partnerKeysCli(args: readonly string[], io: PartnerKeysIo): Promise<number> {
  const commandLine = parseCommandLine(args, io, USAGE);
  if (typeof commandLine === 'number') return commandLine;
  const { values, positionals, usage } = commandLine;
  const [command, argument, ...extra] = positionals;
  if (extra.length > 0) return usage(`unexpected: ${extra.join(' ')}`);
  if (command === 'add' && (!argument || !isPartnerId(argument))) {
    return usage('name the partner: lower-case letters, digits and dashes, e.g. hotline-12345');
  }
  if (command === 'revoke' && !argument) return usage('name the key id to revoke');
  if (command !== 'add' && command !== 'revoke' && command !== 'list') return usage('no such command');
  if (values.endpoint) useLocalEndpoints(values.endpoint);
  const table = await registryTableOf(values);
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
