import { describe, expect, it } from 'vitest';
import { FeatureError } from './feature-error.js';
import { UriTemplate } from './uri-template.js';

describe('UriTemplate', () => {
  it('expands levels 1 to 3 as RFC 6570 does', () => {
    const values = { var: 'value', hello: 'Hello World!', path: '/foo/bar', x: '1024', y: '768' };
    const cases: Array<[string, string]> = [
      ['{var}', 'value'],
      ['{hello}', 'Hello%20World%21'],
      ['{+path}/here', '/foo/bar/here'],
      ['X{#var}', 'X#value'],
      ['map?{x,y}', 'map?1024,768'],
      ['X{.var}', 'X.value'],
      ['{/var,x}/here', '/value/1024/here'],
      ['{;x,y}', ';x=1024;y=768'],
      ['{?x,y}', '?x=1024&y=768'],
      ['?fixed=yes{&x}', '?fixed=yes&x=1024'],
      ['{?x,undef}', '?x=1024'],
    ];
    for (const [template, expected] of cases) {
      expect(new UriTemplate(template).expand(values)).toBe(expected);
    }
  });

  it('matches URIs back to their variables', () => {
    expect(new UriTemplate('test://template/{id}/data').match('test://template/123/data')).toEqual({
      id: '123',
    });
    expect(new UriTemplate('file:///{+path}').match('file:///a/b%20c.txt')).toEqual({
      path: 'a/b c.txt',
    });
    expect(
      new UriTemplate('app://users/{id}{?fields,lang}').match('app://users/7?lang=fr'),
    ).toEqual({
      id: '7',
      lang: 'fr',
    });
    expect(new UriTemplate('app://{a}.{b}').match('app://x.y')).toEqual({ a: 'x', b: 'y' });
  });

  it('does not let a simple variable cross a path segment', () => {
    const template = new UriTemplate('test://template/{id}/data');
    expect(template.match('test://template/1/2/data')).toBeUndefined();
    expect(template.match('test://other/1/data')).toBeUndefined();
    expect(template.variables).toEqual(['id']);
  });

  it('refuses level 4 modifiers and broken expressions with a clear error', () => {
    expect(() => new UriTemplate('a/{var:3}')).toThrow(/modifiers/);
    expect(() => new UriTemplate('a/{list*}')).toThrow(/modifiers/);
    try {
      new UriTemplate('a/{open');
      expect.unreachable();
    } catch (error) {
      expect(FeatureError.isInstance(error)).toBe(true);
      expect((error as FeatureError).code).toBe('invalid_template');
    }
  });
});
