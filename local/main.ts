import { readLocalSettings } from './config.ts';
import { startGridwork } from './gridwork-runtime.ts';

/** `npm start`: the embedded default, with data on disk under DATA_DIR. */
async function main() {
  const startedAt = Date.now();
  const settings = readLocalSettings(process.env);
  process.env.LOG_LEVEL = settings.LOG_LEVEL.toUpperCase();
  const gridwork = await startGridwork(settings);
  const { url, runtime } = gridwork;

  const stop = async (signal: string) => {
    console.log(`${signal}: stopping`);
    await gridwork.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const details = [
    `ready in ${Date.now() - startedAt} ms`,
    `data in ${settings.dataDir}`,
    ...(runtime.resumed > 0 ? [`${runtime.resumed} workflows resumed`] : []),
    ...(settings.TIME_SCALE !== 1 ? [`time runs ${settings.TIME_SCALE}x faster`] : []),
    ...(settings.HOST !== '127.0.0.1' ? [`listening on ${settings.HOST}`] : []),
    ...gridwork.notes,
  ];
  console.log(`
Gridwork is running at ${url} (${details.join('; ')})

Report an issue:
  curl -s -X POST ${url}/issues -H 'content-type: application/json' \\
    -d '{"category":"water_supply","description":"3号楼本月第二次停水","location":{"gridId":"g-001"}}'

Notifications go to the outbox (and one line each on this console); it takes the dashboard token:
  curl -s '${url}/outbox?to=w-0001' -H 'authorization: Bearer ${gridwork.dashboardToken}'
  curl -s '${url}/stats?scope=grid&id=g-001'

Pages: ${url}/ (report), ${url}/track/<id> (progress and rating), ${url}/dashboard (supervisors)
Dashboard token (kept in ${settings.dataDir}/dashboard-token): ${gridwork.dashboardToken}

DynamoDB endpoint (for the AWS CLI or SDK): ${runtime.dynamodbEndpoint}
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
