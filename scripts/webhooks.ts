// npm run webhooks -- set <partner> <url> | rotate <partner> | show <partner> | parked | redrive  [options]
import { webhooksCli } from '../shared/webhooks/cli.ts';

process.exitCode = await webhooksCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
