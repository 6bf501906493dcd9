import { expect, test } from 'vitest';
import { planTools } from './tool-plan.js';

const tool = (name: string) => ({ name, inputSchema: { type: 'object' as const } });

test('our tools play their own parts', () => {
  const plan = planTools(['echo', 'add', 'sleep'].map(tool));
  expect(plan.add?.(1, 2)).toEqual({ tool: 'add', args: { a: 1, b: 2 } });
  expect(plan.sleep?.(500)).toEqual({ tool: 'sleep', args: { ms: 500 } });
});

test("server-everything's tools stand in for add and sleep", () => {
  const plan = planTools(['echo', 'get-sum', 'trigger-long-running-operation'].map(tool));
  expect(plan.add?.(1, 2)).toEqual({ tool: 'get-sum', args: { a: 1, b: 2 } });
  expect(plan.sleep?.(2000)).toEqual({
    tool: 'trigger-long-running-operation',
    args: { duration: 2, steps: 8 },
  });
});

test('missing tools leave their parts out', () => {
  expect(planTools([tool('time')])).toEqual({});
});
