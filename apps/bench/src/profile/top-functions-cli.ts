/**
 * Prints the packages and functions with the most self time in a V8 `.cpuprofile`:
 * `node dist/profile/top-functions-cli.js <file.cpuprofile> [--top 25]`.
 */
import { parseArgs } from 'node:util';
import { readProfile, renderTopFunctions, topFunctions, topPackages } from './top-functions.js';

function usage(message: string): never {
  process.stderr.write(
    `top-functions: ${message}\nusage: top-functions <file.cpuprofile> [--top 25]\n`,
  );
  process.exit(2);
}

let parsed: { values: { top?: string }; positionals: string[] };
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values, positionals } = parsed;
const top = Number(values.top);
if (positionals.length !== 1) usage('expected one .cpuprofile file');
if (!(Number.isInteger(top) && top >= 1)) usage('--top must be a whole number >= 1');
try {
  const profile = readProfile(positionals[0]!);
  console.log(`By package:\n\n${renderTopFunctions(topPackages(profile, 12))}\n`);
  console.log(`Top functions:\n\n${renderTopFunctions(topFunctions(profile, top))}`);
} catch (error) {
  process.stderr.write(
    `top-functions: cannot read ${positionals[0]}: ${(error as Error).message}\n`,
  );
  process.exit(2);
}
