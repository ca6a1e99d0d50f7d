// The embedded local runtime: runs a synthesized CloudFormation template of the CDK app on one
// machine (dynalite, in-process Lambda handlers, aws-local-stepfunctions, an HTTP API adapter).
export type { CfnResource, CfnTemplate } from './cfn-template.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export { ConflictingEnvironmentError } from './function-env.ts';
export type { ExtraRoute, ExtraRouteHandler } from './http-api/gateway.ts';
export type { LocalJwtIssuer } from './http-api/jwt-authorizer.ts';
export type { Logger } from './logger.ts';
export { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './start.ts';
