import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  Map as MapState,
  type RetryProps,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { PERMANENT_STEP_ERRORS } from '#domain/errors.ts';
import { LifecycleStates as S } from './state-names.ts';

export interface LifecycleFunctions {
  readonly offerTask: IFunction;
  readonly settleTask: IFunction;
  readonly awaitRating: IFunction;
  readonly settleRating: IFunction;
}

export interface IssueLifecycleProps {
  readonly functions: LifecycleFunctions;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Business failures a retry cannot mend (the issue is gone, nobody is registered to take it): the first
 * matching retrier wins, so these fail the execution at once instead of five times over two minutes.
 */
const NO_RETRY: RetryProps = { errors: [...PERMANENT_STEP_ERRORS], maxAttempts: 0 };

/**
 * Retries for every Lambda step. `States.TaskFailed` matches any failure of the function but not a timeout,
 * which is a business transition (escalation), never something to retry.
 */
const STEP_RETRY: RetryProps = {
  errors: ['States.TaskFailed'],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 5,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
};

/**
 * The life of one issue as a Standard workflow. Every person-facing step is a callback task raced against its
 * deadline; the data, not the token, says what happened, so a decision landing at the deadline is never lost.
 *
 *   1. OfferTask      give the case to one person (or remind them), wait for a decision or the next point
 *   2. SettleTask     apply the decision; at a reminder point park the same task again; at the deadline
 *                     climb, or give the level above a supervision task (督办)
 *   3. WhatNext?      another task, the rating, the end, or (after many waits) a fresh execution
 *   4. AwaitRating    ask the resident to rate (or, once, again), wait for the rating or the next instant
 *   5. SettleRating   invite once more while unrated, else close, or reopen one level up for rework
 */
export class IssueLifecycle extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: IssueLifecycleProps) {
    super(scope, id);
    const { functions } = props;

    const failed = new Fail(this, S.WorkflowFailed, {
      comment: 'A step kept failing after its retries; the alarm on failed executions calls ops.',
      causePath: JsonPath.stringAt('$.failure.Cause'),
      errorPath: JsonPath.stringAt('$.failure.Error'),
    });
    const closed = new Succeed(this, S.IssueClosed);
    const continued = new Succeed(this, S.ContinuedInNewExecution, {
      comment: 'A long-lived case goes on in a fresh execution, far from the history limit.',
    });

    // 1. Offer the case and wait for the person's decision, or for the deadline.
    const offerTask = new LambdaInvoke(this, S.OfferTask, {
      lambdaFunction: functions.offerTask,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        taskToken: JsonPath.taskToken,
        issueId: JsonPath.stringAt('$.issueId'),
        step: JsonPath.objectAt('$.step'),
      }),
      taskTimeout: Timeout.at('$.step.timeoutSeconds'),
      resultPath: JsonPath.DISCARD,
    });

    // 2. Whatever woke the workflow, the stored issue decides what follows.
    const settleTask = new LambdaInvoke(this, S.SettleTask, {
      lambdaFunction: functions.settleTask,
      payload: TaskInput.fromObject({
        issueId: JsonPath.stringAt('$.issueId'),
        seq: JsonPath.numberAt('$.step.seq'),
        round: JsonPath.numberAt('$.step.round'),
        // The wait's plan travels with the workflow: the case item stays as small as before.
        deadline: JsonPath.stringAt('$.step.deadline'),
        remindAt: JsonPath.listAt('$.step.remindAt'),
        // Which wait ended: the task's own, or its co-handlers' (then the task's own wait resumes).
        ended: JsonPath.stringAt('$.step.next'),
        stateMachineArn: JsonPath.stringAt('$$.StateMachine.Id'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.step',
    });

    // 4. Ask the resident for a rating and wait for it, or for the rating window to pass.
    const awaitRating = new LambdaInvoke(this, S.AwaitRating, {
      lambdaFunction: functions.awaitRating,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        taskToken: JsonPath.taskToken,
        issueId: JsonPath.stringAt('$.issueId'),
        // The wait's round and instants: the one re-invitation (邀评) is a second wait, not a timer.
        step: JsonPath.objectAt('$.step'),
      }),
      taskTimeout: Timeout.at('$.step.timeoutSeconds'),
      resultPath: JsonPath.DISCARD,
    });

    // 5. Close the case, or reopen it for rework.
    const settleRating = new LambdaInvoke(this, S.SettleRating, {
      lambdaFunction: functions.settleRating,
      payload: TaskInput.fromObject({
        issueId: JsonPath.stringAt('$.issueId'),
        step: JsonPath.objectAt('$.step'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.step',
    });

    for (const step of [offerTask, settleTask, awaitRating, settleRating]) {
      step.addRetry(NO_RETRY).addRetry(STEP_RETRY);
    }
    offerTask.addCatch(settleTask, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    awaitRating.addCatch(settleRating, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    for (const step of [offerTask, settleTask, awaitRating, settleRating]) {
      step.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.failure' });
    }

    // 2b. Co-handling (协办): one wait per co-handling department, side by side, each until its own deadline.
    const coHandle = this.coHandling(functions.offerTask, failed);
    coHandle.next(settleTask);

    // 3. Route by the step the settle function chose.
    const whatNext = new Choice(this, S.WhatNext)
      .when(Condition.stringEquals('$.step.next', 'offer'), offerTask)
      .when(Condition.stringEquals('$.step.next', 'cohandle'), coHandle)
      .when(Condition.stringEquals('$.step.next', 'rating'), awaitRating)
      .when(Condition.stringEquals('$.step.next', 'continued'), continued)
      .otherwise(closed);

    const definition = offerTask.next(settleTask).next(whatNext);
    awaitRating.next(settleRating).next(whatNext);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      // A case can wait for rework and supervision for months, never more than a year.
      timeout: Duration.days(365),
      tracingEnabled: false,
      logs: {
        destination: new logs.LogGroup(this, 'Logs', {
          retention: props.logRetention ?? logs.RetentionDays.SIX_MONTHS,
        }),
        level: LogLevel.ERROR,
        // Execution data holds residents' reports; it stays out of the logs.
        includeExecutionData: false,
      },
    });
  }

  /**
   * The co-handlers' waits as a Map state: each iteration is a callback task (the offer function sends the
   * co-handler its link and stores the iteration's token) raced against that co-handler's deadline. A passed
   * deadline ends the iteration as a business outcome the lead sees, never as a failure of the whole Map.
   */
  private coHandling(offerFunction: IFunction, failed: Fail): MapState {
    const awaitCoHandler = new LambdaInvoke(this, S.AwaitCoHandler, {
      lambdaFunction: offerFunction,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        taskToken: JsonPath.taskToken,
        issueId: JsonPath.stringAt('$.issueId'),
        coHandler: JsonPath.objectAt('$.coHandler'),
      }),
      taskTimeout: Timeout.at('$.coHandler.timeoutSeconds'),
      resultPath: JsonPath.DISCARD,
    });
    awaitCoHandler.addRetry(NO_RETRY).addRetry(STEP_RETRY);
    awaitCoHandler.addCatch(new Succeed(this, S.CoHandlerOverdue), {
      errors: ['States.Timeout'],
      resultPath: JsonPath.DISCARD,
    });
    const map = new MapState(this, S.CoHandle, {
      itemsPath: JsonPath.stringAt('$.step.coHandlers'),
      // Each iteration gets only what it needs: the case and its own co-handler.
      itemSelector: {
        issueId: JsonPath.stringAt('$.issueId'),
        coHandler: JsonPath.stringAt('$$.Map.Item.Value'),
      },
      resultPath: JsonPath.DISCARD,
    });
    map.itemProcessor(awaitCoHandler);
    map.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.failure' });
    return map;
  }
}
