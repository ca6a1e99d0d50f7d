// Only light modules load before the checks and the synthesis start: the runtime's (SDK clients, handlers'
// adapters) load while the synth child works.
import { readLocalSettings } from './config.ts';
import { checkBeforeStart, portInUseError, StartupError } from './preflight.ts';
import { DataDirInUseError } from './runtime/data-dir-lock.ts';
import { localTemplate } from './template-cache.ts';

/** Milliseconds since this process started: the one ready time, whatever ran before the banner. */
const sinceProcessStart = () => Math.round(performance.now());

/** `npm start`: the embedded default, with data on disk under DATA_DIR. */
async function main() {
  const settings = readLocalSettings(process.env);
  process.env.LOG_LEVEL = settings.LOG_LEVEL.toUpperCase();
  await checkBeforeStart(settings);
  console.log(`Starting Gridwork (data in ${settings.dataDir})`);
  const progress = (phase: string) =>
    console.log(`  ${phase} (${(sinceProcessStart() / 1000).toFixed(1)} s)`);
  const template = localTemplate(progress);
  template.catch(() => {}); // awaited below; a failure must not surface as unhandled before that
  const { startGridwork } = await import('./gridwork-runtime.ts');
  const gridwork = await startGridwork(settings, { template: await template, progress }).catch(
    (error: unknown) => {
      // The port was free at the check and taken since (another program was quicker).
      throw (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE'
        ? portInUseError(settings.PORT, settings.HOST)
        : error;
    },
  );
  const { url, runtime } = gridwork;

  const stop = async (signal: string) => {
    console.log(`${signal}: stopping`);
    await gridwork.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const details = [
    `ready in ${(sinceProcessStart() / 1000).toFixed(1)} s`,
    `data in ${settings.dataDir}`,
    ...(runtime.resumed > 0 ? [`${runtime.resumed} workflows resumed`] : []),
    ...(settings.TIME_SCALE !== 1 ? [`time runs ${settings.TIME_SCALE}x faster`] : []),
    ...(settings.HOST !== '127.0.0.1' ? [`listening on ${settings.HOST}`] : []),
    ...gridwork.notes,
  ];
  const open311Lines = gridwork.open311Key
    ? `Open311 GeoReport v2: ${url}/open311/v2/ (discovery.xml, services.xml, requests.xml; the demo partner's
api_key for POST requests, stable for this data folder: ${gridwork.open311Key})
  curl -s -X POST ${url}/open311/v2/requests.json --data-urlencode api_key=${gridwork.open311Key} \\
    -d service_code=drainage -d lat=27.7815 -d long=113.132 --data-urlencode description=共用下水管堵塞

`
    : '';
  console.log(`
Gridwork is running at ${url} (${details.join('; ')})

Report an issue:
  curl -s -X POST ${url}/issues -H 'content-type: application/json' \\
    -d '{"category":"water_supply","description":"3号楼本月第二次停水","location":{"gridId":"g-001"}}'

Notifications go to the outbox (and one line each on this console); it takes the outbox token:
  curl -s '${url}/outbox?to=w-0001' -H 'authorization: Bearer ${gridwork.outboxToken}'
  curl -s '${url}/stats?scope=grid&id=g-001'
Webhooks to partners (delivered, retrying, parked; POST /webhooks/redrive re-drives), same token:
  curl -s '${url}/webhooks' -H 'authorization: Bearer ${gridwork.outboxToken}'

Sign in as a seeded supervisor or grid worker (sup-d, sup-s-1, sup-c-101, w-0001, …): ask for a code, read it
in the outbox, exchange it for a token (or sign in on the dashboard page):
  curl -s -X POST ${url}/auth/code -H 'content-type: application/json' -d '{"person":"sup-s-1"}'
  curl -s '${url}/outbox?to=sup-s-1' -H 'authorization: Bearer ${gridwork.outboxToken}'
  curl -s -X POST ${url}/auth/token -H 'content-type: application/json' -d '{"person":"sup-s-1","code":"<code>"}'

Pages: ${url}/ (report), ${url}/track/<id> (progress and rating), ${url}/dashboard (supervisors)
${open311Lines}Outbox token (kept in ${settings.dataDir}/outbox-token): ${gridwork.outboxToken}

DynamoDB endpoint (for the AWS CLI or SDK; a new port each start, kept in ${settings.dataDir}/dynamodb-endpoint): ${runtime.dynamodbEndpoint}
`);
}

main().catch((error: unknown) => {
  // Expected conditions (a busy port, an unusable data folder, a bad setting) get one line that says what to do;
  // anything else is a defect and keeps its stack.
  if (error instanceof StartupError || error instanceof DataDirInUseError) {
    console.error(`Gridwork cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
