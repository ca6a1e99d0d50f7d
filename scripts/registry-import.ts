// npm run registry:import -- <file.csv|file.json> [--table NAME] [--stage STAGE] [--endpoint URL] [--dry-run]
import { registryImportCli } from '../shared/registry-import/cli.ts';

process.exitCode = await registryImportCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
