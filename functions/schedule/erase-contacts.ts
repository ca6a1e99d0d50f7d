import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { logger } from '#adapters/logger.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { closedCases } from '#adapters/wiring/closed-cases.ts';
import { contactRetention } from '#adapters/wiring/contact-retention.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { sweepContacts } from '#use-cases/erase-contacts.ts';

const deps = await createDeps({ issues, registry, closedCases, clock, contactRetention, keys });

/** Time kept back from the function's timeout: the write under way finishes, no new case starts. */
const MARGIN_MS = 30_000;

/**
 * The daily schedule (an EventBridge rule): erases residents' contact details CONTACT_RETENTION after their
 * cases closed. Logs counts only, never a case's content.
 */
export const handler = middy<ScheduledEvent, void>()
  .use(edgeMiddlewares())
  .handler(async (_event, context: Context) => {
    const report = await sweepContacts(
      deps,
      deps.contactRetention,
      () => context.getRemainingTimeInMillis() < MARGIN_MS,
    );
    logger.info('contact retention sweep', { ...report });
  });
