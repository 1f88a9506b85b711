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

/** Everyday words mapped to the words the plans use; used by search, kept as data. */
export const synonymGroupSchema = z.strictObject({
  id: idSchema,
  canonical: text,
  words: z.array(text).min(1),
});
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
