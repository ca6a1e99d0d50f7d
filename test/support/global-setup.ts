// Vitest's global setup, in the main process before any test file runs. Tests import the page handlers from
// source, so the page modules are built first, as `npm start` and synth build them. The CDK app is synthesized
// here too when the sources changed since the cached template: once for the run, with no hook's timeout to cut
// it short on a loaded machine, rather than by whichever test file starts a runtime first.
import { writePageScripts } from '#http/pages/build-scripts.ts';
import { localTemplate } from '#local/template-cache.ts';

export default async function setup(): Promise<void> {
  writePageScripts();
  await localTemplate();
}
