import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../paths.ts';

/** The metadata key that tells the local runtime which source file a function runs. */
export const ENTRY_METADATA = 'gridwork:entry';

export interface GridworkFunctionProps {
  /** The handler module, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly reservedConcurrentExecutions?: number;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The one way Gridwork defines a Lambda function: Node.js 22 on arm64, an ESM bundle with the AWS SDK clients
 * it uses bundled in (pinned, tree-shaken), active tracing and a log group with retention. The `bind…`
 * methods set a variable and grant exactly the access it stands for, so neither happens without the other.
 */
export class GridworkFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: GridworkFunctionProps) {
    super(scope, id);
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}/${props.entry}`,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup: new logs.LogGroup(this, 'Logs', {
        retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      }),
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // Bundle the SDK clients rather than use the runtime's copy: pinned versions and smaller cold starts.
        externalModules: [],
        // Some CommonJS dependencies call require(); give the ESM bundle one.
        banner:
          "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
      },
    });
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata(ENTRY_METADATA, props.entry);
  }

  private setEnv(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  bindCasesTable(table: ITableV2, access: 'read' | 'write'): this {
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    return this.setEnv('CASES_TABLE', table.tableName);
  }

  bindRegistryTable(table: ITableV2): this {
    table.grantReadData(this.function);
    return this.setEnv('REGISTRY_TABLE', table.tableName);
  }

  /** Lets the function start lifecycle executions. */
  bindWorkflowStarter(stateMachine: IStateMachine): this {
    stateMachine.grantStartExecution(this.function);
    return this.setEnv('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
  }

  /**
   * Lets the function complete the callback tasks of one state machine (states:SendTask*). The grant is a
   * policy of its own: in the role's default policy it would make the function wait for a state machine that
   * waits for the function.
   */
  bindTaskCompleter(stateMachine: IStateMachine): this {
    const role = this.function.role;
    if (!role) throw new Error(`${this.node.path} has no role to grant task responses to`);
    new iam.Policy(this, 'CompleteTasks', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: [stateMachine.stateMachineArn],
        }),
      ],
    });
    return this;
  }

  bindLinkKey(secret: ISecret): this {
    secret.grantRead(this.function);
    return this.setEnv('LINK_KEY_SECRET_ARN', secret.secretArn);
  }

  bindPublicUrl(url: string): this {
    return this.setEnv('PUBLIC_URL', url);
  }
}
