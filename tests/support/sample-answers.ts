/**
 * Hand-built Answers shaped like the engine's, with realistic Japanese content, for rendering
 * tests that must not depend on what the knowledge base happens to say today.
 */
import type { Answer, QuickReply } from '../../src/engine/answer.js';

const CONFIRM_NOTE = '※計画に書かれた内容です。現在の受付状況は、市のホームページまたは担当窓口でご確認ください。';

function answer(overrides: Partial<Answer> & Pick<Answer, 'query'>): Answer {
  return {
    answered: true,
    intent: 'search',
    municipality: null,
    message: null,
    card: null,
    entryId: null,
    hits: [],
    quickReplies: [],
    trace: { normalized: overrides.query, terms: [], readings: [], municipalitySource: 'none' },
    ...overrides,
  };
}

const ask = (text: string): QuickReply => ({ type: 'message', label: text, text });

/** 「RPAとは」: a glossary card with sources and related terms. */
export function glossaryAnswer(): Answer {
  return answer({
    query: 'RPAとは',
    intent: 'definition',
    entryId: 'rpa',
    card: {
      title: 'RPA（Robotic Process Automation）',
      lead: 'パソコン上の定型的な事務作業を、ソフトウェアのロボットが人の代わりに自動で行う技術です。',
      details: [
        '嬉野市の計画では「コンピュータが決まった作業を自動で行う技術」と説明されています。',
        '薩摩川内市の計画では、データ入力やフォームの処理などを自動化し、職員がより高度な業務に集中できるようにするとしています。',
      ],
      sources: [
        '出典：西之表市「西之表市DX推進計画」6 基本方針と重点取組事項 > 1-2. AI・RPAの利活用推進と新たなデジタル技術の導入（脚注8）',
        '出典：嬉野市「嬉野市DX推進計画」用語説明（用語説明 ※７）',
        '出典：薩摩川内市「薩摩川内市DX推進計画」第4章 行政DX > 5. デジタル化による業務効率化（注42）',
      ],
    },
    quickReplies: [ask('AI-OCRとは'), ask('BPRとは'), ask('ノーコードとは')],
  });
}

/** 「児童手当の現況届はオンラインで出せますか」: a procedure card with a caveat and a link. */
export function procedureAnswer(): Answer {
  return answer({
    query: '児童手当の現況届はオンラインで出せますか',
    intent: 'procedure',
    municipality: '鹿屋市',
    entryId: 'kanoya-jidouteate-genkyoutodoke',
    card: {
      title: '児童手当の現況届（鹿屋市）',
      lead: '鹿屋市の計画では「マイナポータル（ぴったりサービス）から電子申請できる」とされています（実施済み・令和4年度〜）。',
      details: ['方法：マイナポータル（ぴったりサービス）', '分類：子育て関係'],
      sources: ['出典：鹿屋市「第2期鹿屋市DX推進計画」第3章 > 行政手続のオンライン化（表3）'],
      url: 'https://www.city.kanoya.lg.jp/kodomo/jidouteate/genkyoutodoke.html',
      note: CONFIRM_NOTE,
    },
    quickReplies: [ask('転出届はオンラインで出せる？'), ask('オンラインでできる介護の手続きは')],
  });
}

/** A plain message with no card, as for a greeting or help. */
export function plainMessageAnswer(): Answer {
  return answer({
    query: 'こんにちは',
    intent: 'greeting',
    message:
      'こんにちは。DX ナビです。垂水市・西之表市・鹿屋市・嬉野市・薩摩川内市のDX推進計画をもとに、オンラインでできる手続き、DXの用語の意味、各市の計画の内容（目標・期間・取り組み）をお答えします。知りたいことを短い文で送ってください。',
    quickReplies: [ask('デジタルデバイドとは'), ask('児童手当の現況届はオンラインでできる？'), ask('鹿屋市のDX推進計画の期間は')],
  });
}

/**
 * A message far over 5,000 UTF-16 units, with emoji (a surrogate pair, a ZWJ family and a flag)
 * straddling every 5,000-unit mark, and a card after it.
 */
export function longMessageAnswer(): Answer {
  const line = '鹿屋市の計画では、行政手続のオンライン化、窓口のデジタル化、デジタルデバイド対策を柱としています😀。';
  const emoji = '👨‍👩‍👧‍👦🇯🇵𠮷';
  let message = '';
  for (const mark of [4999, 9999, 14_999]) {
    while (message.length + line.length < mark) message += line;
    // Pad so the ZWJ family starts one unit before the mark: a naive cut would split its first pair.
    message += '・'.repeat(mark - message.length) + emoji;
  }
  message += line;
  return answer({ query: '鹿屋市のDXの取り組みを全部教えて', intent: 'plan', message, card: glossaryAnswer().card, entryId: 'rpa' });
}

/** Twenty suggestions, some labels over 20 characters: more than LINE can show. */
export function manyQuickRepliesAnswer(): Answer {
  const questions = Array.from({ length: 20 }, (_, index) => `質問の候補その${index + 1}：オンラインでできる子育ての手続きを教えてください`);
  return answer({
    query: '子育て',
    answered: false,
    message: 'ご質問に近い内容が複数見つかりました。もしかして、次のどれかについてですか？',
    quickReplies: questions.map((text) => ({ type: 'message', label: text, text })),
    entryId: 'rpa',
  });
}

/** A staff FAQ: answer, contact with a phone number, a labelled link and its source. */
export function faqAnswer(): Answer {
  return answer({
    query: 'マイナポータルにログインできません',
    entryId: 'faq-common-1',
    card: {
      title: 'マイナポータルの使い方を電話で聞きたい',
      lead: 'マイナポータルの操作やログインについては、国のマイナンバー総合フリーダイヤル（0120-95-0178、無料）で相談できます。',
      details: [],
      sources: ['出典：マイナンバー総合フリーダイヤルの案内 2026-12-02 確認'],
      url: 'https://myna.go.jp/',
      urlLabel: 'マイナポータル',
      contact: 'マイナンバー総合フリーダイヤル 0120-95-0178',
    },
  });
}
