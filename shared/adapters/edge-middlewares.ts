import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import { logger } from './logger.ts';
import { flushMetrics } from './metrics.ts';

type Hook = () => Promise<void>;
const hooks = new Set<Hook>();

/**
 * Runs `hook` before every invocation of the function, awaited: how an adapter built once at cold start keeps
 * a value fresh (the link key) without every handler knowing it.
 */
export function beforeEachInvocation(hook: Hook): void {
  hooks.add(hook);
}

/**
 * What every function wears at its edge: the request id and cold start on every log line, the hooks above, and
 * the invocation's business metrics flushed however it ends. No tracer: see GridworkFunction for why.
 */
export function edgeMiddlewares(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true }),
    {
      before: async () => {
        await Promise.all([...hooks].map((hook) => hook()));
      },
      after: flushMetrics,
      onError: flushMetrics,
    },
  ];
}
