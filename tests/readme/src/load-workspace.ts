import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace, WorkspacePackage } from './check-command.js';

interface PackageJson {
  name?: string;
  private?: boolean;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** Reads the workspace's packages (the folders of pnpm-workspace.yaml) and root scripts. */
export function loadWorkspace(root: string): Workspace {
  const packages: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps', 'tooling', 'tests']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const file = join(root, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const pkg = readJson(file);
      const dir = `${group}/${entry.name}`;
      const bin = typeof pkg.bin === 'string' ? { [pkg.name ?? '']: pkg.bin } : (pkg.bin ?? {});
      packages.push({
        name: pkg.name ?? dir,
        private: pkg.private === true,
        scripts: pkg.scripts ?? {},
        bins: Object.fromEntries(
          Object.entries(bin).map(([name, path]) => [name, join(dir, path).replaceAll('\\', '/')]),
        ),
      });
    }
  }
  const helps = new Map<string, string>();
  return {
    root,
    rootScripts: readJson(join(root, 'package.json')).scripts ?? {},
    packages,
    help(bin, subcommand) {
      const key = `${bin} ${subcommand ?? ''}`;
      const cached = helps.get(key);
      if (cached !== undefined) return cached;
      const file = packages.map((pkg) => pkg.bins[bin]).find((path) => path !== undefined);
      if (!file) throw new Error(`no workspace bin named ${bin}`);
      const args = [join(root, file), ...(subcommand ? [subcommand] : []), '--help'];
      const text = execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
      helps.set(key, text);
      return text;
    },
  };
}
