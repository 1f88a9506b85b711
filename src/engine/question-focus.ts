/**
 * The focus of a message: the words of the question itself, apart from the story before it and
 * the chat after it. Residents write 「先月子どもが生まれました！じどうてあての申請って、スマホから
 * できますか？双子？」: the entry that answers is the one that matches じどうてあての申請, and the
 * words around it must neither block the answer nor choose it.
 *
 * The rules read sentence shape only (where a sentence ends, whether it asks something, and the
 * topic marker that closes the thing asked about), never particular questions or topics.
 */
import { FRAME_ONLY, withoutFrameTail } from '../text/question-frame.js';

/** The focus of one message. */
export interface QuestionFocus {
  /** What each question of the message asks about, most telling first (one per question). */
  phrases: string[];
  /**
   * The thing each question is about, where a topic marker shows it (the words before って,
   * とは, という): 「じどうてあての申請」. Empty when no sentence marks its topic.
   */
  topics: string[];
  /** The sentences that ask something, joined: the whole question without the story. */
  questionText: string;
  /** The sentences that only tell (the story), joined; '' when there is none. */
  storyText: string;
}

// A sentence ends at 。！？ and line breaks, and after a clause that only sets the scene
// (〜たんだけど、〜ので、〜ですが、〜たら、): what follows such a comma is what is asked.
const SENTENCE_END = /(?<=[。！!？?\n…‥]|\.\.\.)|(?<=(?:けど|けれど|けども|ので|ですが|ますが|のですが|んですが|んだが|たら|だから|のか)[、,，])/u;

// A sentence asks when it carries a question mark or ends the way Japanese questions end, in
// standard or chat form (…ですか, …でしょうか, …できる？, …なの, …やっけ, …と？, 教えて).
const ASKS =
  /[?？]|(?:か|かな|かね|の|っけ|と|ん|る|い|や|じ)[。.…!！〜~ー]*$|教えて|知りたい|(?:って|とは)(?:何|なに|なん)|意味|どう(?:いう|なって|やって|したら|すれば)|誰|だれ|どこ|いつ|いくつ|どれくらい|どのくらい|どんくらい|何(?:人|件|年|業務|回|つ)|本当|ほんと|マジ|可能|幸いです|お願い/u;

// The topic marker that closes the thing asked about: 「じどうてあての申請って…」「BPRとは」「ナッジという言葉」.
// Longest first, so っていう is not read as って + いう. The って of a verb's て-form (やってる,
// 使ってそう, 変わっていく, 持ってない) is not a topic marker.
const NAMING = String.raw`っていう|って言う|という|とは|って(?!る|た|て|い[るたまくっ]|き[たてま]|ま[すし]|そう|お[るりっ]|く[れだ]|ほし|み[るた]|もら|あげ|しま|な[いく])`;
// は closes a topic only after a noun (written in kanji, katakana or letters, or ending in one
// kana as 写し, 届け do; never the は of では, には, とは, からは) and before what is asked (「基本方針はいくつ」「計画はいつまで」), not inside a phrase (「母は前の住所地で」 stays story).
const TOPIC_HA = String.raw`(?<=[\p{Script=Han}\p{Script=Katakana}ーA-Za-z0-9]|[\p{Script=Han}\p{Script=Katakana}][ぁ-ゖ])(?<![てでにとのらかばも])は(?=いくつ|いつ|どこ|どう|どれ|どの|どんな|何|なに|なん|誰|だれ|[\p{Script=Han}\p{Script=Katakana}A-Za-z、,?？])`;
// 「郵送請求のやり方が知りたい」「RPAについて教えて」: what is to be known is the topic.
const TOPIC_WANTED = String.raw`(?:が|を)(?:知りたい|教えて)|について|に関して`;
// 「確認申請をネット経由で出せるのか」「景観の届出がいるらしい」: the thing to be done online, or needed.
const TOPIC_ONLINE = String.raw`を(?=ネット|オンライン|インターネット|スマホ|電子|ウェブ|web|家から|自宅から)|が(?=いる|要る|必要)`;
const TOPIC_MARKER = new RegExp(`(?:${NAMING}|の意味|の読み方|の略|${TOPIC_HA}|${TOPIC_WANTED}|${TOPIC_ONLINE})`, 'u');
/** The markers that name a thing, which a sentence that only tells may use too (「SaaSって聞いたけど」). */
const NAMING_MARKER = new RegExp(NAMING, 'u');

/** Words left when the asked-about thing is only pointed at (「これって…」「それは…」). */
const POINTER_ONLY = /^(?:これ|それ|あれ|この|その|こちら|そちら|ここ|そこ)(?:を|は|が|の|も)?$/u;

/** Characters that make a phrase worth searching: letters or digits of any script. */
const HAS_CONTENT = /[\p{L}\p{N}]/u;

/** Finds the focus of a message (already cut to the engine's length bound). */
export function findQuestionFocus(text: string): QuestionFocus {
  const sentences = text
    .normalize('NFKC')
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter((sentence) => HAS_CONTENT.test(sentence));
  if (sentences.length <= 1) {
    const only = sentences[0] ?? text.trim();
    const phrase = topicOf(only);
    return { phrases: unique([phrase, only]), topics: marked(phrase, only), questionText: only, storyText: '' };
  }
  const asking = sentences.map((sentence) => ASKS.test(sentence));
  // A message that asks nothing in form (「児童手当の申請、オンラインで」) is all question.
  if (!asking.some(Boolean)) asking.fill(true);

  const phrases: string[] = [];
  const topics: string[] = [];
  const questions: string[] = [];
  sentences.forEach((sentence, index) => {
    if (!asking[index]) return;
    questions.push(sentence);
    const topic = topicOf(sentence);
    // 「どういう意味でしょうか」「これを取り除いてもらう申請って…」: the thing asked about is
    // in the sentence before, so that sentence is part of this question.
    const previous = index > 0 ? sentences[index - 1] : undefined;
    if (previous !== undefined && pointsBack(sentence)) {
      phrases.push(`${topicOf(previous)} ${topic}`, `${previous} ${sentence}`);
      topics.push(...marked(topic, sentence));
    } else if (previous !== undefined && !hasOwnTopic(topic)) {
      phrases.push(topicOf(previous), previous);
      topics.push(...marked(topicOf(previous), previous));
    } else {
      phrases.push(topic, sentence);
      topics.push(...marked(topic, sentence));
    }
  });
  // 「コネクテッドワンストップって聞いたんですが、…何が違うの？」: a sentence that only tells
  // can still name, with its topic marker, the thing the question is about.
  sentences.forEach((sentence, index) => {
    // Only a marker that names (って, とは, という): a story's は is about the story (「窓口や電話は緊張するので」).
    if (asking[index] || !NAMING_MARKER.test(sentence)) return;
    const topic = topicOf(sentence);
    if (topic !== sentence) {
      topics.push(topic);
      phrases.push(topic);
    }
  });
  const story = sentences.filter((_, index) => !asking[index]);
  return { phrases: unique(phrases), topics: unique(topics), questionText: questions.join(' '), storyText: story.join(' ') };
}

/**
 * The topic as a list of one when a marker cut it from its sentence, else none: without a marker
 * the last noun of a sentence is as often the channel (オンライン) as the thing asked about.
 */
function marked(topic: string, sentence: string): string[] {
  return topic !== sentence ? [topic] : [];
}

/**
 * The thing a sentence asks about: the words before its first topic marker (「じどうてあての申請」
 * of 「じどうてあての申請って、スマホからできますか」), or the whole sentence when it has none.
 */
function topicOf(sentence: string): string {
  const match = TOPIC_MARKER.exec(sentence);
  if (!match || match.index === 0) return sentence;
  const before = sentence.slice(0, match.index);
  // 「健康づくりの説明でナッジという言葉が出てきました」: the term is the last phrase before the marker.
  const lastPhrase = before.split(/[、,，]|(?<=[でにをがも])(?=[^\p{Script=Hiragana}])/u).pop() ?? before;
  return HAS_CONTENT.test(lastPhrase) && /という|っていう|って言う/.test(match[0]) ? lastPhrase.trim() : before.trim();
}

function pointsBack(sentence: string): boolean {
  return /^(?:これ|それ|あれ|その|この)/u.test(sentence);
}

/** False when a sentence's topic is only a pointer or a question word (「どういう意味でしょうか」). */
function hasOwnTopic(topic: string): boolean {
  const bare = topic.replace(/[?？!！。、.…]/gu, '').trim();
  if (POINTER_ONLY.test(bare)) return false;
  // Only question words and endings: nothing names what is asked about.
  return bare.replace(FRAME_ONLY, '').trim().length > 1;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => HAS_CONTENT.test(value)))];
}

/** Joins two things asked about together: 「生成AIとふつうのAI」, 「支給認定の申請と利用申込」. */
const COORDINATOR = /(?<=[^\p{Script=Hiragana}])[とや](?!か)|とか|、|,/u;

/** The heads of a topic: each thing it names, without the words of the question's frame. */
export function headsOf(topic: string): string[] {
  return topic
    // Quotation marks only show the words are quoted (「わんすおんりー」って…).
    .replace(/[「」『』"“”]/gu, ' ')
    .split(COORDINATOR)
    .map((part) => withoutFrameTail(afterRelativeClause(part)))
    .filter((head) => HAS_CONTENT.test(head));
}

/**
 * A relative clause only describes the noun after it (「着工前に出す確認申請」 is a 確認申請): the
 * phrase is cut after the last verb or adjective ending that runs straight into a noun.
 */
function afterRelativeClause(phrase: string): string {
  const parts = phrase.split(RELATIVE_CLAUSE_END);
  const last = parts[parts.length - 1] ?? phrase;
  return HAS_CONTENT.test(last) ? last : phrase;
}

/** A verb or adjective's plain ending (出す, やってる, 使える, 新しい, 行った) followed by a kanji or katakana noun. */
const RELATIVE_CLAUSE_END = /(?<=[るすくぐむぶぬつうい]|った|んだ|いた|した)(?=[\p{Script=Han}\p{Script=Katakana}])/u;
