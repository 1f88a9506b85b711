/** A temporary copy of knowledge/ with FAQ files written into it, for tests that need FAQs of their own. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/load.js';

/** Two cities' answers to the same question, one shared answer, and one FAQ using a plan question's words. */
export const SAMPLE_FAQS: Record<string, unknown[]> = {
  'faq/kanoya.yaml': [
    {
      id: 'faq-kanoya-1',
      municipality: '鹿屋市',
      question: '粗大ごみはどこに申し込めばいいですか',
      wordings: ['粗大ごみの申込先', '大きなごみの出し方'],
      answer: '（テスト用）鹿屋市の粗大ごみの申込先です。',
      link: { url: 'https://example.jp/kanoya/sodai', label: '粗大ごみの出し方' },
      contact: '生活環境課 0994-00-0001',
      source: 'テスト用の資料 2026-04-01',
      reviewBy: '2027-03-31',
    },
    {
      id: 'faq-kanoya-2',
      municipality: '鹿屋市',
      question: '児童手当の現況届はオンラインで出せますか',
      answer: '（テスト用）鹿屋市の職員が書いた現況届の回答です。',
      source: 'https://example.jp/kanoya/genkyo',
      reviewBy: '2020-01-31',
    },
  ],
  'faq/tarumizu.yaml': [
    {
      id: 'faq-tarumizu-1',
      municipality: '垂水市',
      question: '粗大ごみはどこに申し込めばいいですか',
      wordings: ['粗大ごみの申込先'],
      answer: '（テスト用）垂水市の粗大ごみの申込先です。',
      source: 'テスト用の資料 2026-04-01',
      reviewBy: '2027-03-31',
    },
  ],
};

/** The small valid knowledge fixture, for tests that only need FAQs to be checked and written fast. */
export const SMALL_KNOWLEDGE = fileURLToPath(new URL('../fixtures/knowledge/valid/', import.meta.url));

/** Copies knowledge/ (or `base`, with knowledge/faq/ added) to a temporary directory and writes `files` (YAML) into it. */
export async function knowledgeWithFaqs(files: Record<string, unknown[]> = SAMPLE_FAQS, base: string = DEFAULT_KNOWLEDGE_DIR): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-faq-knowledge-'));
  await cp(base, dir, { recursive: true });
  if (base !== DEFAULT_KNOWLEDGE_DIR) await cp(path.join(DEFAULT_KNOWLEDGE_DIR, 'faq'), path.join(dir, 'faq'), { recursive: true });
  for (const [file, entries] of Object.entries(files)) await writeFile(path.join(dir, file), stringify(entries), 'utf8');
  return dir;
}

/** Removes a directory made by knowledgeWithFaqs. */
export async function removeKnowledge(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
