import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createGridworkApp } from './app.ts';

const { app } = createGridworkApp();
// Every `cdk synth` and `cdk deploy` runs the AwsSolutions checks; an unacknowledged finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
