import type { Construct } from 'constructs';
import { FollowUpRoutes } from './constructs/follow-up-routes.ts';
import type { IntakeWiring } from './constructs/intake-wiring.ts';
import { WorkbenchActions, type WorkbenchActionsProps } from './constructs/workbench-actions.ts';
import { WorkbenchRoutes } from './constructs/workbench-routes.ts';

/** What the supervisors' workbench is built from: the actions' needs, the intake's link key and messages among them. */
export interface WorkbenchProps extends Omit<WorkbenchActionsProps, keyof IntakeWiring> {
  readonly intake: IntakeWiring;
}

/**
 * The supervisors' workbench behind their JWT authorizer: its reads (list, search, case page, CSV, the audit
 * enquiry), its actions and the follow-up call records. Built in the stack's own scope, so each part keeps the
 * construct path (and logical ids) it has on its own.
 */
export function supervisorsWorkbench(stack: Construct, props: WorkbenchProps): void {
  const { api, authorizer, cases, registry, audit, functionDefaults, intake } = props;
  new WorkbenchRoutes(stack, 'Workbench', {
    api,
    cases,
    registry,
    audit,
    authorizer,
    linkKey: intake.linkKey,
    linkKeyRotation: intake.linkKeyRotation,
    functionDefaults,
  });
  new WorkbenchActions(stack, 'WorkbenchActions', { ...props, ...intake });
  new FollowUpRoutes(stack, 'FollowUps', { api, cases, authorizer, functionDefaults });
}
