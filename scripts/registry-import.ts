// npm run registry:import -- <file.csv|file.json> [--table NAME] [--stage STAGE] [--endpoint URL]
import { parseArgs } from 'node:util';
import { ImportError, importRegistryFile } from '../shared/registry-import/import-file.ts';

const USAGE =
  'usage: npm run registry:import -- <file.csv|file.json> [--table NAME] [--stage STAGE] [--endpoint URL]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { table: { type: 'string' }, stage: { type: 'string' }, endpoint: { type: 'string' } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (values.endpoint) {
    // The local runtime accepts any credentials; the SDK still wants some, and no instance-metadata lookups.
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  }
  try {
    const { table, items } = await importRegistryFile({ file, ...values });
    console.log(`imported ${items} items into ${table}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    console.error(error.message);
    for (const problem of error.problems) {
      console.error(`  ${file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`);
    }
    return 1;
  }
}

process.exitCode = await main();
