import { defineResource } from '../../features/define-resource.js';
import { defineResourceTemplate } from '../../features/define-resource-template.js';
import { TEST_IMAGE_BASE64 } from './fixtures.js';

/** The suite's static resources (`resources-*` scenarios). */
export const conformanceResources = [
  defineResource({
    uri: 'test://static-text',
    name: 'static-text',
    title: 'Static Text Resource',
    description: 'A static text resource for testing',
    mimeType: 'text/plain',
    text: 'This is the content of the static text resource.',
  }),
  defineResource({
    uri: 'test://static-binary',
    name: 'static-binary',
    title: 'Static Binary Resource',
    description: 'A static binary resource (image) for testing',
    mimeType: 'image/png',
    blob: Buffer.from(TEST_IMAGE_BASE64, 'base64'),
  }),
  defineResource({
    uri: 'test://watched-resource',
    name: 'watched-resource',
    title: 'Watched Resource',
    description: 'A resource clients may subscribe to',
    mimeType: 'text/plain',
    text: 'Watched resource content',
  }),
];

/** The suite's template, `test://template/{id}/data`. */
export const conformanceResourceTemplates = [
  defineResourceTemplate({
    uriTemplate: 'test://template/{id}/data',
    name: 'template',
    title: 'Resource Template',
    description: 'A resource template with parameter substitution',
    mimeType: 'application/json',
    complete: { id: ['1', '2', '3', '123'] },
    read: (_uri, { id }) => JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
  }),
];
