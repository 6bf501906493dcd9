import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellCommand } from './shell-commands.js';

/** What the checker knows about one workspace package. */
export interface WorkspacePackage {
  name: string;
  private: boolean;
  scripts: Record<string, string>;
  /** Bin name to its file, relative to the repository root. */
  bins: Record<string, string>;
}

/** The workspace as the checker sees it. */
export interface Workspace {
  root: string;
  rootScripts: Record<string, string>;
  packages: WorkspacePackage[];
  /** `--help` output of a bin, or of a bin's subcommand (`mcp-sse call`). */
  help(bin: string, subcommand?: string): string;
}

// Commands of other tools the READMEs may show; they are not ours to check further.
const EXTERNAL = new Set(['curl', 'export', 'cd', 'git', 'docker', 'redis-server', 'head', 'jq']);
// pnpm's own commands, which need no script.
const PNPM_BUILTINS = new Set(['install', 'i', 'add', 'exec', 'dlx', 'run', 'test', 'pack']);

const ourBins = (workspace: Workspace) =>
  new Map(workspace.packages.flatMap((pkg) => Object.keys(pkg.bins).map((bin) => [bin, pkg])));

/** Checks that a bin's flags and subcommand appear in its `--help`. */
function checkBinUse(workspace: Workspace, bin: string, args: string[]): string[] {
  const problems: string[] = [];
  const subcommand = bin === 'mcp-sse' ? args.find((arg) => !arg.startsWith('-')) : undefined;
  const top = workspace.help(bin);
  if (subcommand !== undefined && !new RegExp(`^\\s+${subcommand}\\b`, 'm').test(top)) {
    problems.push(`${bin} has no command "${subcommand}" (see ${bin} --help)`);
    return problems;
  }
  const help = subcommand ? workspace.help(bin, subcommand) : top;
  for (const arg of args) {
    const flag = arg.match(/^(--?[A-Za-z][\w-]*)/)?.[1];
    if (flag && !new RegExp(`(^|[\\s,])${flag}\\b`, 'm').test(help)) {
      problems.push(`${bin}${subcommand ? ` ${subcommand}` : ''} has no option ${flag}`);
    }
  }
  return problems;
}

function checkPnpm(workspace: Workspace, args: string[]): string[] {
  const filters: string[] = [];
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--filter' || arg === '-F') filters.push(args[++index] ?? '');
    else rest.push(arg);
  }
  const script = rest.find((arg) => !arg.startsWith('-'));
  const builtin = script === undefined || PNPM_BUILTINS.has(script);
  const problems: string[] = [];
  for (const name of filters) {
    const pkg = workspace.packages.find((candidate) => candidate.name === name);
    if (!pkg) problems.push(`pnpm --filter ${name}: no workspace package of that name`);
    else if (!builtin && !(script in pkg.scripts)) {
      problems.push(`pnpm --filter ${name} ${script}: ${name} has no "${script}" script`);
    }
  }
  if (filters.length === 0 && !builtin && !(script in workspace.rootScripts)) {
    problems.push(`pnpm ${script}: the root package.json has no "${script}" script`);
  }
  return problems;
}

function checkNpx(workspace: Workspace, args: string[]): string[] {
  const bins = ourBins(workspace);
  const packageAt = args.indexOf('-p');
  const name = packageAt >= 0 ? (args[packageAt + 1] ?? '') : (args[0] ?? '');
  const rest = packageAt >= 0 ? args.slice(packageAt + 2) : args.slice(1);
  if (bins.has(name)) {
    return [`npx ${name} names an unscoped package that is not ours; use its scoped package`];
  }
  if (!name.startsWith('@mcp-sse/')) return [];
  const pkg = workspace.packages.find((candidate) => candidate.name === name);
  if (!pkg || pkg.private) return [`npx ${name}: not a publishable workspace package`];
  const names = Object.keys(pkg.bins);
  const bin = packageAt >= 0 ? rest.shift() : names.length === 1 ? names[0] : undefined;
  if (!bin || !names.includes(bin)) {
    return [
      `npx ${args.join(' ')}: ${name} has no such bin (it has ${names.join(', ') || 'none'})`,
    ];
  }
  return checkBinUse(workspace, bin, rest);
}

/**
 * What is wrong with one README shell command, if anything: workspace packages, scripts,
 * bins, their subcommands and flags, and files passed to `node` must exist.
 */
export function checkCommand(workspace: Workspace, command: ShellCommand): string[] {
  const [program = '', ...args] = command.words;
  const bins = ourBins(workspace);
  if (program === 'pnpm') return checkPnpm(workspace, args);
  if (program === 'npx') return checkNpx(workspace, args);
  if (bins.has(program)) return checkBinUse(workspace, program, args);
  if (program === 'node') {
    const file = args.find((arg) => !arg.startsWith('-'));
    if (!file) return [];
    if (!existsSync(join(workspace.root, file))) return [`node ${file}: no such file`];
    const bin = [...bins].find(([, pkg]) => Object.values(pkg.bins).includes(file))?.[0];
    return bin ? checkBinUse(workspace, bin, args.slice(args.indexOf(file) + 1)) : [];
  }
  if (program === 'npm') {
    const [verb, ...names] = args;
    if (verb !== 'install' && verb !== 'i') return [];
    return names
      .filter((name) => name.startsWith('@mcp-sse/'))
      .filter((name) => !workspace.packages.some((pkg) => pkg.name === name && !pkg.private))
      .map((name) => `npm install ${name}: not a publishable workspace package`);
  }
  if (EXTERNAL.has(program)) return [];
  return [`${program}: not a command the README test knows (add it to EXTERNAL if it is real)`];
}
