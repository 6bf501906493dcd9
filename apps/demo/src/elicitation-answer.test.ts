import { expect, test } from 'vitest';
import { answerElicitation } from './elicitation-answer.js';
import { createJsonNarrator } from './narrator-json.js';

function narrator() {
  const lines: string[] = [];
  const json = createJsonNarrator((text) => lines.push(JSON.parse(text).text));
  return { json, lines };
}

test('a form is filled in as a user would, and both sides are narrated', () => {
  const { json, lines } = narrator();
  const answer = answerElicitation(json, {
    message: 'Who are you?',
    requestedSchema: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer' },
        colour: { type: 'string', enum: ['red', 'blue'] },
        subscribe: { type: 'boolean', default: false },
      },
      required: ['name'],
    },
  });
  expect(answer).toEqual({
    action: 'accept',
    content: { name: 'Ada', age: 1, colour: 'red', subscribe: false },
  });
  expect(lines[0]).toBe(
    'the server asks the user: "Who are you?" (form: name*, age, colour, subscribe)',
  );
  expect(lines[1]).toContain('accept');
});

test('a URL-mode request is declined: the demo has no browser to open', () => {
  const { json } = narrator();
  expect(
    answerElicitation(json, { mode: 'url', url: 'https://x.test', message: 'Log in' }),
  ).toEqual({
    action: 'decline',
  });
});
