import { describe, expect, test } from 'vitest';
import { cliRoots } from './roots.js';

describe('cliRoots', () => {
  test('the current directory when no --root is given', () => {
    expect(cliRoots([], '/home/ada/project')).toEqual([
      { uri: 'file:///home/ada/project', name: 'project' },
    ]);
  });

  test('each --root, resolved against the current directory', () => {
    expect(cliRoots(['/srv/data', 'docs'], '/home/ada')).toEqual([
      { uri: 'file:///srv/data', name: 'data' },
      { uri: 'file:///home/ada/docs', name: 'docs' },
    ]);
  });
});
