import { afterEach } from 'vitest';
import { runCleanups } from './helpers.js';

// A setup file runs for every test file, also when they share modules (`isolate: false`).
afterEach(runCleanups);
