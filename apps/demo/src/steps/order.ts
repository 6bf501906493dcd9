import { addStep } from './add.js';
import { badArgumentStep } from './bad-argument.js';
import { cancelStep } from './cancel.js';
import { connectStep } from './connect.js';
import { dropStep } from './drop.js';
import { echoStep } from './echo.js';
import { listToolsStep } from './list-tools.js';
import { shutdownStep } from './shutdown.js';
import { sleepStep } from './sleep.js';
import type { Step } from './types.js';

/** The narrated flow, in the order a newcomer meets it. */
export const demoSteps: readonly Step[] = [
  connectStep,
  listToolsStep,
  echoStep,
  addStep,
  sleepStep,
  badArgumentStep,
  cancelStep,
  dropStep,
  shutdownStep,
];
