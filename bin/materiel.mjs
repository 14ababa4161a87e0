#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: one artefact for development and
// production, no compile step to forget (see docs/decisions.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/app/cli.ts');
process.exitCode = await main(process.argv.slice(2));
