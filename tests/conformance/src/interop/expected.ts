import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../suite/paths.js';

/** expected-interop.json: the cells that must pass, and the ones known to fail. */
export interface InteropExpectations {
  mustPass: string[];
  knownFailing: string[];
}

/** Reads expected-interop.json from this package. */
export function readInteropExpectations(): InteropExpectations {
  const parsed = JSON.parse(
    readFileSync(join(PACKAGE_ROOT, 'expected-interop.json'), 'utf8'),
  ) as Partial<InteropExpectations>;
  return { mustPass: parsed.mustPass ?? [], knownFailing: parsed.knownFailing ?? [] };
}
