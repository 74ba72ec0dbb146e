import { Hono } from 'hono';
import { intakeSchemas } from '../../schemas/intake';
import { channels } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { validated } from './validated';
import { t } from '../i18n/messages';
import { fileAndStart } from '../services/file-and-start';
import { policyInForce } from '../services/sla-policy';
import { requireUser } from '../middleware/auth';

const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

export const intakeApi = new Hono<AppEnv>().use(requireUser('api'));

for (const channel of channels) {
  intakeApi.post(
    `/${channel}`,
    validated('json', intakeSchemas[channel], 'invalid_intake'),
    async (c) => {
      const lang = c.get('lang');
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !idempotencyKeyPattern.test(key)) {
        return c.json(
          { error: 'invalid_idempotency_key', fields: [{ field: 'Idempotency-Key', message: 'Use 1 to 200 visible ASCII characters.' }] },
          422,
        );
      }
      const services = c.get('services');
      const policy = await policyInForce(c.env, services.db);
      const answer = await fileAndStart(services, { user: c.get('user'), channel, intake: c.req.valid('json'), idempotencyKey: key, policy, lang });
      switch (answer.kind) {
        case 'invalid':
          return c.json({ error: 'invalid_intake', fields: answer.errors }, 422);
        case 'keyReused':
          return c.json(
            { error: 'idempotency_key_reused', fields: [{ field: 'Idempotency-Key', message: t(lang, 'error.idempotencyReused') }] },
            422,
          );
        case 'merged':
        case 'filed':
          c.header('location', `/api/cases/${answer.view.id}`);
          // A replay answers as the first request did.
          if (answer.replayed) c.header('idempotent-replayed', 'true');
          // The same dispute again lands on the earlier case, which the answer shows and names (200, not a new 201).
          if (answer.kind === 'merged') {
            return c.json({ ...answer.view, mergedRepeat: true, mergedInto: { caseId: answer.view.id, caseNumber: answer.view.caseNumber } }, 200);
          }
          return c.json(answer.view, 201);
      }
    },
  );
}

intakeApi.post('/:channel', (c) =>
  c.json({ error: 'unknown_channel', message: `Channel must be one of: ${channels.join(', ')}.` }, 404),
);
