// Step Functions API errors, one class per error code the local endpoint answers with.
// `code` becomes the `__type` the AWS SDK turns back into its own exception class.

export abstract class StepFunctionsApiError extends Error {
  abstract readonly code: string;
}

export class ExecutionDoesNotExistError extends StepFunctionsApiError {
  readonly code = 'ExecutionDoesNotExist';
  constructor(executionArn: string) {
    super(`Execution Does Not Exist: '${executionArn}'`);
    this.name = 'ExecutionDoesNotExistError';
  }
}

export class ExecutionAlreadyExistsError extends StepFunctionsApiError {
  readonly code = 'ExecutionAlreadyExists';
  constructor(executionArn: string) {
    super(`Execution Already Exists: '${executionArn}'`);
    this.name = 'ExecutionAlreadyExistsError';
  }
}

export class StateMachineDoesNotExistError extends StepFunctionsApiError {
  readonly code = 'StateMachineDoesNotExist';
  constructor(stateMachineArn: string) {
    super(`State Machine Does Not Exist: '${stateMachineArn}'`);
    this.name = 'StateMachineDoesNotExistError';
  }
}

export class InvalidNameError extends StepFunctionsApiError {
  readonly code = 'InvalidName';
  constructor(name: string) {
    super(`Invalid Name: '${name}'`);
    this.name = 'InvalidNameError';
  }
}

export class InvalidExecutionInputError extends StepFunctionsApiError {
  readonly code = 'InvalidExecutionInput';
  constructor(detail: string) {
    super(`Invalid State Machine Execution Input: '${detail}'`);
    this.name = 'InvalidExecutionInputError';
  }
}

export class InvalidOutputError extends StepFunctionsApiError {
  readonly code = 'InvalidOutput';
  constructor(detail: string) {
    super(`Invalid Output: '${detail}'`);
    this.name = 'InvalidOutputError';
  }
}

export class InvalidArnError extends StepFunctionsApiError {
  readonly code = 'InvalidArn';
  constructor(arn: unknown) {
    super(`Invalid Arn: '${String(arn)}'`);
    this.name = 'InvalidArnError';
  }
}

export class ValidationError extends StepFunctionsApiError {
  readonly code = 'ValidationException';
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class UnknownOperationError extends StepFunctionsApiError {
  readonly code = 'UnknownOperationException';
  constructor(operation: string) {
    super(`Operation ${operation} is not supported by the local Step Functions endpoint`);
    this.name = 'UnknownOperationError';
  }
}

export class ServiceClosingError extends StepFunctionsApiError {
  readonly code = 'ServiceUnavailable';
  constructor() {
    super('The local runtime is shutting down');
    this.name = 'ServiceClosingError';
  }
}
