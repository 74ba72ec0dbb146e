import { agreementNumberText, type AgreementTemplate } from '../../domain/agreement-template';
import { offsetMs } from '../../domain/clocks/local-time';
import type { CaseView } from '../cases/case-view';
import { t } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { printScript } from '../kit/print-script';

export interface AgreementPageProps {
  frame: Frame;
  view: CaseView;
  /** What the mediator recorded: the step's detail on the timeline. */
  recorded: { terms: string; facts?: string; responsibilities?: string; performance?: string };
  number: { year: number; number: number };
  recordedAt: string;
  template: AgreementTemplate;
  mediatorName: string | undefined;
}

/** One part of the agreement: its heading and what the mediator wrote, or a line left to write by hand. */
function Part({ frame, heading, text, testId }: { frame: Frame; heading: string; text: string | undefined; testId: string }) {
  return (
    <section data-testid={testId}>
      <h2>{heading}</h2>
      <p class="doc-text">{text ?? t(frame.lang, 'agreement.notRecorded')}</p>
    </section>
  );
}

/**
 * The mediation agreement (人民调解协议书) as People's Mediation Law Art. 29 asks for it, ready to print on A4: its
 * number, the parties' particulars, the facts and matters in dispute, each party's responsibility, what was agreed and
 * how and by when it is performed, the copies, and the lines where the parties, the mediator and the committee sign
 * and seal. Phones show as the reader's role may read them, as on the case page.
 */
export function AgreementPage({ frame, view, recorded, number, recordedAt, template, mediatorName }: AgreementPageProps) {
  const { lang } = frame;
  const local = new Date(Date.parse(recordedAt) + offsetMs(frame.utcOffset));
  const date = t(lang, 'agreement.date', { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() });
  const numberText = agreementNumberText(template.numberPrefix, number.year, number.number);
  return (
    <Layout frame={frame} title={t(lang, 'agreement.title')} script={printScript}>
      <div class="print-actions">
        <button type="button" id="print-page">
          {t(lang, 'agreement.print')}
        </button>
        <a href={`/cases/${view.id}`}>{t(lang, 'agreement.back')}</a>
        <span class="hint">{t(lang, 'agreement.printHint')}</span>
      </div>
      <article class="document" data-testid="agreement">
        <p class="doc-number" data-testid="agreement-number" data-year={String(number.year)} data-number={String(number.number)}>
          <span class="visually-hidden">{t(lang, 'agreement.number')}：</span>
          {numberText}
        </p>
        <section data-testid="agreement-parties">
          <h2>{t(lang, 'agreement.parties')}</h2>
          <table class="doc-parties">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'agreement.role')}</th>
                <th scope="col">{t(lang, 'agreement.name')}</th>
                <th scope="col">{t(lang, 'agreement.address')}</th>
                <th scope="col">{t(lang, 'agreement.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {view.parties.map((party) => (
                <tr>
                  <td>{t(lang, `parties.role.${party.role}`)}</td>
                  <th scope="row">{party.name}</th>
                  <td>{party.address ?? t(lang, 'agreement.notGiven')}</td>
                  <td>{party.phone ?? t(lang, 'agreement.notGiven')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <Part frame={frame} heading={t(lang, 'agreement.facts')} text={recorded.facts} testId="agreement-facts" />
        <Part frame={frame} heading={t(lang, 'agreement.responsibilities')} text={recorded.responsibilities} testId="agreement-responsibilities" />
        <Part frame={frame} heading={t(lang, 'agreement.terms')} text={recorded.terms} testId="agreement-terms" />
        <Part frame={frame} heading={t(lang, 'agreement.performance')} text={recorded.performance} testId="agreement-performance" />
        <p>{t(lang, 'agreement.effect')}</p>
        <p data-testid="agreement-copies">{t(lang, 'agreement.copies', { copies: view.parties.length + 1 })}</p>
        <section data-testid="agreement-signatures">
          <h2 class="visually-hidden">{t(lang, 'agreement.signatures')}</h2>
          <ul class="signature-lines">
            {view.parties.map((party) => (
              <li data-signature="party">
                <span>
                  {t(lang, 'agreement.partySignature', { role: t(lang, `parties.role.${party.role}`) })}
                  {party.name}
                </span>
                <span class="line" />
              </li>
            ))}
            <li data-signature="mediator">
              <span>
                {t(lang, 'agreement.mediatorSignature')}
                {mediatorName ? t(lang, 'agreement.mediatorName', { name: mediatorName }) : null}
              </span>
              <span class="line" />
            </li>
          </ul>
          <div class="seal" data-signature="committee">
            <p>{t(lang, 'agreement.seal', { committee: template.sealText })}</p>
            {template.committeeName === template.sealText ? null : <p>{template.committeeName}</p>}
            <p>
              <time datetime={local.toISOString().slice(0, 10)}>{date}</time>
            </p>
          </div>
        </section>
        <p class="muted no-print">
          {t(lang, 'agreement.caseNumber')}：{view.caseNumber}
        </p>
      </article>
    </Layout>
  );
}
