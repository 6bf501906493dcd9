/**
 * A mistake in how the CLI was called: reported as the message and a pointer to the
 * command's `--help` (not the whole help, which buries the message), exit code 2.
 */
export class UsageError extends Error {
  /**
   * The usage text of the command at fault (its first line names the command, for the
   * `--help` pointer), or a one-line hint shown as it is.
   */
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}
