import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import ts from 'typescript';
import { ENTRY_METADATA_KEY } from '#contract/template.ts';
import { createGridworkApp, type GridworkAppOptions } from '#infra/app.ts';
import { REPO_ROOT } from '#infra/paths.ts';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

export type Resources = Record<string, CfnResource>;

export interface IamStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Synthesizes the stack without bundling and returns its resources by logical id. */
export function synthesizeResources(): Resources {
  return synthesizeStage().template.Resources;
}

export interface SynthesizedTemplate {
  readonly Resources: Resources;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

/** Synthesizes one stage without bundling, with the given `-c` context on top of cdk.json's. */
export function synthesizeStage(context: Record<string, unknown> = {}): {
  stack: Stack;
  template: SynthesizedTemplate;
} {
  const options: GridworkAppOptions = { bundling: false, context };
  const { stack } = createGridworkApp(options);
  return { stack, template: Template.fromStack(stack).toJSON() as SynthesizedTemplate };
}

export function resourcesOfType(resources: Resources, type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

export function props(resource: CfnResource): Record<string, unknown> {
  return resource.Properties ?? {};
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` points at, if the value is one. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** Every logical id referenced anywhere inside a value. */
export function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown) => {
    const id = referencedId(node);
    if (id) ids.add(id);
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(visit);
  };
  visit(value);
  return ids;
}

export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export interface LambdaFunction {
  readonly id: string;
  readonly entry: string | undefined;
  readonly roleId: string | undefined;
  readonly environment: Record<string, unknown>;
  readonly resource: CfnResource;
}

export function lambdaFunctions(resources: Resources): LambdaFunction[] {
  return resourcesOfType(resources, 'AWS::Lambda::Function').map(([id, resource]) => {
    const environment = (props(resource).Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    return {
      id,
      entry: typeof entry === 'string' ? entry : undefined,
      roleId: referencedId(props(resource).Role),
      environment: environment ?? {},
      resource,
    };
  });
}

/** Every IAM statement attached to a role through an AWS::IAM::Policy. */
export function statementsOfRole(resources: Resources, roleId: string | undefined): IamStatement[] {
  if (!roleId) return [];
  return resourcesOfType(resources, 'AWS::IAM::Policy')
    .filter(([, policy]) => asList(props(policy).Roles).some((role) => referencedId(role) === roleId))
    .flatMap(([, policy]) => {
      const document = props(policy).PolicyDocument as { Statement: IamStatement[] };
      return document.Statement;
    });
}

/** The statements of a bucket's own policy (AWS::S3::BucketPolicy), or none. */
export function bucketPolicyStatements(
  resources: Resources,
  bucketId: string,
): Array<Record<string, unknown>> {
  const [, policy] =
    resourcesOfType(resources, 'AWS::S3::BucketPolicy').find(([, p]) =>
      referencedIds(props(p).Bucket).has(bucketId),
    ) ?? [];
  return policy
    ? (props(policy).PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement
    : [];
}

/** Every IAM statement in the template, from policies and inline role policies. */
export function allStatements(resources: Resources): IamStatement[] {
  const fromPolicies = resourcesOfType(resources, 'AWS::IAM::Policy').flatMap(
    ([, policy]) => (props(policy).PolicyDocument as { Statement: IamStatement[] }).Statement,
  );
  const fromRoles = resourcesOfType(resources, 'AWS::IAM::Role').flatMap(([, role]) =>
    asList(props(role).Policies as { PolicyDocument: { Statement: IamStatement[] } }[] | undefined).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );
  return [...fromPolicies, ...fromRoles];
}

export function actionsOf(statement: IamStatement): string[] {
  return asList(statement.Action);
}

/**
 * A `DefinitionString` as a plain string: string parts joined, each intrinsic replaced by a placeholder that
 * names what it points at (`{{OfferTaskFunction1234}}`), so the result parses as JSON.
 */
export function resolveJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error(`Not an Fn::Join: ${JSON.stringify(value)}`);
  const [separator, parts] = join;
  return parts
    .map((part) => (typeof part === 'string' ? part : `{{${referencedId(part) ?? 'intrinsic'}}}`))
    .join(separator);
}

/** Whether the module at `entry` (relative to the repository root) exports a binding named `handler`. */
export function exportsHandler(entry: string): boolean {
  const path = join(REPO_ROOT, entry);
  if (!existsSync(path)) return false;
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  return source.statements.some((statement) => {
    if (ts.isVariableStatement(statement) && exported(statement)) {
      return statement.declarationList.declarations.some(
        (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === 'handler',
      );
    }
    if (ts.isFunctionDeclaration(statement) && exported(statement)) return statement.name?.text === 'handler';
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      return statement.exportClause.elements.some((element) => element.name.text === 'handler');
    }
    return false;
  });
}

/** The parts of an Amazon States Language definition the tests read. */
export interface Catcher {
  readonly ErrorEquals: string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
}

export interface State {
  readonly Type: string;
  readonly Next?: string;
  readonly Default?: string;
  readonly End?: boolean;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly ResultPath?: string | null;
  readonly Retry?: { readonly ErrorEquals: string[] }[];
  readonly Catch?: Catcher[];
  readonly Choices?: { readonly Variable: string; readonly StringEquals?: string; readonly Next: string }[];
  readonly ItemsPath?: string;
  readonly ItemSelector?: Record<string, unknown>;
  readonly ItemProcessor?: Definition;
}

export interface Definition {
  readonly StartAt: string;
  readonly TimeoutSeconds?: number;
  readonly States: Record<string, State>;
}

/** Every key used anywhere in a JSON value. */
export function keysOf(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        keys.add(key);
        visit(child);
      }
    }
  };
  visit(value);
  return keys;
}

export function successors(current: State): string[] {
  return [
    current.Next,
    current.Default,
    ...(current.Choices ?? []).map((choice) => choice.Next),
    ...(current.Catch ?? []).map((catcher) => catcher.Next),
  ].filter((name): name is string => name !== undefined);
}
