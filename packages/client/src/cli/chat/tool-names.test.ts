import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ToolNameMap } from './tool-names.js';

describe('ToolNameMap', () => {
  it('keeps valid names and maps invalid ones to unique valid names, reversibly', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 100 }), { maxLength: 20 }),
        (names) => {
          const map = new ToolNameMap(names);
          const claude = names.map((n) => map.toClaude(n));
          expect(new Set(claude).size).toBe(names.length);
          for (const [i, name] of names.entries()) {
            expect(claude[i]).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
            expect(map.toMcp(claude[i] as string)).toBe(name);
            if (/^[a-zA-Z0-9_-]{1,64}$/.test(name)) expect(claude[i]).toBe(name);
          }
        },
      ),
      // Found by this property: an invalid name renamed onto a valid name listed after it.
      { examples: [[[' ', '_']], [['a.b', 'a_b']]] },
    );
  });
});
