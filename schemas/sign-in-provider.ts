import * as v from 'valibot';
import { freeText } from './text';

/**
 * A county's identity provider as its admin sets it up. The issuer is the provider's own identifier (its discovery
 * document sits below it); the client secret may be left empty to keep the one already saved.
 */
export const signInProviderSchema = v.object({
  name: freeText(1, 40),
  issuer: v.pipe(v.string(), v.trim(), v.url(), v.maxLength(300)),
  clientId: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  clientSecret: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
  inService: v.optional(v.boolean(), false),
});
export type SignInProviderSettings = v.InferOutput<typeof signInProviderSchema>;
