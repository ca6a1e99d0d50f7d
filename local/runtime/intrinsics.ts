// Resolves CloudFormation intrinsic functions to the values they take locally.
// Resources the runtime runs resolve to what the local services answer to (table
// name, function ARN, state machine ARN, public URL); anything else resolves to a
// plausible string so that configuration mentioning it never stops a start.
import { createHash } from 'node:crypto';
import { type CfnTemplate, isRecord, LOCAL_ACCOUNT_ID, RESOURCE_TYPES } from './cfn-template.ts';
import { plausibleArn, plausibleRef } from './plausible-values.ts';

export interface ResolverSettings {
  template: CfnTemplate;
  region: string;
  publicUrl: string;
  stackName?: string;
}

export class UnresolvableValueError extends Error {
  constructor(where: string, detail: string) {
    super(`Cannot resolve ${where}: ${detail}`);
    this.name = 'UnresolvableValueError';
  }
}

/** `AWS::NoValue` removes the property that holds it, as CloudFormation does. */
const NO_VALUE = Symbol('AWS::NoValue');

export class TemplateResolver {
  readonly region: string;
  readonly accountId = LOCAL_ACCOUNT_ID;
  readonly partition = 'aws';
  private readonly stackName: string;

  constructor(private readonly settings: ResolverSettings) {
    this.region = settings.region;
    this.stackName = settings.stackName ?? 'gridwork-local';
  }

  /** Resolves every intrinsic inside `value`; `where` names the place for error messages. */
  resolve(value: unknown, where: string): unknown {
    const resolved = this.resolveValue(value, where);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  resolveString(value: unknown, where: string): string {
    const resolved = this.resolve(value, where);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new UnresolvableValueError(where, `expected a string, got ${JSON.stringify(resolved)}`);
  }

  tableArn(name: string): string {
    return `arn:${this.partition}:dynamodb:${this.region}:${this.accountId}:table/${name}`;
  }

  functionArn(name: string): string {
    return `arn:${this.partition}:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  stateMachineArn(name: string): string {
    return `arn:${this.partition}:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  /** A stable, API-Gateway-looking id (10 lower-case characters) for an HTTP API. */
  apiId(logicalId: string): string {
    return createHash('sha256').update(logicalId).digest('hex').slice(0, 10);
  }

  private resolveValue(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map((item, i) => this.resolveValue(item, `${where}[${i}]`)).filter((v) => v !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    const onlyKey = keys.length === 1 ? keys[0] : undefined;
    if (onlyKey === 'Ref') return this.ref(this.resolveString(value.Ref, where), where);
    if (onlyKey?.startsWith('Fn::')) return this.intrinsic(onlyKey, value[onlyKey], where);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const resolved = this.resolveValue(value[key], `${where}.${key}`);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  private intrinsic(name: string, args: unknown, where: string): unknown {
    const at = `${where} (${name})`;
    switch (name) {
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(args) ? args : String(args).split(/\.(.*)/s);
        return this.getAtt(this.resolveString(logicalId, at), this.resolveString(attribute, at), at);
      }
      case 'Fn::Join': {
        const [separator, parts] = this.argList(args, 2, at);
        const list = this.resolve(parts, at);
        if (!Array.isArray(list)) throw new UnresolvableValueError(at, 'the second argument is not a list');
        return list.map((part, i) => this.resolveString(part, `${at}[${i}]`)).join(String(separator));
      }
      case 'Fn::Sub':
        return this.sub(args, at);
      case 'Fn::Select': {
        const [index, list] = this.argList(args, 2, at);
        const items = this.resolve(list, at);
        const item = Array.isArray(items) ? items[Number(this.resolve(index, at))] : undefined;
        if (item === undefined) throw new UnresolvableValueError(at, 'index out of range');
        return item;
      }
      case 'Fn::Split': {
        const [separator, source] = this.argList(args, 2, at);
        return this.resolveString(source, at).split(String(separator));
      }
      case 'Fn::Base64':
        return Buffer.from(this.resolveString(args, at)).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.region}${zone}`);
      case 'Fn::FindInMap': {
        const [map, top, second] = this.argList(args, 3, at).map((a) => this.resolveString(a, at));
        const found = this.settings.template.Mappings?.[map ?? '']?.[top ?? '']?.[second ?? ''];
        if (found === undefined) throw new UnresolvableValueError(at, `no mapping ${map}/${top}/${second}`);
        return this.resolveValue(found, at);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.argList(args, 3, at);
        return this.resolveValue(this.condition(String(condition), at) ? whenTrue : whenFalse, at);
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(args, at));
      case 'Fn::ImportValue':
        return `imported-${this.resolveString(args, at)}`;
      default:
        throw new UnresolvableValueError(at, `intrinsic ${name} is not supported locally`);
    }
  }

  private argList(args: unknown, count: number, where: string): unknown[] {
    if (!Array.isArray(args) || args.length < count) {
      throw new UnresolvableValueError(where, `expected ${count} arguments`);
    }
    return args;
  }

  private sub(args: unknown, where: string): string {
    const [text, variables] = Array.isArray(args) ? args : [args, {}];
    if (typeof text !== 'string') throw new UnresolvableValueError(where, 'the template is not a string');
    const vars = isRecord(variables) ? variables : {};
    return text.replace(/\$\{(!?)([^}]+)\}/g, (whole, literal: string, name: string) => {
      if (literal) return `\${${name}}`;
      if (name in vars) return this.resolveString(vars[name], `${where}.${name}`);
      const dot = name.indexOf('.');
      if (dot > 0) {
        return this.resolveString(this.getAtt(name.slice(0, dot), name.slice(dot + 1), where), where);
      }
      const ref = this.ref(name, where);
      return ref === NO_VALUE ? whole : String(ref);
    });
  }

  private condition(name: string, where: string): boolean {
    const definition = this.settings.template.Conditions?.[name];
    if (definition === undefined) throw new UnresolvableValueError(where, `no condition ${name}`);
    return this.evaluateCondition(definition, where);
  }

  private evaluateCondition(expression: unknown, where: string): boolean {
    if (!isRecord(expression)) return Boolean(expression);
    if ('Condition' in expression) return this.condition(String(expression.Condition), where);
    const [operator, operands] = Object.entries(expression)[0] ?? [];
    const list = Array.isArray(operands) ? operands : [];
    switch (operator) {
      case 'Fn::Equals':
        return JSON.stringify(this.resolve(list[0], where)) === JSON.stringify(this.resolve(list[1], where));
      case 'Fn::Not':
        return !this.evaluateCondition(list[0], where);
      case 'Fn::And':
        return list.every((item) => this.evaluateCondition(item, where));
      case 'Fn::Or':
        return list.some((item) => this.evaluateCondition(item, where));
      default:
        throw new UnresolvableValueError(where, `condition operator ${operator} is not supported locally`);
    }
  }

  ref(logicalId: string, where: string): string | typeof NO_VALUE {
    switch (logicalId) {
      case 'AWS::Partition':
        return this.partition;
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return this.accountId;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:${this.partition}:cloudformation:${this.region}:${this.accountId}:stack/${this.stackName}/local`;
      case 'AWS::NotificationARNs':
        return '';
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const parameter = this.settings.template.Parameters?.[logicalId];
    if (parameter) return String(parameter.Default ?? '');
    const resource = this.settings.template.Resources[logicalId];
    if (!resource) throw new UnresolvableValueError(where, `Ref to unknown resource ${logicalId}`);
    switch (resource.Type) {
      case RESOURCE_TYPES.globalTable:
      case RESOURCE_TYPES.table:
      case RESOURCE_TYPES.function:
        return logicalId;
      case RESOURCE_TYPES.stateMachine:
        return this.stateMachineArn(logicalId);
      case RESOURCE_TYPES.httpApi:
        return this.apiId(logicalId);
      default:
        return plausibleRef(resource.Type, logicalId, this);
    }
  }

  getAtt(logicalId: string, attribute: string, where: string): string {
    const resource = this.settings.template.Resources[logicalId];
    if (!resource) throw new UnresolvableValueError(where, `GetAtt of unknown resource ${logicalId}`);
    const type = resource.Type;
    if (type === RESOURCE_TYPES.globalTable || type === RESOURCE_TYPES.table) {
      if (attribute === 'Arn') return this.tableArn(logicalId);
      if (attribute === 'StreamArn') return `${this.tableArn(logicalId)}/stream/1970-01-01T00:00:00.000`;
    }
    if (type === RESOURCE_TYPES.function && attribute === 'Arn') return this.functionArn(logicalId);
    if (type === RESOURCE_TYPES.stateMachine) {
      if (attribute === 'Arn') return this.stateMachineArn(logicalId);
      if (attribute === 'Name') return logicalId;
    }
    if (type === RESOURCE_TYPES.httpApi) {
      if (attribute === 'ApiEndpoint') return this.settings.publicUrl;
      if (attribute === 'ApiId') return this.apiId(logicalId);
    }
    if (attribute === 'Arn') return plausibleArn(type, logicalId, this);
    return `${logicalId}-${attribute}`;
  }
}
