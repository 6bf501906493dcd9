import type { ToolContext } from '../tools/tool-context.js';
import { checkUri } from './check-uri.js';
import { FeatureError } from './feature-error.js';
import { type ResourceReadReturn, toResourceContents } from './to-resource-contents.js';
import { UriTemplate } from './uri-template.js';
import type {
  Icon,
  ResourceAnnotations,
  ResourceContents,
  ResourceDescriptor,
} from './wire-types.js';

/** A resource at a fixed URI, as its author writes it. */
export interface ResourceDefinition {
  /** The resource's URI (no template variables: see `defineResourceTemplate`). */
  uri: string;
  /** Short name for lists. */
  name: string;
  /** Human-friendly name for UIs. */
  title?: string;
  description?: string;
  mimeType?: string;
  /** Size in bytes, when known before reading. */
  size?: number;
  annotations?: ResourceAnnotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /** Fixed text contents (instead of `read`). */
  text?: string;
  /** Fixed binary contents (instead of `read`). */
  blob?: Uint8Array;
  /** Reads the contents when a client asks; may return text, bytes or contents entries. */
  read?: (uri: string, ctx: ToolContext) => ResourceReadReturn | Promise<ResourceReadReturn>;
}

/** A resource ready to register. */
export interface DefinedResource {
  readonly kind: 'resource';
  /** The URI, the registry key. */
  readonly uri: string;
  /** What `resources/list` publishes. */
  readonly descriptor: ResourceDescriptor;
  /** Reads the contents as `resources/read` returns them. */
  readonly read: (ctx: ToolContext) => Promise<ResourceContents[]>;
}

/**
 * Defines a resource with a fixed URI: give `text`, `blob` or a `read` function. Read
 * errors become JSON-RPC errors for the client; the definition itself is checked here.
 */
export function defineResource(definition: ResourceDefinition): DefinedResource {
  const { uri, name, text, blob, read, ...rest } = definition;
  checkUri(uri, 'resource');
  if (UriTemplate.isTemplate(uri)) {
    throw new FeatureError(
      'invalid_resource',
      `Resource ${uri} has template variables: use defineResourceTemplate for it`,
    );
  }
  if (typeof name !== 'string' || name === '') {
    throw new FeatureError('invalid_resource', `Resource ${uri}: name must be a non-empty string`);
  }
  const sources = [text, blob, read].filter((source) => source !== undefined).length;
  if (sources !== 1 || (read !== undefined && typeof read !== 'function')) {
    throw new FeatureError(
      'invalid_resource',
      `Resource ${uri}: give exactly one of text, blob or a read function`,
    );
  }
  const size =
    rest.size ??
    (text !== undefined
      ? Buffer.byteLength(text)
      : blob !== undefined
        ? blob.byteLength
        : undefined);
  const descriptor: ResourceDescriptor = { uri, name, ...rest };
  if (size !== undefined) descriptor.size = size;
  const mimeType = rest.mimeType;
  const fixed = text ?? blob;
  return {
    kind: 'resource',
    uri,
    descriptor,
    read:
      fixed !== undefined
        ? () => Promise.resolve(toResourceContents(fixed, uri, mimeType))
        : async (ctx) => toResourceContents(await read!(uri, ctx), uri, mimeType),
  };
}
