import { spawn } from 'node:child_process';

/**
 * Opens `url` in the user's browser: `$BROWSER` when set (its `%s` replaced by the URL, or the
 * URL appended), else the platform's opener. Never throws: the URL is printed anyway.
 */
export function openBrowser(url: string, env: Record<string, string | undefined>): void {
  const browser = env.BROWSER?.trim();
  let command: string;
  let args: string[];
  if (browser !== undefined && browser !== '') {
    // $BROWSER may hold several ':'-separated commands; the first is used.
    const first = (browser.split(':')[0] as string).trim().split(/\s+/);
    command = first[0] as string;
    const rest = first.slice(1);
    args = rest.some((a) => a.includes('%s'))
      ? rest.map((a) => a.replaceAll('%s', url))
      : [...rest, url];
  } else if (process.platform === 'darwin') {
    command = 'open';
    args = [url];
  } else if (process.platform === 'win32') {
    command = 'rundll32';
    args = ['url.dll,FileProtocolHandler', url];
  } else {
    command = 'xdg-open';
    args = [url];
  }
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is the way.
  }
}
