import type { Construct } from 'constructs';
import { IntegrationRoutes, type IntegrationRoutesProps } from './constructs/integration-routes.ts';
import { Open311Routes } from './constructs/open311-routes.ts';

/**
 * The partners' doors on the one intake wiring: Open311 (GeoReport v2) and the hotline's integration API. Built
 * in the stack's own scope, so each keeps the construct path (and logical ids) it has on its own.
 */
export function partnerDoors(stack: Construct, props: IntegrationRoutesProps): void {
  // Open311 tells residents nothing beyond its own answers: it needs no notifier.
  const { notifier: _notifier, ...open311 } = props;
  new Open311Routes(stack, 'Open311', open311);
  new IntegrationRoutes(stack, 'Integration', props);
}
