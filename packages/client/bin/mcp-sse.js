#!/usr/bin/env node
// @ts-check
import '../dist/cli.js';
