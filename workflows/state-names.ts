/** The state names of the issue lifecycle: a public API (logs, alarms, the local engine and tests use them). */
export const LifecycleStates = {
  OfferTask: 'OfferTask',
  SettleTask: 'SettleTask',
  AwaitRating: 'AwaitRating',
  SettleRating: 'SettleRating',
  WhatNext: 'WhatNext?',
  CoHandle: 'CoHandle',
  AwaitCoHandler: 'AwaitCoHandler',
  CoHandlerOverdue: 'CoHandlerOverdue',
  IssueClosed: 'IssueClosed',
  ContinuedInNewExecution: 'ContinuedInNewExecution',
  WorkflowFailed: 'WorkflowFailed',
} as const;
