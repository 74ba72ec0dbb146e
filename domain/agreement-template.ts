/**
 * How a station's mediation committee signs its agreements (人民调解协议书): its name, the words of its seal and the
 * prefix of its numbers. A station whose admin set none takes these from its own name, as committees are usually
 * named: "灵隐派出所" → "灵隐派出所人民调解委员会", numbered "（2026）灵人调字第 12 号".
 */
export interface AgreementTemplate {
  committeeName: string;
  sealText: string;
  numberPrefix: string;
}

/** The kind of place a station's name ends in, left off for the short name its numbers start with. */
const placeSuffixes = ['派出所', '司法所', '街道办事处', '街道', '人民政府', '镇', '乡', '所'];

export function defaultAgreementTemplate(stationName: string): AgreementTemplate {
  const name = stationName.trim();
  const suffix = placeSuffixes.find((end) => name.endsWith(end) && name.length > end.length);
  const short = suffix ? name.slice(0, -suffix.length) : name;
  const committeeName = `${name}人民调解委员会`;
  return { committeeName, sealText: committeeName, numberPrefix: `${[...short][0] ?? ''}人调` };
}

/** A station's template as its admin set it, or the one its name gives when none is set. */
export function templateOf(station: { name: string; committeeName: string | null; sealText: string | null; numberPrefix: string | null }): AgreementTemplate {
  const { committeeName, sealText, numberPrefix } = station;
  return committeeName && sealText && numberPrefix ? { committeeName, sealText, numberPrefix } : defaultAgreementTemplate(station.name);
}

/** "（2026）灵人调字第 12 号": the committee's year in brackets, its prefix, then the agreement's number that year. */
export const agreementNumberText = (numberPrefix: string, year: number, number: number) => `（${year}）${numberPrefix}字第 ${number} 号`;
