import { t, type FieldError, type Lang } from '../i18n/messages';
import type { GenericSchema } from 'valibot';
import type { Channel } from '../../schemas/vocabulary';
import { Layout } from './layout';
import { SchemaFields } from './schema-form';

export interface IntakePageProps {
  lang: Lang;
  channel: Channel;
  schema: GenericSchema;
  values: Record<string, unknown>;
  errors: FieldError[];
  idempotencyKey: string;
}

export function IntakePage({ lang, channel, schema, values, errors, idempotencyKey }: IntakePageProps) {
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Layout lang={lang} title={`${t(lang, 'page.intakeTitle')} · ${t(lang, `channel.${channel}`)}`} switchHref={`/intake/${channel}?lang=${other}`}>
      {errors.length ? (
        <div class="errors" role="alert">
          <p>{t(lang, 'page.fixErrors')}</p>
          <ul>
            {errors.map((error) => (
              <li>{error.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/intake/${channel}`} novalidate>
        <input type="hidden" name="lang" value={lang} />
        {/* The key travels with the form, so a resubmission after a dropped connection files nothing twice. */}
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <SchemaFields schema={schema} context={{ lang, values, errors }} />
        <button type="submit">{t(lang, 'page.submit')}</button>
      </form>
    </Layout>
  );
}
