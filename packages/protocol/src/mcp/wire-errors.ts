import { z } from 'zod';
import { ClientCapabilitiesSchema } from './capabilities.js';
import { ElicitRequestURLParamsSchema } from './elicitation.js';

/** `error.data` of -32022 (2026-07-28): the versions the server speaks and the one asked for. */
export const UnsupportedProtocolVersionDataSchema = z.looseObject({
  supported: z.array(z.string()),
  requested: z.string(),
});
/** `error.data` of -32022. */
export type UnsupportedProtocolVersionData = z.infer<typeof UnsupportedProtocolVersionDataSchema>;

/** `error.data` of -32021 (2026-07-28): the capabilities the request needs. */
export const MissingRequiredClientCapabilityDataSchema = z.looseObject({
  requiredCapabilities: ClientCapabilitiesSchema,
});
/** `error.data` of -32021. */
export type MissingRequiredClientCapabilityData = z.infer<
  typeof MissingRequiredClientCapabilityDataSchema
>;

/** `error.data` of -32042 (2025-11-25): the URL elicitations to complete first. */
export const UrlElicitationRequiredDataSchema = z.looseObject({
  elicitations: z.array(ElicitRequestURLParamsSchema),
});
/** `error.data` of -32042. */
export type UrlElicitationRequiredData = z.infer<typeof UrlElicitationRequiredDataSchema>;
