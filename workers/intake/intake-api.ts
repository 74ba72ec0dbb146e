import { Hono } from 'hono';
import { channels } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { jsonBody } from '../kit/json-body';
import { t } from '../i18n/messages';
import { fileAndStart } from './file-and-start';
import { readIntake } from './file-case';
import { caseViewAsSeenBy } from '../cases/case-view';
import { policyInForce } from '../county/sla-policy';
import { requireUser } from '../middleware/auth';
import { idempotencyKeyPattern, invalidKey } from '../../schemas/idempotency-key';


export const intakeApi = new Hono<AppEnv>().use(requireUser('api'));

for (const channel of channels) {
  intakeApi.post(
    `/${channel}`,
    async (c) => {
      const lang = c.get('lang');
      const given = await jsonBody(c);
      if (!given.ok) return given.refusal;
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !idempotencyKeyPattern.test(key)) {
        return c.json(
          { error: 'invalid_idempotency_key', fields: [invalidKey] },
          422,
        );
      }
      const services = c.get('services');
      const policy = await services.timed('policy', policyInForce(c.env, services.db));
      // Every error in one round: the formats, and where the grid cell lies for a body whose formats are fine or not.
      const read = await readIntake(services.db, c.get('user'), channel, given.body, { policy, lang, now: new Date() });
      if (!read.ok) return c.json({ error: 'invalid_intake', fields: read.errors }, 422);
      const answer = await fileAndStart(services, { user: c.get('user'), channel, intake: read.intake, idempotencyKey: key, policy, lang });
      switch (answer.kind) {
        case 'invalid':
          return c.json({ error: 'invalid_intake', fields: answer.errors }, 422);
        case 'keyReused':
          return c.json(
            { error: 'idempotency_key_reused', fields: [{ field: 'Idempotency-Key', code: 'idempotencyReused', message: t(lang, 'error.idempotencyReused') }] },
            422,
          );
        case 'merged':
        case 'filed': {
          // A report that joined an earlier case shows that case: as masked as any read of it by this reader.
          const view = caseViewAsSeenBy(c.get('user'), answer.view);
          c.header('location', `/api/cases/${answer.view.id}`);
          // A replay answers as the first request did.
          if (answer.replayed) c.header('idempotent-replayed', 'true');
          // The same dispute again lands on the earlier case, which the answer shows and names (200, not a new 201).
          if (answer.kind === 'merged') {
            return c.json({ ...view, mergedRepeat: true, mergedInto: { caseId: view.id, caseNumber: view.caseNumber } }, 200);
          }
          return c.json(view, 201);
        }
      }
    },
  );
}

intakeApi.post('/:channel', (c) =>
  c.json({ error: 'unknown_channel', message: `Channel must be one of: ${channels.join(', ')}.` }, 404),
);
