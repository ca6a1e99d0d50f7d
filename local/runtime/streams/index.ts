// Runs the template's stream event source mappings against the local tables' emulated streams.
import type { CfnTemplate } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import type { Logger } from '../logger.ts';
import type { TableSpec } from '../tables.ts';
import { streamMappingsFromTemplate, streamTables } from './event-source-mappings.ts';
import type { StreamLog } from './stream-log.ts';
import { StreamPoller } from './stream-poller.ts';

export { StreamLog } from './stream-log.ts';

export interface LocalStreams {
  /** How many mappings run. */
  readonly mappings: number;
  /** Records written but not yet taken, summed over the mappings. */
  backlog(): number;
  /** Stops every poller once the batch it is delivering is taken. */
  stop(): Promise<void>;
}

export interface StreamSettings {
  readonly template: CfnTemplate;
  readonly tables: readonly TableSpec[];
  /** Absent when the runtime runs without streams: no poller starts. */
  readonly log: StreamLog | undefined;
  readonly resolver: TemplateResolver;
  readonly region: string;
  readonly invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>;
  readonly logger: Logger;
  readonly onBatch?: (writtenAt: readonly number[]) => void;
}

/**
 * Records the writes of every table whose template declares a stream. Call once the tables exist and before
 * anything writes to them: a write made earlier is not in the stream (as on AWS before a stream is enabled).
 */
export async function enableStreams(settings: { template: CfnTemplate; log: StreamLog }): Promise<void> {
  const mappings = streamMappingsFromTemplate(settings.template);
  for (const table of streamTables(settings.template).keys()) {
    const readers = mappings.filter((mapping) => mapping.table === table).map((mapping) => mapping.logicalId);
    await settings.log.enable(table, readers);
  }
}

/** Starts one poller per stream mapping of the template, each from its checkpoint. */
export async function startStreamPollers(settings: StreamSettings): Promise<LocalStreams> {
  const viewTypes = streamTables(settings.template);
  const pollers: StreamPoller[] = [];
  const { log } = settings;
  if (!log) return { mappings: 0, backlog: () => 0, stop: async () => {} };
  for (const spec of streamMappingsFromTemplate(settings.template)) {
    const viewType = viewTypes.get(spec.table);
    const table = settings.tables.find((candidate) => candidate.logicalId === spec.table);
    if (!viewType || !table) {
      settings.logger.warn('event source mapping reads a table without a stream', {
        mapping: spec.logicalId,
      });
      continue;
    }
    const peers = () => pollers.filter((poller) => poller !== self);
    const self: StreamPoller = new StreamPoller(spec, log, {
      region: settings.region,
      streamArn: settings.resolver.resolveString({ 'Fn::GetAtt': [spec.table, 'StreamArn'] }, spec.logicalId),
      viewType,
      keySchema: (table.input.KeySchema ?? []).map((key) => String(key.AttributeName)),
      invoke: settings.invoke,
      logger: settings.logger,
      trimTo: (position) => Math.min(position, ...peers().map((poller) => poller.checkpoint)),
      ...(settings.onBatch ? { onBatch: settings.onBatch } : {}),
    });
    pollers.push(self);
  }
  await Promise.all(pollers.map((poller) => poller.start()));
  return {
    mappings: pollers.length,
    backlog: () =>
      pollers.reduce((sum, poller) => sum + log.lastWritten(poller.table) - poller.checkpoint, 0),
    stop: async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    },
  };
}
