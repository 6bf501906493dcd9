import { styleText } from 'node:util';

/** The styles the narration uses. */
export type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan' | 'magenta';

/** Paints text in a style, or returns it unchanged. */
export type Paint = (style: Style, text: string) => string;

/**
 * Whether to colour: only on a terminal and never when NO_COLOR is set (no-color.org);
 * FORCE_COLOR turns it on or (as `0`) off for CI logs.
 */
export function wantsColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

/** A painter that colours with node:util's styleText, or a no-op one. */
export function painter(colour: boolean): Paint {
  return colour ? (style, text) => styleText(style, text) : (_style, text) => text;
}
