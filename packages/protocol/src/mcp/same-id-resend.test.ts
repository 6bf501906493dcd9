import { describe, expect, it } from 'vitest';
import { offersSameIdResend, SAME_ID_RESEND_CAPABILITY } from './same-id-resend.js';

describe('offersSameIdResend', () => {
  it('is true only when the experimental capability names it', () => {
    expect(offersSameIdResend({ experimental: { [SAME_ID_RESEND_CAPABILITY]: {} } })).toBe(true);
    expect(offersSameIdResend({ experimental: {} })).toBe(false);
    expect(offersSameIdResend({ tools: {} })).toBe(false);
    expect(offersSameIdResend({ experimental: null })).toBe(false);
    expect(offersSameIdResend(undefined)).toBe(false);
    expect(offersSameIdResend('experimental')).toBe(false);
  });
});
