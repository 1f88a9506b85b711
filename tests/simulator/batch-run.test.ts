import { describe, expect, it } from 'vitest';
import { batchCsv } from '../../src/simulator/batch-csv.js';
import { questionsFrom, type BatchRow } from '../../src/simulator/batch-run.js';

const row = (overrides: Partial<BatchRow>): BatchRow => ({
  question: 'RPAとは',
  intent: 'definition',
  answered: true,
  municipality: null,
  topHit: { id: 'rpa', kind: 'glossary', title: 'RPA', municipality: null, score: 12.34567, coverage: 1 },
  replySnippet: '【RPAとは】',
  replyText: '【RPAとは】\nRobotic Process Automation',
  ...overrides,
});

describe('pasted questions', () => {
  it('takes one question a line, trimmed, whatever the line ends, without blank lines', () => {
    expect(questionsFrom(' RPAとは \r\n\r\n転出届\rマイナンバー\n\t\n')).toEqual(['RPAとは', '転出届', 'マイナンバー']);
    expect(questionsFrom('')).toEqual([]);
  });
});

describe('batch CSV', () => {
  it('has a BOM, a Japanese header, CRLF rows and quoted multi-line replies', () => {
    const csv = batchCsv([row({}), row({ question: '"引用",とは', answered: false, topHit: null })]);
    expect(csv.startsWith('\uFEFF質問,意図,回答できた,回答の市,最上位の候補,候補の種類,候補の市,スコア,カバー率,回答文\r\n')).toBe(true);
    // What the page shows: 用語の意味, not "definition"; 共通, not a blank; 100%, not 1.
    expect(csv).toContain('\r\nRPAとは,用語の意味,はい,なし,RPA,用語,共通,12.35,100%,"【RPAとは】\nRobotic Process Automation"\r\n');
    expect(csv).toContain('\r\n"""引用"",とは",用語の意味,いいえ,なし,,,,,');
    const national = row({ municipality: '鹿屋市', topHit: { id: 'x', kind: 'national-procedure', title: 'T', municipality: null, score: 1, coverage: 0.834 } });
    expect(batchCsv([national])).toContain(',用語の意味,はい,鹿屋市,T,国が進める手続き,共通,1,83%,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses a question that a spreadsheet would run as a formula', () => {
    expect(batchCsv([row({ question: '=HYPERLINK("x")' })])).toContain(`\r\n"'=HYPERLINK(""x"")",`);
  });
});
