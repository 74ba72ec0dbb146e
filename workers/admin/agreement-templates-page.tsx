import { agreementNumberText, defaultAgreementTemplate, type AgreementTemplate } from '../../domain/agreement-template';
import { localDay } from '../../domain/clocks/local-time';
import { t, type FieldError, type MessageKey } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

export interface StationTemplate {
  code: string;
  name: string;
  /** What the agreements print now: the admin's template, or the defaults from the station's name. */
  template: AgreementTemplate;
  /** Whether the admin has set one; otherwise the defaults stand. */
  set: boolean;
}

export interface AgreementTemplatesPageProps {
  frame: Frame;
  stations: StationTemplate[];
  /** The station whose template was just saved. */
  saved?: string;
  /** A form sent back: its station, the values sent and one message per field. */
  attempt?: { code: string; values: Record<string, string>; errors: FieldError[] };
}

const fields = ['committeeName', 'sealText', 'numberPrefix'] as const;

/**
 * The admin's page for how each station's mediation committee signs its agreements: the committee's name, its seal's
 * words and its number prefix, one small form a station, each showing what the next agreement's number will look like.
 */
export function AgreementTemplatesPage({ frame, stations, saved, attempt }: AgreementTemplatesPageProps) {
  const { lang } = frame;
  const year = Number(localDay(new Date(), frame.utcOffset).slice(0, 4));
  return (
    <Layout frame={frame} title={t(lang, 'agreementTemplate.title')}>
      <p class="lead">{t(lang, 'agreementTemplate.lead')}</p>
      {saved ? (
        <p class="notice success" role="status" data-testid="flash">
          {t(lang, 'agreementTemplate.saved', { station: stations.find((station) => station.code === saved)?.name ?? saved })}
        </p>
      ) : null}
      {stations.length ? null : <p>{t(lang, 'agreementTemplate.none')}</p>}
      {stations.map((station) => {
        const sent = attempt?.code === station.code ? attempt : undefined;
        const defaults = defaultAgreementTemplate(station.name);
        return (
          <section aria-labelledby={`station-${station.code}`} data-station={station.code}>
            <h2 id={`station-${station.code}`}>{station.name}</h2>
            <p class="hint">
              {t(lang, station.set ? 'agreementTemplate.isSet' : 'agreementTemplate.isDefault')}
              {' '}
              {t(lang, 'agreementTemplate.example', { number: agreementNumberText(station.template.numberPrefix, year, 1) })}
            </p>
            <form method="post" action={`/admin/agreements/${encodeURIComponent(station.code)}`}>
              <input type="hidden" name="lang" value={lang} />
              {fields.map((name) => {
                const id = `${station.code}-${name}`;
                const error = sent?.errors.find((each) => each.field === name);
                const hintId = `${id}-hint`;
                return (
                  <div class={error ? 'field invalid' : 'field'}>
                    <label for={id}>{t(lang, `agreementTemplate.${name}` as MessageKey)}</label>
                    <span class="hint" id={hintId}>
                      {t(lang, 'agreementTemplate.defaultIs', { value: defaults[name] })}
                    </span>
                    {error ? (
                      <p class="field-error" id={`${id}-error`}>
                        <span class="visually-hidden">{t(lang, 'page.errorPrefix')}</span>
                        {error.message}
                      </p>
                    ) : null}
                    <input
                      id={id}
                      name={name}
                      type="text"
                      required
                      value={sent?.values[name] ?? station.template[name]}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${hintId} ${id}-error` : hintId}
                    />
                  </div>
                );
              })}
              <button type="submit">{t(lang, 'agreementTemplate.save')}</button>
            </form>
          </section>
        );
      })}
    </Layout>
  );
}
