// npm run index-backfill -- [--table NAME | --stage STAGE] [--endpoint URL] [--cursor TEXT] [--pages N] [--dry-run]
import { indexBackfillCli } from '../shared/index-backfill/cli.ts';

process.exitCode = await indexBackfillCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
