// Turns the results into the published table (Markdown, also printed) with each target met or missed, and
// the plots. Figures are ratios to a baseline measured in the same run, or exact counts.
import type { ColdStartResult } from './cold-start.ts';
import type { EngineResult } from './engine-capacity.ts';
import type { IgnoredResult } from './ignored-cases.ts';
import type { IntakeHops } from './intake-hops.ts';
import type { IntakeResult } from './intake-latency.ts';
import type { LifecycleResult } from './lifecycle-cost.ts';
import type { BenchmarkName } from './registry.ts';
import type { ScaleResult } from './scale.ts';
import { round } from './stats.ts';
import { barChart, lineChart } from './svg.ts';

export interface BenchResults {
  meta: {
    mode: string;
    command: string;
    commit: string;
    date: string;
    node: string;
    cpus: number;
    /** Benchmarks run again on their own (`--only`) after the run above, and when. */
    reruns?: Partial<Record<BenchmarkName, { mode: string; command: string; commit: string; date: string }>>;
  };
  intake?: IntakeResult;
  lifecycle?: LifecycleResult;
  coldStart?: ColdStartResult;
  scale?: ScaleResult;
  engine?: EngineResult;
  ignored?: IgnoredResult;
}

type Row = [what: string, measured: string, target: string, verdict: string];

const verdict = (ok: boolean, measured: number, limit: number) =>
  ok ? 'met' : `missed (${Number((measured / limit).toFixed(2))}× the target)`;
// A failed measurement (NaN, or null once written to JSON) is not a met target.
const check = (measured: number, limit: number): string =>
  Number.isFinite(measured) ? verdict(measured <= limit, measured, limit) : 'not measured';

function hopRows(hops: IntakeHops | undefined): Row[] {
  if (!hops) return [];
  const calls = Object.entries(hops.callsMs).map(([name, ms]) => `${name} ${ms}`);
  return [
    [
      'Intake hops, one request at a time (p50 ms)',
      `${hops.totalMs} = outside the handler ${hops.outsideHandlerMs} + handler ${hops.handlerMs} (${[...calls, `own CPU ${hops.inHandlerCpuMs}`].join('; ')})`,
      '—',
      '',
    ],
  ];
}

function intakeRows(intake: IntakeResult): Row[] {
  return [
    ...hopRows(intake.hops),
    ...intake.levels.flatMap((level): Row[] => [
      [
        `Intake p50 / floor, concurrency ${level.concurrency}`,
        `${level.ratio.p50}× (${level.intake.p50} / ${level.floor.p50} ms)`,
        level.concurrency === 1 ? '≤ 4×' : '—',
        level.concurrency === 1 ? check(level.ratio.p50, 4) : '',
      ],
      [`Intake p95 / floor, concurrency ${level.concurrency}`, `${level.ratio.p95}×`, '—', ''],
      [
        `Intake p99 / floor, concurrency ${level.concurrency}`,
        `${level.ratio.p99}× (${level.intake.p99} / ${level.floor.p99} ms)`,
        '≤ 4×',
        check(level.ratio.p99, 4),
      ],
    ]),
  ];
}

function lifecycleRows(lifecycle: LifecycleResult): Row[] {
  const happy = lifecycle.happy.perIssue;
  const escalated = lifecycle.escalated.perIssue;
  const usd = (costs: LifecycleResult['costPer1000'], region: string) =>
    costs.find((cost) => cost.region === region)?.totalUsd ?? Number.NaN;
  const usEast = usd(lifecycle.costPer1000, 'us-east-1');
  const ningxia = usd(lifecycle.costPer1000, 'cn-northwest-1');
  return [
    [
      `Lifecycles/s (happy path, concurrency ${lifecycle.concurrency})`,
      `${lifecycle.happy.lifecyclesPerSecond}/s = ${lifecycle.throughputVsFloorCeiling}× the raw-PutItem ceiling`,
      '—',
      '',
    ],
    [
      'State transitions per issue (happy / escalated)',
      `${happy.transitions} / ${escalated.transitions}`,
      '≤ 10',
      check(happy.transitions, 10),
    ],
    [
      'Figures lag behind the cases (write → counted; happy path p50 / p99 / max)',
      `${lifecycle.happy.countingLagMs.p50} / ${lifecycle.happy.countingLagMs.p99} / ${lifecycle.happy.countingLagMs.max} ms`,
      '≤ 5 s (p99)',
      check(lifecycle.happy.countingLagMs.p99, 5000),
    ],
    [
      'Lambda invocations per issue, API included (happy / escalated)',
      `${happy.lambdaInvocations} / ${escalated.lambdaInvocations}`,
      '≤ 10',
      check(happy.lambdaInvocations, 10),
    ],
    [
      'DynamoDB write units per issue (table; with casesByGrid index)',
      `${happy.writeUnits}; ${happy.writeUnitsWithIndex}`,
      '≤ 12',
      check(happy.writeUnitsWithIndex, 12),
    ],
    [
      'Write units per issue by item (happy path)',
      Object.entries(happy.writeUnitsByItem)
        .map(([kind, units]) => `${kind} ${units}`)
        .join('; '),
      '—',
      '',
    ],
    ['DynamoDB read units per issue', `${happy.readUnits}`, '—', ''],
    ['DynamoDB requests per issue', `${happy.dynamoRequests}`, '—', ''],
    ['API requests per issue', `${happy.apiRequests}`, '—', ''],
    ['Messages per issue (SMS/e-mail, priced apart)', `${happy.messages} / ${escalated.messages}`, '—', ''],
    ['USD per 1,000 issues, us-east-1 (happy path)', `$${usEast.toFixed(3)}`, '≤ $0.40', check(usEast, 0.4)],
    [
      'USD per 1,000 issues, cn-northwest-1 (happy path)',
      `$${ningxia.toFixed(3)}`,
      '≤ $0.40',
      check(ningxia, 0.4),
    ],
    [
      `USD per 1,000 issues, us-east-1 (${Math.round(lifecycle.escalateShare * 100)}% escalated)`,
      `$${usd(lifecycle.costPer1000Blended, 'us-east-1').toFixed(3)}`,
      '—',
      '',
    ],
  ];
}

function coldStartRows(cold: ColdStartResult): Row[] {
  const rows: Row[] = [
    [
      'Minimal handler (DynamoDB client only)',
      `${cold.minimal.kb} KB, init ${cold.minimal.initMs} ms`,
      'baseline',
      '',
    ],
  ];
  for (const fn of cold.functions) {
    rows.push([
      `${fn.name}: bundle; init / minimal`,
      `${fn.kb} KB (AWS SDK ${fn.breakdownKb['aws-sdk'] ?? 0} KB); ${fn.initRatio}×`,
      '≤ 250 KB; ≤ 1.3×',
      `${check(fn.kb, 250)}; ${check(fn.initRatio, 1.3)}`,
    ]);
  }
  if (cold.minimalRuntimeSdk) {
    const lean = cold.minimalRuntimeSdk;
    rows.push([
      "Minimal handler with the runtime's AWS SDK (`@aws-sdk/*` external)",
      `${lean.kb} KB, init ${lean.initMs} ms = ${round(lean.initMs / cold.minimal.initMs)}× the bundled one`,
      '—',
      '',
    ]);
  }
  for (const fn of cold.functions.filter((candidate) => candidate.runtimeSdk)) {
    rows.push([
      `${fn.name} with the runtime's SDK: bundle; init / minimal`,
      `${fn.runtimeSdk.kb} KB; ${fn.runtimeSdk.initRatio}×`,
      '≤ 250 KB; ≤ 1.3×',
      `${check(fn.runtimeSdk.kb, 250)}; ${check(fn.runtimeSdk.initRatio, 1.3)}`,
    ]);
  }
  return rows;
}

function scaleRows(scale: ScaleResult): Row[] {
  const first = scale.steps[0];
  const last = scale.steps.at(-1);
  const span = `${first?.issues.toLocaleString('en')} → ${last?.issues.toLocaleString('en')} issues`;
  const names: Record<string, string> = {
    openList: 'Open cases of a grid (casesByGrid keys, then one batch read)',
    monthOfStreet: "A month's figures for a street (GET /stats?period=month)",
    caseList: "The workbench's case list, a district's first page (its streets' casesByStreet merged)",
  };
  return Object.entries(scale.ratios).map(([read, ratio]) => [
    `${names[read] ?? `GET /stats ${read.slice(6)}`} p50, ${span}`,
    `${ratio}×`,
    '≤ 1.25×',
    check(ratio, 1.25),
  ]);
}

function engineRows(engine: EngineResult): Row[] {
  return [
    [
      `RSS with ${engine.workflows.toLocaleString('en')} workflows waiting`,
      `${engine.rssMbWaiting} MB (idle ${engine.rssMbIdle} MB; ${engine.kbPerWaitingWorkflow} KB each)`,
      '≤ 400 MB',
      check(engine.rssMbWaiting, 400),
    ],
    [
      `RSS of \`npm start\` restarted on the same data (CDK synth in a child process)`,
      `${engine.rssMbNpmStart} MB (${engine.rssMbNpmStartPeak !== undefined ? `peak ${engine.rssMbNpmStartPeak} MB; ` : ''}ready ${engine.npmStartReadySeconds} s; ${engine.npmStartResumed} resumed)`,
      '≤ 400 MB',
      check(engine.rssMbNpmStart, 400),
    ],
    [
      'Restart until every workflow waits again',
      `${engine.restartToAllWaitingSeconds} s (ready ${engine.restartToReadySeconds} s; ${engine.resumed} resumed; after a crash each wait's task ran once more by ${engine.crashRestartToCheckedSeconds} s, RSS then ${engine.rssMbAfterChecks} MB)`,
      '≤ 20 s',
      check(engine.restartToAllWaitingSeconds, 20),
    ],
  ];
}

function ignoredRows(ignored: IgnoredResult): Row[] {
  const span = `${ignored.cases} ignored cases, ${ignored.simulatedDays} simulated days at TIME_SCALE=${ignored.timeScale}`;
  return [
    [
      `Messages sent: ${span}`,
      `${ignored.messages} (${ignored.messagesPerCaseDay} per case and day)`,
      '≤ 2 per case and day',
      check(ignored.messagesPerCaseDay, 2),
    ],
    [
      'Longest case timeline; largest stored case item',
      `${ignored.maxTimelineEntries} entries; ${(ignored.maxItemBytes / 1024).toFixed(1)} KB`,
      '≤ 30 entries; ≤ 16 KB',
      ignored.maxTimelineEntries <= 30 && ignored.maxItemBytes <= 16_384 ? 'met' : 'missed',
    ],
    [
      'RSS and data folder, start → end',
      `${ignored.rssMbStart} → ${ignored.rssMbEnd} MB; ${ignored.dataMbStart} → ${ignored.dataMbEnd} MB (${ignored.wallSeconds} s)`,
      'RSS + ≤ 25 MB',
      check(ignored.rssMbEnd - ignored.rssMbStart, 25),
    ],
  ];
}

export function resultsTable(results: BenchResults): string {
  const rows: Row[] = [
    ...(results.intake ? intakeRows(results.intake) : []),
    ...(results.lifecycle ? lifecycleRows(results.lifecycle) : []),
    ...(results.coldStart ? coldStartRows(results.coldStart) : []),
    ...(results.scale ? scaleRows(results.scale) : []),
    ...(results.engine ? engineRows(results.engine) : []),
    ...(results.ignored ? ignoredRows(results.ignored) : []),
  ];
  const lines = ['| what | measured | target | |', '| --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

export function plots(results: BenchResults): Record<string, string> {
  const files: Record<string, string> = {};
  if (results.intake) {
    const levels = results.intake.levels;
    files['intake-latency.svg'] = barChart({
      title: `POST /issues vs raw PutItem (floor), ${results.meta.mode} run`,
      yLabel: 'ms',
      categories: levels.flatMap((level) => ['p50', 'p95', 'p99'].map((p) => `c${level.concurrency} ${p}`)),
      series: [
        {
          name: 'floor (PutItem)',
          values: levels.flatMap((level) => [level.floor.p50, level.floor.p95, level.floor.p99]),
        },
        {
          name: 'POST /issues',
          values: levels.flatMap((level) => [level.intake.p50, level.intake.p95, level.intake.p99]),
        },
      ],
    });
  }
  if (results.scale) {
    const steps = results.scale.steps;
    const scopes = Object.keys(steps[0]?.statsP50Ms ?? {}) as (keyof (typeof steps)[number]['statsP50Ms'])[];
    files['scale.svg'] = lineChart({
      title: `p50 of reads as the table grows, ${results.meta.mode} run`,
      yLabel: 'ms (p50)',
      xLabel: 'issues stored',
      x: steps.map((step) => step.issues),
      series: [
        ...scopes.map((scope) => ({
          name: `GET /stats ${scope}`,
          values: steps.map((s) => s.statsP50Ms[scope]),
        })),
        { name: 'open issues of a grid', values: steps.map((step) => step.openListP50Ms) },
        { name: 'workbench case list', values: steps.map((step) => step.caseListP50Ms ?? 0) },
      ],
    });
  }
  return files;
}
