import { describe, expect, it } from 'vitest';
import { compare } from './expectations.js';
import { parseList } from './list-scenarios.js';
import { summarize } from './results.js';
import type { SuiteReport } from './server-suites.js';

// The bookkeeping the suites' verdicts rest on, checked without spawning anything.
describe('suite bookkeeping', () => {
  it('a scenario passes only with no failed check and at least one that counted', () => {
    expect(summarize('a', [{ id: 'x', status: 'SUCCESS' }]).status).toBe('pass');
    expect(summarize('a', [{ id: 'x', status: 'WARNING' }]).status).toBe('pass');
    expect(
      summarize('a', [
        { id: 'x', status: 'SUCCESS' },
        { id: 'y', status: 'FAILURE', errorMessage: 'boom' },
      ]),
    ).toMatchObject({ status: 'fail', passed: 1, failed: 1, failures: ['y: boom'] });
    expect(summarize('a', [{ id: 'x', status: 'INFO' }]).status).toBe('empty');
    expect(summarize('a', []).status).toBe('empty');
  });

  it('a must-pass scenario that failed is a regression; an unlisted pass is reported', () => {
    const report: SuiteReport = {
      suite: '2025-11-25',
      output: '',
      results: [
        summarize('kept', [{ id: 'x', status: 'SUCCESS' }]),
        summarize('broken', [{ id: 'x', status: 'FAILURE' }]),
        summarize('new', [{ id: 'x', status: 'SUCCESS' }]),
      ],
    };
    expect(compare(report, ['kept', 'broken', 'gone'])).toEqual({
      regressions: ['broken', 'gone'],
      newlyPassing: ['new'],
    });
  });

  it('reads both list formats, the not-scored section included', () => {
    const plain = parseList(
      'Server scenarios (test against a server):\n  - ping [2025-06-18,2025-11-25]\n\n' +
        'Client scenarios (test against a client):\n  - initialize [2025-11-25]\n',
    );
    expect(plain).toEqual({ server: ['ping'], client: ['initialize'], notScored: [] });
    const required = parseList(
      'Required for 2026-07-28 (3 scenarios):\n\nServer scenarios (test against a server):\n' +
        '  - tools-list\n\nClient scenarios (test against a client):\n  - tools_call\n\n' +
        'Run and reported, but never scored:\n  extension (1):\n    - tasks-lifecycle [server]\n' +
        '  pending (1):\n    - json-schema-2020-12-preservation [client]\n',
    );
    expect(required).toEqual({
      server: ['tools-list', 'tasks-lifecycle'],
      client: ['tools_call', 'json-schema-2020-12-preservation'],
      notScored: ['tasks-lifecycle', 'json-schema-2020-12-preservation'],
    });
  });
});
