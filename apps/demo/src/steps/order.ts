import { addStep } from './add.js';
import { badArgumentStep } from './bad-argument.js';
import { cancelStep } from './cancel.js';
import { connectStep } from './connect.js';
import { dropStep } from './drop.js';
import { echoStep } from './echo.js';
import { elicitStep } from './elicit.js';
import { listToolsStep } from './list-tools.js';
import { negotiateStep } from './negotiate.js';
import { promptStep } from './prompt.js';
import { resourceStep } from './resource.js';
import { resumeStep } from './resume.js';
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
  resourceStep,
  promptStep,
  elicitStep,
  negotiateStep,
  resumeStep,
  shutdownStep,
];
