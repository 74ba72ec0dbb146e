import * as v from 'valibot';
import { freeText } from './text';

/** A station's agreement template as its admin sets it on the form: the committee's name, its seal, its number prefix. */
export const agreementTemplateFormSchema = v.object({
  committeeName: freeText(2, 60),
  sealText: freeText(2, 60),
  /** "灵人调": the number reads "（2026）灵人调字第 12 号". */
  numberPrefix: v.pipe(freeText(1, 10), v.regex(/^[^\s（）()字第号]+$/u, 'numberPrefix')),
});

export type AgreementTemplateForm = v.InferOutput<typeof agreementTemplateFormSchema>;
