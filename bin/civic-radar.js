#!/usr/bin/env node
// Installed as the `civic-radar` bin: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/index.ts');
