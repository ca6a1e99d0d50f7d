import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { NotifierChoice } from '#contract/template.ts';

/** How a door's functions send messages: the notifier, its sender, how much of a link the outbox keeps. */
export interface NotifierWiring {
  readonly choice: NotifierChoice;
  readonly emailFrom?: string | undefined;
  readonly outboxLinks: 'full' | 'redacted';
}

/**
 * What a door (the web pages, the partners' routes, the workbench) needs to start or wake a case and tell
 * people: the link key its links are signed with, the lifecycle workflow, the public URL, the notifier.
 */
export interface IntakeWiring {
  readonly linkKey: ISecret;
  readonly linkKeyRotation?: string | undefined;
  readonly stateMachine: IStateMachine;
  readonly publicUrl: string;
  readonly notifier: NotifierWiring;
}
