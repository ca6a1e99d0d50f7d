// npm run partner-keys -- add <partner> | revoke <keyId> | list [partner]  [--table NAME] [--stage STAGE] [--endpoint URL]
import { partnerKeysCli } from '../shared/partner-keys/cli.ts';

process.exitCode = await partnerKeysCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
