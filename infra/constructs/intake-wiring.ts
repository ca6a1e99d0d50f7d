import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { NotifierChoice } from '#contract/template.ts';

/** How a door's functions send messages: the notifier, its sender, how much of a link the outbox keeps. */
export interface NotifierWiring {
  readonly choice: NotifierChoice;
  readonly emailFrom?: string | undefined;
  readonly outboxLinks: 'full' | 'redacted';
}

/**
 * What a door (the web pages, the partners' routes, the workbench) needs to tell people about a case: the link
 * key its links and tracking tokens are signed with, the public URL, the notifier. (No door starts a workflow: the
 * cases' change stream does.)
 */
export interface IntakeWiring {
  readonly linkKey: ISecret;
  readonly linkKeyRotation?: string | undefined;
  readonly publicUrl: string;
  readonly notifier: NotifierWiring;
}
