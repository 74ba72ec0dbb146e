import { bulkDispatchMax } from '../../schemas/bulk-dispatch';
import { t, type Lang } from '../i18n/messages';
import type { BoardChoices } from './board-filters';

/** The form the board's row checkboxes belong to (by their `form` attribute): it needs no JavaScript. */
export const bulkDispatchFormId = 'bulk-dispatch';

/**
 * Dispatch the ticked rows to one mediator, folded behind one line like the filters. The key makes each case's step
 * ID, so the form sent twice dispatches each case once.
 */
export function BulkDispatchForm({ lang, choices, back }: { lang: Lang; choices: BoardChoices; back: string }) {
  return (
    <form id={bulkDispatchFormId} method="post" action="/board/dispatch" class="bulk-dispatch">
      <details>
        <summary>{t(lang, 'board.bulkDispatch')}</summary>
        <p class="hint" id="bulk-dispatch-hint">
          {t(lang, 'board.bulkDispatchHint', { max: bulkDispatchMax })}
        </p>
        <input type="hidden" name="key" value={crypto.randomUUID()} />
        <input type="hidden" name="back" value={back} />
        <input type="hidden" name="lang" value={lang} />
        <div class="search-row">
          <div class="field">
            <label for="f-bulk-mediatorId">{t(lang, 'stepField.mediatorId')}</label>
            <select id="f-bulk-mediatorId" name="mediatorId" required aria-describedby="bulk-dispatch-hint">
              <option value="">{t(lang, 'board.bulkNoMediator')}</option>
              {choices.mediators.map((mediator) => (
                <option value={mediator.id}>{t(lang, 'board.mediatorLoad', mediator)}</option>
              ))}
            </select>
          </div>
          <button type="submit">{t(lang, 'board.bulkDispatchSubmit')}</button>
        </div>
      </details>
    </form>
  );
}

/** A row's checkbox, named by its case number for a screen reader, with a 44 px target. */
export function PickCase({ lang, id, caseNumber }: { lang: Lang; id: string; caseNumber: string }) {
  return (
    <label class="pick">
      <input type="checkbox" name="caseId" value={id} form={bulkDispatchFormId} />
      <span class="visually-hidden">{t(lang, 'board.selectCase', { caseNumber })}</span>
    </label>
  );
}
