import { FeatureError } from './feature-error.js';

/** Checks a URI of a resource or template: an absolute URI with a scheme. */
export function checkUri(uri: unknown, what: string): asserts uri is string {
  if (typeof uri !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) {
    throw new FeatureError(
      what === 'template' ? 'invalid_template' : 'invalid_resource',
      `Invalid ${what} URI ${JSON.stringify(uri)}: use an absolute URI with a scheme, such as file:///a.txt or app://config`,
    );
  }
}
