/**
 * Requests to set or change the person's city: 「鹿屋市」 or 「かのや」 alone, 「市を変更」,
 * 「市を選び直したい」, 「住んでる市を変えたい」. Recognised before anything is searched, so a
 * request about the bot's setting never becomes an answer about a city's procedures.
 */
import { MUNICIPALITIES, type Municipality } from '../knowledge/schema.js';
import type { Answer } from './answer.js';
import { mentionedMunicipalities, withoutMunicipalityNames } from './municipality-mention.js';

/** What a city-change request asks: to choose again, perhaps naming the city it wants. */
export interface CityChangeRequest {
  named: Municipality | null;
}

// Longer messages are questions that happen to contain the words.
const MAX_REQUEST_CHARS = 30;
const CHANGE =
  /(市|まち|町|住ま?い|住んで(い|る)?|居住地|自治体|地域)[^。]{0,6}?(を|が|は|の)?(設定)?(を)?(変更|変え|かえ|選び直|選びなお|えらびなお|選び|えらび|選ぶ|えらぶ|切り?替え|切りかえ|きりかえ|再設定|設定し?直|設定)/;
// A procedure (住所変更, 転居届) or a question about one is not a request to change the setting.
const NOT_A_REQUEST = /(手続|届|申請|オンライン|できる|できま|方法|とは|って何|ってなに|住所|転居|転入|転出|引っ?越し?の)/;
// What may stand beside a city's name in a message that is only the name: 市, です, にします …
// (withoutMunicipalityNames has already taken a particle after the name: 「鹿屋市です」 leaves 「す」.)
const NAME_ONLY_REST = /^(市|し)?(す|です|だよ|だ|に|で)?(します|する|変更|へんこう|設定|して(ください)?|お願いします)?(したい|してください|です)?[。．.!！?？]*$/;

/** The request in a message, or null when the message is something else. */
export function cityChangeRequest(text: string): CityChangeRequest | null {
  const folded = text.normalize('NFKC').replace(/\s+/g, '').trim();
  if (folded.length === 0 || [...folded].length > MAX_REQUEST_CHARS) return null;
  const mentioned = mentionedMunicipalities(folded);
  if (mentioned.length === 1 && NAME_ONLY_REST.test(withoutMunicipalityNames(folded).replace(/\s+/g, ''))) return { named: mentioned[0]! };
  if (mentioned.length <= 1 && CHANGE.test(folded) && !NOT_A_REQUEST.test(folded)) return { named: mentioned[0] ?? null };
  return null;
}

/** The reply to a city-change request: the five cities to choose from, the one named first. */
export function cityChoiceAnswer(query: string, request: CityChangeRequest, current: Municipality | null): Answer {
  const now = current ? `（いまの設定：${current}）` : '';
  const message = request.named && request.named !== current ? `${request.named}に設定しますか？お住まいの市を選んでください${now}。` : `お住まいの市を選んでください${now}。`;
  return {
    query,
    answered: false,
    intent: 'city',
    municipality: current,
    message,
    card: null,
    entryId: null,
    hits: [],
    quickReplies: [],
    cityChoice: { suggested: request.named },
    trace: { normalized: query.normalize('NFKC').trim(), terms: [], readings: [], municipalitySource: current ? 'remembered' : 'none' },
  };
}

/** The cities in the order to offer them: the suggested one first. */
export function citiesToOffer(suggested: Municipality | null): Municipality[] {
  return suggested ? [suggested, ...MUNICIPALITIES.filter((city) => city !== suggested)] : [...MUNICIPALITIES];
}

/**
 * Whether the person's city changes the answer: procedure answers say what the person's own city's
 * plan says. Someone who never chose a city is asked (once) when this is true.
 */
export function cityMatters(answer: Pick<Answer, 'answered' | 'intent' | 'municipality' | 'hits'>): boolean {
  if (!answer.answered || answer.municipality !== null) return false;
  const kind = answer.hits[0]?.kind;
  return answer.intent === 'procedure' || answer.intent === 'listing' || kind === 'procedure' || kind === 'national-procedure';
}
