#!/usr/bin/env node
// The `juyifu` command. The code is TypeScript run through tsx's loader, registered here for this
// process only, so `npx juyifu` needs no build step and the sources are what runs.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
