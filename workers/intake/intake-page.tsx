import type { GenericSchema } from 'valibot';
import { channels, type Channel } from '../../schemas/vocabulary';
import { t, type FieldError } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { intakeDraftScript } from '../kit/intake-draft.bundle';
import { Layout } from '../kit/layout';
import { SchemaFields, type FormContext } from '../kit/schema-form';

export interface IntakePageProps {
  frame: Frame;
  channel: Channel;
  schema: GenericSchema;
  values: Record<string, unknown>;
  /** In the order of the form. */
  errors: FieldError[];
  idempotencyKey: string;
  form: Pick<FormContext, 'fixed' | 'choices' | 'rows' | 'focusRow'>;
  /** A blank form, which a draft kept on the device may fill; a form that came back from the server keeps its values. */
  fresh: boolean;
  /** Whose drafts these are: a phone passed between workers keeps each one's drafts apart. */
  draftOwner: string;
}

export function ChannelNav({ frame, current }: { frame: Frame; current?: Channel }) {
  return (
    <nav aria-label={t(frame.lang, 'page.channelsNav')}>
      <ul class="channel-tabs">
        {channels.map((channel) => (
          <li>
            <a href={`/intake/${channel}`} aria-current={channel === current ? 'page' : undefined}>
              {t(frame.lang, `channel.${channel}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The intake form. Without JavaScript it is a plain form post; with it, the draft is kept on the device as it is
 * typed and the post is resent under the same Idempotency-Key until the receipt comes (intake-draft.browser.ts).
 */
export function IntakePage({ frame, channel, schema, values, errors, idempotencyKey, form, fresh, draftOwner }: IntakePageProps) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={`${t(lang, 'page.intakeTitle')} · ${t(lang, `channel.${channel}`)}`} script={intakeDraftScript}>
      <ChannelNav frame={frame} current={channel} />
      <ErrorSummary lang={lang} errors={errors} />
      <form
        method="post"
        action={`/intake/${channel}`}
        novalidate
        data-draft={`${draftOwner}:${channel}`}
        data-fresh={fresh ? '1' : undefined}
        data-msg-sending={t(lang, 'page.sending')}
        data-msg-offline={t(lang, 'page.offlineRetrying')}
      >
        {/* Shown by the script when it fills the form from a draft kept on this device: at the top, where the filer looks first. */}
        <div class="notice" id="draft-restored" role="status" hidden>
          <p>{t(lang, 'page.draftRestored')}</p>
          <button type="button" class="secondary" data-discard-draft>
            {t(lang, 'page.discardDraft')}
          </button>
        </div>
        {/* Enter in a field files the form: the first submit button is the form's default, so it must not be "remove". */}
        <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
          {t(lang, 'page.submit')}
        </button>
        <input type="hidden" name="lang" value={lang} />
        {/* The key travels with the form, so a resubmission after a dropped connection files nothing twice. */}
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <SchemaFields schema={schema} context={{ lang, values, errors, ...form }} />
        <p class="status-line" id="draft-status" role="status" aria-live="polite"></p>
        <div class="actions">
          <button type="submit" data-submit>
            {t(lang, 'page.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
