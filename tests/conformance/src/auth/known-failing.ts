import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, type SuiteName } from '../suite/paths.js';

/** Per suite, the auth scenarios known not to pass, each with the reason. */
export type KnownFailing = Partial<Record<SuiteName, Record<string, string>>>;

/** The `knownFailing` section of expected-client-auth.json (empty when absent). */
export function readKnownFailing(): KnownFailing {
  const parsed = JSON.parse(
    readFileSync(join(PACKAGE_ROOT, 'expected-client-auth.json'), 'utf8'),
  ) as { knownFailing?: KnownFailing };
  return parsed.knownFailing ?? {};
}
