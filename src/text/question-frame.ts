/**
 * The frame of a question: the words that say what kind of question it is (申請, 手続き, 意味,
 * オンライン, やり方 …), not what it is about. 「児童手当の申請」 asks about 児童手当, and an entry
 * named 「児童手当 申請」 is named after 児童手当; both meet once their frame is taken off.
 */

/** Frame words and particles at the end of a phrase, taken off together and repeatedly. */
const FRAME_TAIL =
  /(?:の|を|は|が|も|で|って|とか|など|等|・|みたいなの|みたいなもの|みたいなこと|的なもの|のこと|こと|について|に関して|における|関係|関連|申請|手続き|手続|届出|届け出|届|申込み|申し込み|申込|申し込|予約|請求|登録|意味|読み方|よみかた|略|やり方|方法|仕方|オンライン|ネット|インターネット|スマホ|電子|[\s、,。?？!！])+$/u;

/** The phrase without the frame words at its end: 「児童手当の申請」 → 「児童手当」. */
export function withoutFrameTail(phrase: string): string {
  return phrase.replace(FRAME_TAIL, '').trim();
}

/**
 * Words that only carry the frame of a procedure question (how, online, can): a topic made of
 * these alone (「ネットで出せるようになる」) names nothing and the thing asked about is elsewhere.
 */
export const FRAME_ONLY =
  /ネット|オンライン|インターネット|スマホ|スマートフォン|パソコン|電子|出せる|出せ|できる|でき|いける|なる|なって|ように|本当|ほんと|マジ|どういう|どんな|どう|意味|何|なに|なん|でしょうか|でしょう|ですか|ますか|います|いる|ある|あります|ことですか|こと|です|ます|お?教え|いただけ|いただき|ください|下さい|幸い|か|で|に|を|は|が|も|の|て/gu;
