/**
 * Rule-based intent detection. The rules read the message after NFKC and lower-casing only (no
 * kana folding), because question endings are written in hiragana and folding would blur them.
 */

export type Intent =
  | 'greeting'
  | 'thanks'
  | 'help'
  | 'definition'
  | 'procedure'
  | 'listing'
  | 'plan'
  | 'search'
  /** Choosing or changing the person's city (src/engine/city-change.ts). */
  | 'city';

export interface IntentSignals {
  intent: Intent;
  /** The message asks about doing something online (オンライン, ネット, スマホ …). */
  online: boolean;
  /** The message describes something and asks for its name (「…するものの名前」). */
  describes: boolean;
  /** The message asks what a thing is used for (「マイナンバーカードって何に使えるの」), not what it is. */
  asksForUses: boolean;
}

const GREETING = /^(こんにち[はわ]|こんばん[はわ]|おはよう|はじめまして|初めまして|やあ|もしもし|hello|hi|hey|よろしく)/;
const THANKS = /(ありがと|有難|有り難|助かりました|助かる|サンキュー|thanks|thank you|thx)/;
const HELP = /^(ヘルプ|help|使い方|つかいかた|何ができ|なにができ|何を聞け|なにを聞け|メニュー|どう使)/;
const DEFINITION =
  /(とは|って何|ってなに|ってなん|って[?？]?$|意味|読み方|読みかた|よみかた|何て読む|なんて読む|なんてよむ|どう読む|どうよむ|何の略|なんの略|略称|の略|定義|どういうこと|どういう意味|とはなにか|何という|なんという|なんていう|何ていう)/;
// Asking for the name of something described is asking for a term — unless a city is named, when
// it is about that city's plan (「西之表市のAI議事録ツールの名前」).
const NAME_OF = /(名前|名称|何という|なんという|なんていう|何ていう|(何|なん)(と|て)(言|い|呼|よ(?!む)))/;
const CITY = /(垂水|西之表|西の表|鹿屋|嬉野|薩摩川内|川内市)/;
const ONLINE = /(オンライン|ネット|インターネット|スマホ|スマートフォン|パソコン|pc|web|ウェブ|電子申請|マイナポータル|ぴったりサービス|eltax|エルタックス|来庁せず|窓口に行かず|家から|自宅から|キャッシュレス|コンビニ)/;
const CAN_DO = /(できる|できます|出せる|出せます|申請|届け?出|手続|予約|払え|支払|納付|請求|申込|申し込)/;
const LISTING = /(どんな|どの|何が|なにが|一覧|リスト|ものを|もの[はを]?知|ものは|手続き?[はを]?(全部|すべて|教えて|知りたい)|手続き?は[?？]?$)/;
// Figures and periods are plan questions even when they mention online things
// (「オンライン申請件数の目標」 asks for a KPI, not for a procedure).
// A figure the plan means to reach (〜つもり, 〜まで増やす/減らす) asks for a target too.
const PLAN_FIGURE = /(目標|期間|件数|割合|指標|kpi|将来像|目指す姿|普及率|つもり|まで(増|減|ふや|へら)|(増|減)らす予定|増やす予定)/;
const PLAN =
  /(目標|期間|方針|取り?組|誰|だれ|体制|本部|将来像|目指す|めざす|計画|kpi|指標|施策|現状|課題|アンケート|調査|予定|いつまで|何年|件数|割合|普及率|人数|削減|名前)/;

/** Detects what the message asks for. Greetings win only when nothing else is asked. */
export function detectIntent(message: string): IntentSignals {
  const text = message.normalize('NFKC').toLowerCase().replace(/\s+/g, '').trim();
  const signals = classify(text);
  // 「…って何に使えるの」 asks for its uses: the entries about using it answer, not its definition.
  if (USES.test(text)) return { intent: signals.intent === 'definition' ? 'search' : signals.intent, online: signals.online, describes: false, asksForUses: true };
  return { ...signals, describes: signals.intent === 'definition' && NAME_OF.test(text) && !CITY.test(text), asksForUses: false };
}

const USES = /((何|なに|なん|どんなこと|どういうこと)に(使|つか)え|(何|なに|なん)に(使|つか)う|(で|では|を使うと|があれば)(何|なに|なん)が(でき|出来)|使い道|使いみち|できること)/;

/** Words that only say "what is it called", removed before searching a described thing. */
export const NAME_QUESTION_WORDS = /(の)?(名前|名称)(は|を|で|って)?|(を)?(何|なん)(と|て)(いう|言う|いい|言い|呼ぶ|呼び|よぶ|よび)(ます)?(か)?/g;

function classify(text: string): Omit<IntentSignals, 'describes' | 'asksForUses'> {
  const online = ONLINE.test(text);
  const short = text.length <= 12;
  if (short && GREETING.test(text)) return { intent: 'greeting', online };
  if (short && THANKS.test(text) && !DEFINITION.test(text)) return { intent: 'thanks', online };
  if (HELP.test(text)) return { intent: 'help', online };
  if (DEFINITION.test(text) && !/(目標|期間)/.test(text)) return { intent: 'definition', online };
  if (NAME_OF.test(text) && !CITY.test(text)) return { intent: 'definition', online };
  if (PLAN_FIGURE.test(text)) return { intent: 'plan', online };
  if (online && LISTING.test(text)) return { intent: 'listing', online };
  if (online && CAN_DO.test(text)) return { intent: 'procedure', online };
  if (PLAN.test(text)) return { intent: 'plan', online };
  if (online) return { intent: 'procedure', online };
  if (GREETING.test(text) && text.length <= 20) return { intent: 'greeting', online };
  return { intent: 'search', online };
}
