#!/usr/bin/env node
// Entry point for `npx nabij`: hands over to the TypeScript CLI (Node 24 strips types natively).
import '../src/cli/main.ts';
