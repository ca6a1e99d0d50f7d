// Small readers that pick resources of one type out of a synthesized template (its types are
// the template contract's).
import { type CfnResource, type CfnTemplate, ENTRY_METADATA_KEY } from '#contract/template.ts';

export type { CfnParameter, CfnResource, CfnTemplate } from '#contract/template.ts';

export const LOCAL_ACCOUNT_ID = '000000000000';

export const RESOURCE_TYPES = {
  globalTable: 'AWS::DynamoDB::GlobalTable',
  table: 'AWS::DynamoDB::Table',
  function: 'AWS::Lambda::Function',
  stateMachine: 'AWS::StepFunctions::StateMachine',
  httpApi: 'AWS::ApiGatewayV2::Api',
  route: 'AWS::ApiGatewayV2::Route',
  integration: 'AWS::ApiGatewayV2::Integration',
  bucket: 'AWS::S3::Bucket',
  authorizer: 'AWS::ApiGatewayV2::Authorizer',
} as const;

export interface TemplateResource {
  logicalId: string;
  resource: CfnResource;
  properties: Record<string, unknown>;
}

export class InvalidTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTemplateError';
  }
}

export function resourcesOfType(template: CfnTemplate, ...types: string[]): TemplateResource[] {
  if (!template || typeof template.Resources !== 'object' || template.Resources === null) {
    throw new InvalidTemplateError('The template has no Resources section');
  }
  return Object.entries(template.Resources)
    .filter(([, resource]) => types.includes(resource.Type))
    .map(([logicalId, resource]) => ({ logicalId, resource, properties: resource.Properties ?? {} }));
}

/** The functions the local runtime runs: only those that name their TypeScript entry in metadata. */
export function localFunctions(template: CfnTemplate): Array<TemplateResource & { entry: string }> {
  return resourcesOfType(template, RESOURCE_TYPES.function).flatMap((fn) => {
    const entry = fn.resource.Metadata?.[ENTRY_METADATA_KEY];
    return typeof entry === 'string' && entry.length > 0 ? [{ ...fn, entry }] : [];
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
