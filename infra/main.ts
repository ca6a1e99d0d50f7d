import { createGridworkApp } from './app.ts';

createGridworkApp().app.synth();
