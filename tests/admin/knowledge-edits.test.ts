import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdit, fileOfEdit, type EditOutcome } from '../../src/admin/knowledge-edits.js';
import { renderScalar } from '../../src/admin/yaml-splice.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));

function changedText(outcome: EditOutcome): string {
  if (outcome.status !== 'changed') throw new Error(`expected a change, got ${JSON.stringify(outcome)}`);
  return outcome.text;
}

/** True when `after` is `before` with one run of text inserted and nothing else touched. */
function isOneInsertion(before: string, after: string): boolean {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix += 1;
  return after.length > before.length && after.endsWith(before.slice(prefix));
}

const glossary = `# 用語のファイル
id: rpa
term: RPA
reading: あーるぴーえー
aliases:
  - ロボティック・プロセス・オートメーション   # 正式名
definitions:
  - municipality: 西之表市
    text: 定型的な事務作業を自動で行う技術。
    source: { plan: plan-nishinoomote, section: 6 基本方針 }
`;

describe('applyEdit: glossary alias', () => {
  it('adds an item to a block list, keeping comments and every other byte', () => {
    const text = changedText(applyEdit(glossary, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ロボパ' }));
    expect(text).toBe(glossary.replace('# 正式名\n', '# 正式名\n  - ロボパ\n'));
  });

  it('adds to a flow list in its own style', () => {
    const flow = glossary.replace(/aliases:\n.*\n/, 'aliases: [ ロボット ]  # 別名\n');
    const text = changedText(applyEdit(flow, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ロボパ' }));
    expect(text).toContain('aliases: [ ロボット, ロボパ ]  # 別名\n');
    expect(isOneInsertion(flow, text)).toBe(true);
    const empty = glossary.replace(/aliases:\n.*\n/, 'aliases: []\n');
    expect(changedText(applyEdit(empty, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ロボパ' }))).toContain('aliases: [ロボパ]\n');
  });

  it('creates the aliases list before definitions when there is none', () => {
    const bare = glossary.replace(/aliases:\n.*\n/, '');
    const text = changedText(applyEdit(bare, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ロボパ' }));
    expect(text).toBe(bare.replace('definitions:', 'aliases: [ロボパ]\ndefinitions:'));
  });

  it('quotes an alias only when plain YAML would read it differently', () => {
    for (const alias of ['a: b', '#タグ', '[x]', 'true', '123', '- 箇条', "it's", 'ロボ, パ', '*star', '"引用"']) {
      const text = changedText(applyEdit(glossary, { kind: 'glossary-alias', entryId: 'rpa', alias }));
      expect((parse(text) as { aliases: string[] }).aliases.at(-1)).toBe(alias);
      expect(text).toContain('# 用語のファイル');
    }
    expect(renderScalar('ロボパ', 'flow')).toBe('ロボパ');
    expect(renderScalar('a, b', 'flow')).toBe('"a, b"');
    expect(renderScalar('a, b', 'block-item')).toBe('a, b');
    expect(renderScalar('yes: no', 'map-value')).toBe('"yes: no"');
  });

  it('changes nothing when the term or an alias already says it', () => {
    expect(applyEdit(glossary, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ｒｐａ' })).toEqual({ status: 'unchanged' });
    expect(applyEdit(glossary, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ロボティックプロセスオートメーション' })).toEqual({ status: 'unchanged' });
  });

  it('falls back to re-serialising the edited document when the layout is unusual, comments kept', () => {
    // An item whose "-" sits on its own line is not a layout the splice handles.
    const odd = glossary.replace('  - ロボティック・プロセス・オートメーション   # 正式名', '  -\n    ロボティック・プロセス・オートメーション');
    const text = changedText(applyEdit(odd, { kind: 'glossary-alias', entryId: 'rpa', alias: 'ロボパ' }));
    expect((parse(text) as { aliases: string[] }).aliases).toEqual(['ロボティック・プロセス・オートメーション', 'ロボパ']);
    expect(text).toContain('# 用語のファイル');
  });

  it('reports a file that is not one entry', () => {
    expect(applyEdit('- a\n- b\n', { kind: 'glossary-alias', entryId: 'rpa', alias: 'x' })).toMatchObject({ status: 'not-found' });
    expect(applyEdit('aliases: 3\n', { kind: 'glossary-alias', entryId: 'rpa', alias: 'x' })).toMatchObject({ status: 'not-found' });
  });
});

const synonyms = `# 住民の言葉 → 計画の言葉
- id: syn-moving
  canonical: 転出
  words: [引っ越し, 引越し]
# 図書館
- id: syn-library
  canonical: 図書館
  words: [本の予約]
`;

describe('applyEdit: synonyms', () => {
  it('adds a word to the named group only', () => {
    const text = changedText(applyEdit(synonyms, { kind: 'synonym-word', groupId: 'syn-library', word: 'ブック' }));
    expect(text).toBe(synonyms.replace('words: [本の予約]', 'words: [本の予約, ブック]'));
  });

  it('changes nothing for a word the group has, and names a missing group', () => {
    expect(applyEdit(synonyms, { kind: 'synonym-word', groupId: 'syn-moving', word: '引越し' })).toEqual({ status: 'unchanged' });
    expect(applyEdit(synonyms, { kind: 'synonym-word', groupId: 'syn-moving', word: '転出' })).toEqual({ status: 'unchanged' });
    expect(applyEdit(synonyms, { kind: 'synonym-word', groupId: 'syn-nothing', word: 'x' })).toEqual({ status: 'not-found', message: 'no synonym group "syn-nothing"' });
  });

  it('appends a new group in the file’s style', () => {
    const text = changedText(applyEdit(synonyms, { kind: 'synonym-group', group: { id: 'syn-garbage', canonical: 'ごみ', words: ['ゴミ出し', '粗大ごみ'] } }));
    expect(text).toBe(`${synonyms}- id: syn-garbage\n  canonical: ごみ\n  words: [ゴミ出し, 粗大ごみ]\n`);
    const unterminated = changedText(applyEdit(synonyms.trimEnd(), { kind: 'synonym-group', group: { id: 'syn-a', canonical: 'a', words: ['b'] } }));
    expect(parse(unterminated)).toHaveLength(3);
  });

  it('names the file each edit changes', () => {
    expect(fileOfEdit({ kind: 'glossary-alias', entryId: 'rpa', alias: 'x' })).toBe('glossary/rpa.yaml');
    expect(fileOfEdit({ kind: 'synonym-word', groupId: 'syn-a', word: 'x' })).toBe('synonyms.yaml');
  });
});

describe('applyEdit on every real knowledge file', () => {
  it('inserts the new alias or word and leaves every other byte of the file as it was', () => {
    const files = readdirSync(path.join(knowledgeDir, 'glossary')).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(50);
    for (const name of files) {
      const source = readFileSync(path.join(knowledgeDir, 'glossary', name), 'utf8');
      const text = changedText(applyEdit(source, { kind: 'glossary-alias', entryId: name.replace('.yaml', ''), alias: 'テスト用の別名' }));
      expect(isOneInsertion(source, text), name).toBe(true);
      const before = parse(source) as { aliases?: string[] };
      expect(parse(text), name).toEqual({ ...before, aliases: [...(before.aliases ?? []), 'テスト用の別名'] });
    }
    const source = readFileSync(path.join(knowledgeDir, 'synonyms.yaml'), 'utf8');
    const groups = parse(source) as Array<{ id: string }>;
    for (const { id } of groups) {
      const text = changedText(applyEdit(source, { kind: 'synonym-word', groupId: id, word: 'テスト用の言葉' }));
      expect(isOneInsertion(source, text), id).toBe(true);
    }
  });
});
