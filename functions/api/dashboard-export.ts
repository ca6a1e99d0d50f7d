import { clock } from '#adapters/wiring/clock.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { figuresCsv, figuresFileName } from '#http/figures-csv.ts';
import { exportQuery, readableUnit } from '#http/pages/dashboard-api.ts';
import { validate } from '#http/request-body.ts';
import { exportFigures } from '#use-cases/export-figures.ts';

const deps = await createDeps({ registry, stats, clock });

/**
 * GET /dashboard/api/export.csv?scope=&id=[&period=&date=]: a unit's figures and those of its units one level
 * down, ranked, with the published rates, as CSV (JWT), within the supervisor's own unit.
 */
export const handler = apiHandler(async (event) => {
  const { period, date, ...asked } = validate(exportQuery, event.queryStringParameters ?? {});
  const unit = await readableUnit(
    deps,
    event,
    asked.scope && asked.id ? { scope: asked.scope, id: asked.id } : undefined,
  );
  const figures = await exportFigures(deps, unit, { period, date });
  const name = figuresFileName(unit, figures);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
    body: await figuresCsv(figures),
  };
});
