import type { DefinedTool } from '../tools/define-tool.js';
import { addTool } from './add.js';
import { echoTool } from './echo.js';
import { imageTool } from './image.js';
import { sleepTool } from './sleep.js';
import { timeTool } from './time.js';

/** The runnable server's tools: echo, add, sleep, time and image. */
export const exampleTools: readonly DefinedTool[] = [
  echoTool,
  addTool,
  sleepTool,
  timeTool,
  imageTool,
];
