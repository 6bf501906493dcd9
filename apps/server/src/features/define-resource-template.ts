import type { ToolContext } from '../tools/tool-context.js';
import { checkUri } from './check-uri.js';
import type { Completer } from './completer.js';
import { FeatureError } from './feature-error.js';
import { type ResourceReadReturn, toResourceContents } from './to-resource-contents.js';
import { UriTemplate } from './uri-template.js';
import type {
  Icon,
  ResourceAnnotations,
  ResourceContents,
  ResourceDescriptor,
  ResourceTemplateDescriptor,
} from './wire-types.js';

/** A family of resources under an RFC 6570 URI template, as its author writes it. */
export interface ResourceTemplateDefinition {
  /** The template, such as `file:///logs/{date}` or `app://users/{id}{?fields}`. */
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  /** The MIME type of every resource it yields, when they share one. */
  mimeType?: string;
  annotations?: ResourceAnnotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /** Completion of each variable for `completion/complete` (`ref/resource`). */
  complete?: Record<string, Completer>;
  /** Concrete resources it currently yields, added to `resources/list`. */
  list?: (ctx: ToolContext) => ResourceDescriptor[] | Promise<ResourceDescriptor[]>;
  /** Reads one resource, with the variables matched from its URI. */
  read: (
    uri: string,
    variables: Record<string, string>,
    ctx: ToolContext,
  ) => ResourceReadReturn | Promise<ResourceReadReturn>;
}

/** A resource template ready to register. */
export interface DefinedResourceTemplate {
  readonly kind: 'template';
  /** The template text, the registry key. */
  readonly uriTemplate: string;
  /** The parsed template. */
  readonly template: UriTemplate;
  /** What `resources/templates/list` publishes. */
  readonly descriptor: ResourceTemplateDescriptor;
  /** Completers by variable name. */
  readonly complete: Readonly<Record<string, Completer>>;
  /** Concrete resources for `resources/list`, if the template lists any. */
  readonly list: ResourceTemplateDefinition['list'];
  /** Reads `uri` when it matches, else resolves undefined. */
  readonly read: (uri: string, ctx: ToolContext) => Promise<ResourceContents[] | undefined>;
}

/** Defines a resource template; its variables can be completed through `completion/complete`. */
export function defineResourceTemplate(
  definition: ResourceTemplateDefinition,
): DefinedResourceTemplate {
  const { uriTemplate, name, complete = {}, list, read, ...rest } = definition;
  checkUri(uriTemplate, 'template');
  const template = new UriTemplate(uriTemplate);
  if (typeof name !== 'string' || name === '') {
    throw new FeatureError(
      'invalid_template',
      `Template ${uriTemplate}: name must be a non-empty string`,
    );
  }
  if (typeof read !== 'function') {
    throw new FeatureError('invalid_template', `Template ${uriTemplate}: read must be a function`);
  }
  for (const variable of Object.keys(complete)) {
    if (!template.variables.includes(variable)) {
      throw new FeatureError(
        'invalid_template',
        `Template ${uriTemplate}: complete.${variable} names no variable (it has ${template.variables.join(', ') || 'none'})`,
      );
    }
  }
  return {
    kind: 'template',
    uriTemplate,
    template,
    descriptor: { uriTemplate, name, ...rest },
    complete,
    list,
    read: async (uri, ctx) => {
      const variables = template.match(uri);
      if (variables === undefined) return undefined;
      return toResourceContents(await read(uri, variables, ctx), uri, rest.mimeType);
    },
  };
}
