// `node --import tsx infra/synth-cli.ts <template.json> [stage]`: synthesizes the app without bundling and
// writes the stack's template as JSON. `npm start` runs it as a short-lived process of its own, so the CDK
// library (hundreds of MB once loaded) never stays in the long-running runtime.
import { writeFileSync } from 'node:fs';
import { synthesizeTemplate } from './synth.ts';

const [out, stage = 'local'] = process.argv.slice(2);
if (!out) {
  console.error('usage: synth-cli.ts <template.json> [stage]');
  process.exit(2);
}
writeFileSync(out, JSON.stringify(synthesizeTemplate(stage)));
