// The template's state machines, ready to run: each definition is resolved to plain ASL,
// rewritten for local execution and validated once (validation costs ~140 ms of CPU, so one
// library instance per definition is reused for every execution).
import { type CfnTemplate, isRecord, RESOURCE_TYPES, resourcesOfType } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import { InvalidDefinitionError, type LocalDefinition, localDefinition, startingAt } from './definition.ts';
import { StateMachine, type StateMachineDefinition } from './engine.ts';

export interface StateMachineSpec {
  logicalId: string;
  name: string;
  arn: string;
  /** The resolved definition exactly as deployed (DescribeStateMachine returns it). */
  definitionString: string;
  roleArn: string;
  type: string;
}

export function stateMachineSpecsFromTemplate(
  template: CfnTemplate,
  resolver: TemplateResolver,
): StateMachineSpec[] {
  return resourcesOfType(template, RESOURCE_TYPES.stateMachine).map(({ logicalId, properties }) => ({
    logicalId,
    name: logicalId,
    arn: resolver.stateMachineArn(logicalId),
    definitionString: definitionText(logicalId, properties, resolver),
    roleArn: properties.RoleArn
      ? resolver.resolveString(properties.RoleArn, `${logicalId}.RoleArn`)
      : `arn:aws:iam::${resolver.accountId}:role/${logicalId}Role`,
    type: String(properties.StateMachineType ?? 'STANDARD'),
  }));
}

function definitionText(
  logicalId: string,
  properties: Record<string, unknown>,
  resolver: TemplateResolver,
): string {
  let text: string;
  if (properties.DefinitionString !== undefined) {
    text = resolver.resolveString(properties.DefinitionString, `${logicalId}.DefinitionString`);
  } else if (isRecord(properties.Definition)) {
    text = JSON.stringify(resolver.resolve(properties.Definition, `${logicalId}.Definition`));
  } else {
    throw new InvalidDefinitionError(
      `State machine ${logicalId} has no inline definition (DefinitionS3Location is not supported locally)`,
    );
  }
  const substitutions = resolver.resolve(
    properties.DefinitionSubstitutions ?? {},
    `${logicalId}.Substitutions`,
  );
  for (const [key, value] of Object.entries(substitutions as Record<string, unknown>)) {
    text = text.replaceAll(`\${${key}}`, String(value));
  }
  return text;
}

export class LocalStateMachine {
  readonly local: LocalDefinition;
  /** Runs the whole definition; validated once here. */
  readonly main: StateMachine;
  private readonly resumeCopies = new Map<string, StateMachine>();

  constructor(readonly spec: StateMachineSpec) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(spec.definitionString);
    } catch (error) {
      throw new InvalidDefinitionError(`The definition of ${spec.name} is not JSON: ${String(error)}`);
    }
    if (!isRecord(parsed)) {
      throw new InvalidDefinitionError(`The definition of ${spec.name} is not an object`);
    }
    this.local = localDefinition(parsed);
    try {
      this.main = new StateMachine(this.local.definition as unknown as StateMachineDefinition);
    } catch (error) {
      throw new InvalidDefinitionError(`State machine ${spec.name}: ${(error as Error).message}`);
    }
  }

  /** A copy starting at `stateName`, for resuming; the definition was already validated. */
  startingAt(stateName: string): StateMachine {
    let machine = this.resumeCopies.get(stateName);
    if (!machine) {
      const definition = startingAt(this.local, stateName) as unknown as StateMachineDefinition;
      machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
      this.resumeCopies.set(stateName, machine);
    }
    return machine;
  }
}
