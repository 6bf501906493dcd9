/** A mistake in how the CLI was called: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  /** The usage text of the command at fault, shown after the message. */
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}
