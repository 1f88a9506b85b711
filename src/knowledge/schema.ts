/**
 * The shape of every entry in `knowledge/`. docs/knowledge-format.md explains each field for
 * the staff who edit the data; this file is the machine-checked version of the same rules.
 */
import { z } from 'zod';

/** The five municipalities, plus `national` for items the national government defines. */
export const MUNICIPALITIES = ['垂水市', '西之表市', '鹿屋市', '嬉野市', '薩摩川内市'] as const;
export type Municipality = (typeof MUNICIPALITIES)[number];
export const municipalitySchema = z.enum(MUNICIPALITIES);
export const scopeSchema = z.union([municipalitySchema, z.literal('national')]);
export type Scope = z.infer<typeof scopeSchema>;

// Ids appear in file names, URLs and postback data, so they stay ASCII and lower case.
const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by "-"');
const text = z.string().trim().min(1, 'must not be empty');
const hiragana = z
  .string()
  .regex(/^[\u3041-\u309f\u30fc・ 0-9a-z]+$/, 'a reading is written in hiragana (ー and ・ allowed)');

/** Where a piece of knowledge comes from in a plan. `plan` must name an entry in knowledge/plans. */
export const sourceSchema = z.strictObject({
  plan: idSchema,
  section: text,
  footnote: text.optional(),
  page: z.number().int().positive().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

const urlSchema = z.url({ protocol: /^https?$/ });

/** A figure as the plan writes it, with the number pulled out when there is one. */
export const figureValueSchema = z.strictObject({
  text,
  number: z.number().optional(),
  unit: text.optional(),
});

export const planSchema = z.strictObject({
  id: idSchema,
  municipality: municipalitySchema,
  name: text,
  shortName: text,
  seed: text,
  /** Absent when the plan states no period (嬉野市). */
  period: z.strictObject({ from: text, to: text, text }).optional(),
  /** How the plan says it will be reviewed, when it says so. */
  review: text.optional(),
  vision: text.optional(),
  url: urlSchema.optional(),
  source: sourceSchema,
});
export type Plan = z.infer<typeof planSchema>;

export const definitionSchema = z.strictObject({
  municipality: scopeSchema,
  text,
  source: sourceSchema,
});

export const glossaryEntrySchema = z.strictObject({
  id: idSchema,
  term: text,
  reading: hiragana,
  fullName: text.optional(),
  aliases: z.array(text).default([]),
  definitions: z.array(definitionSchema).min(1, 'a term needs at least one definition'),
  related: z.array(idSchema).default([]),
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const PROCEDURE_STATUSES = ['available', 'planned', 'studying'] as const;
export const procedureStatusSchema = z.enum(PROCEDURE_STATUSES);
export type ProcedureStatus = z.infer<typeof procedureStatusSchema>;

/** A procedure on the national lists (マイナポータル / ぴったりサービス targets). */
export const nationalProcedureSchema = z.strictObject({
  id: idSchema,
  name: text,
  municipality: z.literal('national'),
  category: text,
  aliases: z.array(text).default([]),
  source: sourceSchema,
});
export type NationalProcedure = z.infer<typeof nationalProcedureSchema>;

/** What one plan says about doing a procedure (or a group of them) online. */
export const procedureSchema = z.strictObject({
  id: idSchema,
  name: text,
  municipality: municipalitySchema,
  category: text,
  aliases: z.array(text).default([]),
  channel: text,
  status: procedureStatusSchema,
  statusText: text,
  since: text.optional(),
  by: text.optional(),
  body: text,
  covers: z.array(idSchema).default([]),
  url: urlSchema.optional(),
  source: sourceSchema,
});
export type Procedure = z.infer<typeof procedureSchema>;

export const sectionSchema = z.strictObject({
  id: idSchema,
  municipality: municipalitySchema,
  path: z.array(text).min(1),
  title: text,
  body: text,
  terms: z.array(idSchema).default([]),
  url: urlSchema.optional(),
  source: sourceSchema,
});
export type Section = z.infer<typeof sectionSchema>;

export const kpiSchema = z.strictObject({
  id: idSchema,
  municipality: municipalitySchema,
  item: text,
  baseline: z.strictObject({ ...figureValueSchema.shape, asOf: text }).optional(),
  target: z.strictObject({ ...figureValueSchema.shape, year: text }),
  section: idSchema.optional(),
  source: sourceSchema,
});
export type Kpi = z.infer<typeof kpiSchema>;

export const FACT_TOPICS = ['organisation', 'survey', 'status', 'vision', 'schedule', 'other'] as const;
export const factSchema = z.strictObject({
  id: idSchema,
  municipality: municipalitySchema,
  topic: z.enum(FACT_TOPICS),
  title: text,
  body: text,
  figures: z
    .array(z.strictObject({ label: text, ...figureValueSchema.shape, asOf: text.optional() }))
    .default([]),
  source: sourceSchema,
});
export type Fact = z.infer<typeof factSchema>;

/** An FAQ's municipality: one of the five, or 共通 for every city. */
export const FAQ_COMMON = '共通';
export const faqMunicipalitySchema = z.union([municipalitySchema, z.literal(FAQ_COMMON)]);
export type FaqMunicipality = z.infer<typeof faqMunicipalitySchema>;
/** Longest FAQ answer: a LINE bubble stays readable on a phone. */
export const MAX_FAQ_ANSWER_CHARS = 500;
const MAX_FAQ_QUESTION_CHARS = 100;

const chars = (value: string) => [...value].length;
const oneLine = (value: string) => !/[\r\n]/.test(value);
const faqQuestion = text
  .refine(oneLine, '1行で書いてください（改行は使えません）')
  .refine((value) => chars(value) <= MAX_FAQ_QUESTION_CHARS, `${MAX_FAQ_QUESTION_CHARS}文字以内にしてください`);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD の形で書いてください')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    // Only a date the calendar has reads back the same (2027-02-30 does not); other shapes are the regex's.
    return !/^\d{4}-\d{2}-\d{2}$/.test(value) || (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value));
  }, '存在しない日付です');

/**
 * A question the city's staff answer themselves, beside the plans: 粗大ごみの申込先, 窓口の受付時間.
 * Matched by its wordings only (never by its answer), and answered ahead of plan text.
 */
export const faqSchema = z.strictObject({
  id: idSchema,
  municipality: faqMunicipalitySchema,
  /** The main wording. */
  question: faqQuestion,
  /** Other ways people ask the same thing. */
  wordings: z.array(faqQuestion).default([]),
  answer: text
    .refine((value) => chars(value) <= MAX_FAQ_ANSWER_CHARS, `${MAX_FAQ_ANSWER_CHARS}文字以内にしてください`),
  link: z
    .strictObject({
      url: z.url({ protocol: /^https$/, error: 'https:// で始まるURLにしてください' }),
      label: text.refine(oneLine, '1行で書いてください').refine((value) => chars(value) <= 40, '40文字以内にしてください'),
    })
    .optional(),
  /** 担当課 and phone, as staff write it: 「市民課 0994-00-0000」. */
  contact: text.refine(oneLine, '1行で書いてください').optional(),
  /** Where the answer comes from: a URL, or a document and its date. */
  source: text.refine(
    (value) => /https:\/\//.test(value) || /\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月|(?:令和|平成)\S*?年\S*?月/.test(value.normalize('NFKC')),
    '出典はURL（https://…）か、資料名と日付（例：広報かのや 2026年4月号）を書いてください',
  ),
  /** Review by this date (YYYY-MM-DD); the report lists FAQs past it. */
  reviewBy: isoDate,
});
export type Faq = z.infer<typeof faqSchema>;

/** Everyday words mapped to the words the plans use; used by search, kept as data. */
export const synonymGroupSchema = z.strictObject({
  id: idSchema,
  canonical: text,
  words: z.array(text).min(1),
});
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
